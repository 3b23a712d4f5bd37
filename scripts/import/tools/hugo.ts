// A Hugo blog: pages under `content/` (the main sections' pages; a folder with `index.md` is a
// page bundle whose files go with it), TOML/YAML/JSON front matter, `[permalinks]`, `static/`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeDate } from '../dates.ts';
import { parseSettings, readSource } from '../source.ts';
import type { Blog, OldPost } from '../types.ts';
import { filesUnder, firstExisting, isDir, joinPath } from './files.ts';

const CONFIG_NAMES = [
  'hugo.toml',
  'hugo.yaml',
  'hugo.yml',
  'hugo.json',
  'config.toml',
  'config.yaml',
  'config.yml',
  'config.json',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export const hugoConfig = (root: string) =>
  firstExisting(root, CONFIG_NAMES) ?? firstExisting(path.join(root, 'config/_default'), CONFIG_NAMES);

/** Hugo's `urlize`: lower case, spaces as hyphens, no characters a path must escape. */
export const urlize = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}\-_./]/gu, '');

/** A section's pages: its markdown files and page bundles (`index.md`), not `_index.md` nor a bundle's other files. */
function sectionPages(dir: string): string[] {
  const files = filesUnder(dir).filter((file) => /\.(md|markdown)$/i.test(file));
  const bundles = files
    .filter((file) => /^index\.[^.]+$/.test(path.basename(file)))
    .map((file) => path.dirname(file) + path.sep);
  return files.filter((file) => {
    const base = path.basename(file).replace(/\.[^.]+$/, '');
    if (base.startsWith('_')) return false;
    // A page bundle's other markdown files are its resources, not pages.
    return base === 'index' || !bundles.some((bundle) => file.startsWith(bundle));
  });
}

export function readHugo(root: string): Blog {
  const configFile = hugoConfig(root)!;
  const config = parseSettings(readFileSync(configFile, 'utf8'), configFile);
  const contentDir = path.join(root, typeof config.contentDir === 'string' ? config.contentDir : 'content');
  const params = (config.params ?? {}) as Record<string, unknown>;
  const configured = [params.mainSections, params.main_sections, config.mainSections].find(Array.isArray) as
    string[] | undefined;
  const sections =
    configured ?? ['posts', 'post', 'blog', 'articles'].filter((name) => isDir(path.join(contentDir, name)));
  const permalinks = permalinkPatterns(config);
  const ugly = config.uglyURLs === true || config.uglyurls === true;
  const posts = sections.flatMap((section) =>
    sectionPages(path.join(contentDir, section)).map((file) => {
      const folder = /^index\.[^.]+$/.test(path.basename(file)) ? path.dirname(file) : undefined;
      const name = folder ? path.basename(folder) : path.basename(file).replace(/\.[^.]+$/, '');
      const source = readSource(readFileSync(file, 'utf8'));
      const post: OldPost = {
        file,
        relative: path.relative(root, file),
        ...(folder ? { folder } : {}),
        source,
        name,
        oldUrls: [],
        urlRule: '',
      };
      const within = path.relative(path.join(contentDir, section), path.dirname(folder ?? file));
      setOldUrls(post, section, within, permalinks[section], ugly);
      return post;
    }),
  );
  const baseURL =
    typeof config.baseURL === 'string' ? config.baseURL : typeof config.baseurl === 'string' ? config.baseurl : '';
  const themes = [config.theme].flat().filter((theme): theme is string => typeof theme === 'string');
  const taxonomies = (config.taxonomies ?? { tag: 'tags', category: 'categories' }) as Record<string, string>;
  return {
    tool: 'hugo',
    root,
    detectedBy: path.relative(root, configFile),
    posts,
    fileRoots: [
      path.join(root, 'static'),
      contentDir,
      ...themes.map((theme) => path.join(root, 'themes', theme, 'static')),
      root,
    ],
    moreMarkers: [],
    ...(/^https?:\/\//.test(baseURL) ? { siteUrl: baseURL.replace(/\/$/, '') } : {}),
    basePath: pathOf(baseURL),
    tagPages: Object.values(taxonomies).map((plural) => `/${plural}/{tag}/`),
    notes: configured
      ? []
      : [
          `the main sections were not configured; imported the pages of ${sections.map((name) => `content/${name}/`).join(', ') || 'no section'}`,
        ],
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname.replace(/\/$/, '');
  } catch {
    return '';
  }
}

/** `[permalinks]` (or `[permalinks.page]`): section → pattern. */
function permalinkPatterns(config: Record<string, unknown>): Record<string, string> {
  const table = (config.permalinks ?? {}) as Record<string, unknown>;
  const page = (table.page ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries({ ...table, ...page }).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function setOldUrls(post: OldPost, section: string, within: string, pattern: string | undefined, ugly: boolean): void {
  const fields = post.source.fields;
  const slug = typeof fields.slug === 'string' && fields.slug.trim() ? fields.slug.trim() : undefined;
  const title = typeof fields.title === 'string' ? fields.title : post.name;
  const aliases = (
    Array.isArray(fields.aliases) ? fields.aliases : typeof fields.aliases === 'string' ? [fields.aliases] : []
  )
    .map(String)
    .map((alias) => (alias.startsWith('/') || /^https?:/.test(alias) ? alias : joinPath(section, alias)));
  if (typeof fields.url === 'string') {
    post.oldUrls = [fields.url, ...aliases];
    post.urlRule = 'its own url';
    return;
  }
  let address: string;
  if (pattern) {
    const date = normalizeDate(fields.date) ?? '0000-00-00';
    const [year, month, day] = date.slice(0, 10).split('-') as [string, string, string];
    const values: Record<string, string> = {
      year,
      month,
      monthname: MONTHS[Number(month) - 1]?.toLowerCase() ?? '',
      day,
      section,
      sections: joinPath(section, within).slice(1),
      title: urlize(title),
      slug: urlize(slug ?? title),
      filename: post.name,
      contentbasename: post.name,
      slugorfilename: slug ? urlize(slug) : post.name,
      slugorcontentbasename: slug ? urlize(slug) : post.name,
    };
    address = joinPath(pattern.replace(/:(\w+)/g, (match, name: string) => values[name.replace(/-/g, '')] ?? match));
    post.urlRule = `[permalinks] ${section} = "${pattern}"`;
  } else {
    address = joinPath(section, within, urlize(slug ?? post.name)) + '/';
    post.urlRule = 'Hugo’s default, /section/name/';
  }
  if (ugly && address.endsWith('/')) address = address.slice(0, -1) + '.html';
  post.oldUrls = [address.toLowerCase(), ...aliases];
}
