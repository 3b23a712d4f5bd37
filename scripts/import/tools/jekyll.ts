// A Jekyll blog: `_posts/YYYY-MM-DD-name.md` (and `_drafts/`), `_config.yml`'s `permalink`,
// `baseurl` and `excerpt_separator`; tag pages where jekyll-archives makes them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normalizeDate } from '../dates.ts';
import { parseSettings, readSource } from '../source.ts';
import type { Blog, OldPost } from '../types.ts';
import { filesUnder, firstExisting, joinPath } from './files.ts';

const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};
const MARKDOWN = /\.(md|markdown|mkdown|mkdn|mkd)$/i;

export const jekyllConfig = (root: string) => firstExisting(root, ['_config.yml', '_config.yaml', '_config.toml']);

export function readJekyll(root: string): Blog {
  const configFile = jekyllConfig(root)!;
  const config = parseSettings(readFileSync(configFile, 'utf8'), configFile);
  const permalink = typeof config.permalink === 'string' ? config.permalink : 'date';
  const pattern = STYLES[permalink] ?? permalink;
  const posts: OldPost[] = [];
  const notes: string[] = [];
  for (const file of filesUnder(path.join(root, '_posts'))) {
    const match = /^(\d{4}-\d{2}-\d{2})-(.+)\.[^.]+$/.exec(path.basename(file));
    if (!MARKDOWN.test(file) || !match) {
      notes.push(`${path.relative(root, file)}: not a markdown post named YYYY-MM-DD-name.md; not imported`);
      continue;
    }
    const source = readSource(readFileSync(file, 'utf8'));
    const post: OldPost = {
      file,
      relative: path.relative(root, file),
      source,
      name: match[2]!,
      fileDate: match[1]!,
      oldUrls: [],
      urlRule: '',
    };
    const own = source.fields.permalink;
    post.urlRule = typeof own === 'string' ? 'its own permalink' : `permalink: ${permalink}`;
    post.oldUrls = [typeof own === 'string' ? own : fillPermalink(pattern, post)];
    posts.push(post);
  }
  for (const file of filesUnder(path.join(root, '_drafts')).filter((file) => MARKDOWN.test(file))) {
    const source = readSource(readFileSync(file, 'utf8'));
    const name = path.basename(file).replace(/\.[^.]+$/, '');
    posts.push({
      file,
      relative: path.relative(root, file),
      source,
      name,
      oldUrls: [],
      urlRule: 'a draft: no old address',
      draft: true,
    });
  }
  const plugins = [...asList(config.plugins), ...asList(config.gems)];
  const archives = config['jekyll-archives'] as { permalinks?: Record<string, string> } | undefined;
  const tagPages = plugins.includes('jekyll-archives')
    ? ['tag', 'category'].map((kind) => (archives?.permalinks?.[kind] ?? `/${kind}/:name/`).replace(':name', '{tag}'))
    : [];
  return {
    tool: 'jekyll',
    root,
    detectedBy: path.basename(configFile),
    posts,
    fileRoots: [root],
    ...siteUrl(config.url, config.baseurl),
    moreMarkers: typeof config.excerpt_separator === 'string' ? [config.excerpt_separator] : [],
    basePath: typeof config.baseurl === 'string' ? config.baseurl.replace(/\/$/, '') : '',
    tagPages,
    notes,
  };
}

/** `url` and `baseurl`: where the old site was. */
function siteUrl(url: unknown, baseurl: unknown): { siteUrl?: string } {
  return typeof url === 'string' && /^https?:\/\//.test(url)
    ? { siteUrl: `${url.replace(/\/$/, '')}${typeof baseurl === 'string' ? baseurl.replace(/\/$/, '') : ''}` }
    : {};
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The post's address by Jekyll's permalink placeholders. */
function fillPermalink(pattern: string, post: OldPost): string {
  const fields = post.source.fields;
  const date = normalizeDate(fields.date) ?? post.fileDate ?? '0000-00-00';
  const [year, month, day] = date.slice(0, 10).split('-') as [string, string, string];
  const time = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(date);
  const categories = [fields.categories, fields.category]
    .flatMap((value) =>
      typeof value === 'string' ? value.split(/\s+/) : Array.isArray(value) ? value.map(String) : [],
    )
    .filter(Boolean)
    .map((category) => category.toLowerCase());
  const slug = typeof fields.slug === 'string' ? fields.slug : post.name;
  const yearDay = Math.round((Date.UTC(+year, +month - 1, +day) - Date.UTC(+year, 0, 0)) / 86_400_000);
  const values: Record<string, string> = {
    year,
    month,
    i_month: String(Number(month)),
    day,
    i_day: String(Number(day)),
    short_year: year.slice(2),
    y_day: String(yearDay).padStart(3, '0'),
    hour: time?.[1] ?? '00',
    minute: time?.[2] ?? '00',
    second: time?.[3] ?? '00',
    title: slug,
    slug: slug.toLowerCase(),
    categories: [...new Set(categories)].join('/'),
    output_ext: '.html',
  };
  const filled = pattern.replace(/:(\w+)/g, (match, name: string) => values[name] ?? match);
  return joinPath(filled);
}
