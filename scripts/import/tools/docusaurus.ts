// A Docusaurus blog: `blog/YYYY-MM-DD-name.md(x)` or `blog/YYYY-MM-DD-name/index.md(x)`,
// addressed `/blog/YYYY/MM/DD/name` (or `/blog/<slug>` by its front matter), the plugin's
// `path` and `routeBasePath` from `docusaurus.config.*`, `static/` for `/img/…`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSource } from '../source.ts';
import type { Blog, OldPost } from '../types.ts';
import { filesUnder, firstExisting, joinPath } from './files.ts';

export const docusaurusConfig = (root: string) =>
  firstExisting(root, [
    'docusaurus.config.js',
    'docusaurus.config.ts',
    'docusaurus.config.mjs',
    'docusaurus.config.cjs',
  ]);

function siteOf(config: string, root: string): { siteUrl?: string } {
  // `url: 'https://…'`, or (as Prettier's site does) `url: packageJson.homepage`.
  const url =
    /\burl:\s*["'](https?:\/\/[^"']+)["']/.exec(config)?.[1] ??
    (/\burl:\s*\w+\.homepage\b/.test(config) ? homepage(root) : undefined);
  const base = /\bbaseUrl:\s*["'](\/[^"']*)["']/.exec(config)?.[1] ?? '';
  return url ? { siteUrl: `${url.replace(/\/$/, '')}${base.replace(/\/$/, '')}` } : {};
}

/** The `homepage` of the site's package.json, or of the repository's around it. */
function homepage(root: string): string | undefined {
  for (const file of [path.join(root, 'package.json'), path.join(root, '..', 'package.json')]) {
    try {
      const value = (JSON.parse(readFileSync(file, 'utf8')) as { homepage?: unknown }).homepage;
      if (typeof value === 'string' && /^https?:\/\//.test(value)) return value;
    } catch {
      // no package.json there
    }
  }
  return undefined;
}

export function readDocusaurus(root: string): Blog {
  const configFile = docusaurusConfig(root)!;
  const config = readFileSync(configFile, 'utf8');
  const blogOptions = /\bblog:\s*\{([\s\S]*?)\n\s{0,8}\}/.exec(config)?.[1] ?? '';
  const blogDir = path.join(root, /\bpath:\s*["']([^"']+)["']/.exec(blogOptions)?.[1] ?? 'blog');
  const routeBase = /\brouteBasePath:\s*["']([^"']*)["']/.exec(blogOptions)?.[1] ?? 'blog';
  const slash = /trailingSlash:\s*true/.test(config) ? '/' : '';
  const posts: OldPost[] = [];
  for (const file of filesUnder(blogDir).filter((file) => /\.mdx?$/.test(file))) {
    const relative = path.relative(blogDir, file).split(path.sep).join('/');
    if (relative.split('/').some((part) => part.startsWith('_'))) continue;
    const isIndex = /(^|\/)index\.mdx?$/.test(relative);
    const withoutExt = (isIndex ? path.dirname(relative) : relative.replace(/\.mdx?$/, '')).replace(/^\.$/, '');
    const dated = /^(?:(.*)\/)?(\d{4})[-/](\d{2})[-/](\d{2})[-/](.+)$/.exec(withoutExt);
    const source = readSource(readFileSync(file, 'utf8'));
    const name = dated ? path.basename(dated[5]!) : path.basename(withoutExt);
    const ownSlug = typeof source.fields.slug === 'string' ? source.fields.slug : undefined;
    const slug =
      ownSlug ??
      (dated ? `${dated[1] ? `${dated[1]}/` : ''}${dated[2]}/${dated[3]}/${dated[4]}/${dated[5]}` : withoutExt);
    posts.push({
      file,
      relative: path.relative(root, file),
      ...(isIndex ? { folder: path.dirname(file) } : {}),
      source,
      name: ownSlug ? path.basename(ownSlug) : name,
      ...(dated ? { fileDate: `${dated[2]}-${dated[3]}-${dated[4]}` } : {}),
      oldUrls: [joinPath(routeBase, slug) + slash],
      urlRule: ownSlug ? 'its own slug' : `Docusaurus’s /${routeBase}/YYYY/MM/DD/name`,
    });
  }
  return {
    tool: 'docusaurus',
    root,
    detectedBy: path.basename(configFile),
    posts,
    fileRoots: [path.join(root, 'static'), root],
    moreMarkers: [],
    ...siteOf(config, root),
    basePath: /\bbaseUrl:\s*["']([^"']*)["']/.exec(config)?.[1]?.replace(/\/$/, '') ?? '',
    tagPages: [joinPath(routeBase, 'tags', '{tag}') + slash],
    notes: [],
  };
}
