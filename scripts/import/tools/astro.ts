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

export function readAstro(root: string): Blog {
  const configFile = astroConfig(root)!;
  const configText = readFileSync(configFile, 'utf8');
  const pagesDir = path.join(root, 'src/pages');
  const pageFiles = filesUnder(pagesDir);
  const routeDirs = pageFiles
    .filter((file) => DYNAMIC.test(path.basename(file)))
    .map((file) => path.relative(pagesDir, path.dirname(file)).split(path.sep).join('/'))
    .filter((dir) => !/tag|categor|image/i.test(dir));
  const main = routeDirs.filter((dir) => !/^[a-z]{2}(\/|$)/.test(dir)).sort((a, b) => a.length - b.length)[0] ?? 'blog';
  const slash = /trailingSlash:\s*["']never["']/.test(configText) ? '' : '/';
  const posts: OldPost[] = [];
  for (const collection of collectionDirs(root)) {
    for (const file of filesUnder(collection).filter(
      (file) => MARKDOWN.test(file) && !path.basename(file).startsWith('_'),
    )) {
      const source = readSource(readFileSync(file, 'utf8'));
      const parts = path.relative(collection, file).split(path.sep);
      const last = parts.pop()!;
      const [stem, language] = last.replace(MARKDOWN, '').split('.') as [string, string | undefined];
      const isIndex = stem === 'index' && parts.length > 0;
      const folder = isIndex ? path.dirname(file) : undefined;
      const name = isIndex ? parts.pop()! : stem;
      // A language: `index.pt.mdx`, a first folder `pt/`, or a collection of its own (`blog/pt`).
      let lang = language;
      if (!lang && parts[0] && /^[a-z]{2}$/.test(parts[0])) lang = parts.shift();
      if (!lang && /^[a-z]{2}$/.test(path.basename(collection))) lang = path.basename(collection);
      const languageRoute = lang ? joinPath(lang, main).replace(/\/$/, '') : undefined;
      const prefixed = languageRoute !== undefined && routeDirs.includes(languageRoute.slice(1));
      const route = prefixed ? languageRoute : joinPath(main);
      const slug = typeof source.fields.slug === 'string' ? source.fields.slug : [...parts, name].join('/');
      const address = joinPath(route, slug.toLowerCase().replace(/\s+/g, '-')) + slash;
      posts.push({
        file,
        relative: path.relative(root, file),
        ...(folder ? { folder } : {}),
        source,
        // The language with its own prefix in the address keeps it in the slug too.
        name: prefixed ? `${name}-${lang}` : name,
        oldUrls: [address],
        urlRule: `the route src/pages/${route.slice(1) ? `${route.slice(1)}/` : ''}[…].astro`,
      });
    }
  }
  for (const file of pageFiles.filter((file) => MARKDOWN.test(file))) {
    const source = readSource(readFileSync(file, 'utf8'));
    if (!('date' in source.fields || 'pubDate' in source.fields)) continue;
    const route = path
      .relative(pagesDir, file)
      .replace(MARKDOWN, '')
      .replace(/(^|\/)index$/, '');
    const name = path.basename(route) || 'index';
    posts.push({
      file,
      relative: path.relative(root, file),
      source,
      name,
      oldUrls: [joinPath(route) + slash],
      urlRule: 'its place in src/pages/',
    });
  }
  const tagRoutes = pageFiles
    .map((file) => path.relative(pagesDir, file).split(path.sep).join('/'))
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
    tagPages: tagRoutes.map((route) => joinPath(path.dirname(route), '{tag}') + slash),
    notes: [],
  };
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
