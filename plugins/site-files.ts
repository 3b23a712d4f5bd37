// The files of the site besides its pages: `_headers` for hosts that read it, and with
// SITE_URL the feeds, the sitemap and robots.txt. One step, fed by the page list.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PageData, Post } from '../src/content.ts';
import { FEED_FILES } from '../src/routes.ts';
import { feedFiles } from './feeds.ts';
import { contentSecurityPolicy, escapeHtml, type SiteOptions } from './head.ts';
import type { Page } from './pages.ts';

/** The file names `writeSiteFiles` writes, so that posts may link to them. */
export function siteFileNames(site: SiteOptions): string[] {
  return ['_headers', ...(site.siteUrl ? [...FEED_FILES.map((feed) => feed.file), 'sitemap.xml', 'robots.txt'] : [])];
}

/** Writes the site files (those whose bytes changed) and returns their names. */
export async function writeSiteFiles(
  outDir: string,
  pages: Page[],
  posts: Post[],
  site: SiteOptions,
): Promise<string[]> {
  const files: Record<string, string> = { _headers: headersFile(site) };
  if (site.siteUrl) {
    Object.assign(files, feedFiles(posts, { ...site, siteUrl: site.siteUrl }));
    files['sitemap.xml'] = sitemap(pages, site.siteUrl, site.base);
    files['robots.txt'] = `User-agent: *\nAllow: /\n\nSitemap: ${site.siteUrl}${site.base}sitemap.xml\n`;
  }
  await mkdir(outDir, { recursive: true });
  await Promise.all(
    Object.entries(files).map(async ([name, content]) => {
      const file = path.join(outDir, name);
      if ((await readFile(file, 'utf8').catch(() => undefined)) !== content) await writeFile(file, content);
    }),
  );
  return Object.keys(files);
}

/**
 * `_headers` for Netlify and Cloudflare Pages: the policy as a real header (with
 * frame-ancestors, which a meta tag cannot carry), and a year's cache for hashed assets.
 */
function headersFile({ base, styleHash, frames }: SiteOptions): string {
  return `${base}*
  Content-Security-Policy: ${contentSecurityPolicy({ styleHash, frames })}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
${base}assets/*
  Cache-Control: public, max-age=31536000, immutable
`;
}

/** The date a page last changed: its post's `updated` or `date`, or the newest post it lists. */
function lastModified(data: PageData): string | undefined {
  switch (data.kind) {
    case 'post':
      return data.post.updated ?? data.post.date;
    case 'home':
    case 'tag':
      return data.posts
        .map((post) => post.date)
        .sort()
        .at(-1);
    case 'archive':
      return data.years[0]?.posts[0]?.date;
    default:
      return undefined;
  }
}

function sitemap(pages: Page[], siteUrl: string, base: string): string {
  const urls = pages.map((page) => {
    const date = lastModified(page.data);
    const lastmod = date ? `<lastmod>${date.slice(0, 10)}</lastmod>` : '';
    return `  <url><loc>${escapeHtml(`${siteUrl}${base}${page.path.slice(1)}`)}</loc>${lastmod}</url>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}
