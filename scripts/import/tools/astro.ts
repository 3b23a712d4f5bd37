// An Astro blog: content collections (`src/content/<name>/`, or a glob loader's `base`) shown
// by a dynamic route such as `src/pages/blog/[...slug].astro`, and markdown pages in
// `src/pages/` that have a date. Astro's routes are code, so the old address is worked out
// from where those files are; the report says how.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSource } from '../source.ts';
import type { Blog, OldPost } from '../types.ts';
import { filesUnder, firstExisting, isDir, joinPath } from './files.ts';

const MARKDOWN = /\.(md|mdx|markdown)$/i;
const DYNAMIC = /^\[(?:\.\.\.)?(?:slug|id|post|path)\]\.(astro|ts|js)$/;

export const astroConfig = (root: string) =>
  firstExisting(root, [
    'astro.config.mjs',
    'astro.config.ts',
    'astro.config.js',
    'astro.config.mts',
    'astro.config.cjs',
  ]);

/** Where the site's pages are, and its routes that show posts. */
interface Routes {
  pagesDir: string;
  pageFiles: string[];
  /** Folders (below src/pages) holding a dynamic route such as `[...slug].astro`. */
  dirs: string[];
  /** The one for the main language: the shortest not under a language folder. */
  main: string;
  /** `/` after an address, unless the site says `trailingSlash: "never"`. */
  slash: string;
}

export function readAstro(root: string): Blog {
  const configFile = astroConfig(root)!;
  const configText = readFileSync(configFile, 'utf8');
  const routes = findRoutes(root, configText);
  const posts = [
    ...collectionDirs(root).flatMap((collection) =>
      filesUnder(collection)
        .filter((file) => MARKDOWN.test(file) && !path.basename(file).startsWith('_'))
        .map((file) => collectionPost(root, collection, file, routes)),
    ),
    ...pagePosts(root, routes),
  ];
  const tagRoutes = routes.pageFiles
    .map((file) => path.relative(routes.pagesDir, file).split(path.sep).join('/'))
    .filter((file) => /^(?:[^/]+\/)?tags?\/\[[^\]]+\]\.astro$/.test(file));
  return {
    tool: 'astro',
    root,
    detectedBy: path.basename(configFile),
    posts,
    // Markdown that names `/assets/…` meant public/ or, often, src/assets/.
    fileRoots: [path.join(root, 'public'), root, path.join(root, 'src')],
    moreMarkers: [],
    ...siteOf(configText),
    basePath: /\bbase:\s*["'](\/[^"']*)["']/.exec(configText)?.[1]?.replace(/\/$/, '') ?? '',
    tagPages: tagRoutes.map((route) => joinPath(path.dirname(route), '{tag}') + routes.slash),
    notes: [],
  };
}

function findRoutes(root: string, configText: string): Routes {
  const pagesDir = path.join(root, 'src/pages');
  const pageFiles = filesUnder(pagesDir);
  const dirs = pageFiles
    .filter((file) => DYNAMIC.test(path.basename(file)))
    .map((file) => path.relative(pagesDir, path.dirname(file)).split(path.sep).join('/'))
    .filter((dir) => !/tag|categor|image/i.test(dir));
  const main = dirs.filter((dir) => !/^[a-z]{2}(\/|$)/.test(dir)).sort((a, b) => a.length - b.length)[0] ?? 'blog';
  const slash = /trailingSlash:\s*["']never["']/.test(configText) ? '' : '/';
  return { pagesDir, pageFiles, dirs, main, slash };
}

/** A post of a content collection, at the address its dynamic route gives it. */
function collectionPost(root: string, collection: string, file: string, routes: Routes): OldPost {
  const source = readSource(readFileSync(file, 'utf8'));
  const parts = path.relative(collection, file).split(path.sep);
  const [stem, language] = parts.pop()!.replace(MARKDOWN, '').split('.') as [string, string | undefined];
  const isIndex = stem === 'index' && parts.length > 0;
  const name = isIndex ? parts.pop()! : stem;
  // A language: `index.pt.mdx`, a first folder `pt/`, or a collection of its own (`blog/pt`).
  let lang = language;
  if (!lang && parts[0] && /^[a-z]{2}$/.test(parts[0])) lang = parts.shift();
  if (!lang && /^[a-z]{2}$/.test(path.basename(collection))) lang = path.basename(collection);
  const languageRoute = lang ? joinPath(lang, routes.main).replace(/\/$/, '') : undefined;
  const prefixed = languageRoute !== undefined && routes.dirs.includes(languageRoute.slice(1));
  const route = prefixed ? languageRoute : joinPath(routes.main);
  const slug = typeof source.fields.slug === 'string' ? source.fields.slug : [...parts, name].join('/');
  return {
    file,
    relative: path.relative(root, file),
    ...(isIndex ? { folder: path.dirname(file) } : {}),
    source,
    // The language with its own prefix in the address keeps it in the slug too.
    name: prefixed ? `${name}-${lang}` : name,
    oldUrls: [joinPath(route, slug.toLowerCase().replace(/\s+/g, '-')) + routes.slash],
    urlRule: `the route src/pages/${route.slice(1) ? `${route.slice(1)}/` : ''}[…].astro`,
  };
}

/** Markdown pages of src/pages that have a date: posts at their place. */
function pagePosts(root: string, routes: Routes): OldPost[] {
  return routes.pageFiles
    .filter((file) => MARKDOWN.test(file))
    .flatMap((file) => {
      const source = readSource(readFileSync(file, 'utf8'));
      if (!('date' in source.fields || 'pubDate' in source.fields)) return [];
      const route = path
        .relative(routes.pagesDir, file)
        .replace(MARKDOWN, '')
        .replace(/(^|\/)index$/, '');
      const name = path.basename(route) || 'index';
      const oldUrls = [joinPath(route) + routes.slash];
      return [{ file, relative: path.relative(root, file), source, name, oldUrls, urlRule: 'its place in src/pages/' }];
    });
}

function siteOf(config: string): { siteUrl?: string } {
  const site = /\bsite:\s*["'](https?:\/\/[^"']+)["']/.exec(config)?.[1];
  const base = /\bbase:\s*["'](\/[^"']*)["']/.exec(config)?.[1] ?? '';
  return site ? { siteUrl: `${site.replace(/\/$/, '')}${base.replace(/\/$/, '')}` } : {};
}

/** The content collections' folders: glob loaders' `base`, else each folder of src/content. */
function collectionDirs(root: string): string[] {
  const config = firstExisting(path.join(root, 'src'), [
    'content.config.ts',
    'content.config.mjs',
    'content.config.js',
    'content/config.ts',
    'content/config.mjs',
    'content/config.js',
  ]);
  const bases = config
    ? [...readFileSync(config, 'utf8').matchAll(/base:\s*["']([^"']+)["']/g)].map((match) =>
        path.resolve(root, match[1]!),
      )
    : [];
  if (bases.length > 0) return [...new Set(bases)].filter(isDir);
  const content = path.join(root, 'src/content');
  return isDir(content)
    ? filesUnder(content)
        .map((file) => path.join(content, path.relative(content, file).split(path.sep)[0]!))
        .filter((dir, i, all) => isDir(dir) && all.indexOf(dir) === i)
    : [];
}
