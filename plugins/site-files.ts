// The files of the site besides its pages: `_headers` for hosts that read it, and with
// SITE_URL the feed and the sitemap. One step, fed by the page list.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Post } from '../src/content.ts';
import { routePath } from '../src/routes.ts';
import { SETTINGS } from '../src/settings.ts';
import { contentSecurityPolicy, escapeHtml, type SiteOptions } from './head.ts';
import type { Page } from './pages.ts';

/** The file names `writeSiteFiles` writes, so that posts may link to them. */
export function siteFileNames(site: SiteOptions): string[] {
  return ['_headers', ...(site.siteUrl ? ['feed.xml', 'sitemap.xml'] : [])];
}

export async function writeSiteFiles(outDir: string, pages: Page[], posts: Post[], site: SiteOptions): Promise<void> {
  const files: Record<string, string> = { _headers: headersFile(site.base) };
  if (site.siteUrl) {
    files['feed.xml'] = atomFeed(posts, site.siteUrl, site.base);
    files['sitemap.xml'] = sitemap(pages, site.siteUrl, site.base);
  }
  await mkdir(outDir, { recursive: true });
  await Promise.all(Object.entries(files).map(([name, content]) => writeFile(path.join(outDir, name), content)));
}

/**
 * `_headers` for Netlify and Cloudflare Pages: the policy as a real header (with
 * frame-ancestors, which a meta tag cannot carry), and a year's cache for hashed assets.
 */
function headersFile(base: string): string {
  return `${base}*
  Content-Security-Policy: ${contentSecurityPolicy()}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
${base}assets/*
  Cache-Control: public, max-age=31536000, immutable
`;
}

function isoTime(date: string): string {
  return new Date(date.length === 10 ? `${date}T00:00:00Z` : date).toISOString();
}

/** An Atom feed of the newest posts with their full text. */
function atomFeed(posts: Post[], siteUrl: string, base: string): string {
  const home = `${siteUrl}${base}`;
  const newest = posts.slice(0, 20);
  const updated =
    newest
      .map((post) => isoTime(post.updated ?? post.date))
      .sort()
      .at(-1) ?? new Date(0).toISOString();
  // Post HTML uses base-relative URLs; the feed's xml:base makes them absolute for readers.
  const entries = newest.map((post) => {
    const url = `${home}${routePath('post', { slug: post.slug }).slice(1)}`;
    return `  <entry>
    <title>${escapeHtml(post.title)}</title>
    <link href="${escapeHtml(url)}"/>
    <id>${escapeHtml(url)}</id>
    <published>${isoTime(post.date)}</published>
    <updated>${isoTime(post.updated ?? post.date)}</updated>
    <author><name>${escapeHtml(SETTINGS.author)}</name></author>
    <summary>${escapeHtml(post.excerpt)}</summary>
    <content type="html" xml:base="${escapeHtml(url)}">${escapeHtml(post.html)}</content>
${post.tags.map((tag) => `    <category term="${escapeHtml(tag.name)}"/>`).join('\n')}
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeHtml(SETTINGS.title)}</title>
  <subtitle>${escapeHtml(SETTINGS.description)}</subtitle>
  <link href="${escapeHtml(home)}"/>
  <link rel="self" href="${escapeHtml(`${home}feed.xml`)}"/>
  <id>${escapeHtml(home)}</id>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}

function sitemap(pages: Page[], siteUrl: string, base: string): string {
  const urls = pages.map((page) => {
    const post = page.data.kind === 'post' ? page.data.post : undefined;
    const lastmod = post ? `<lastmod>${(post.updated ?? post.date).slice(0, 10)}</lastmod>` : '';
    return `  <url><loc>${escapeHtml(`${siteUrl}${base}${page.path.slice(1)}`)}</loc>${lastmod}</url>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}
