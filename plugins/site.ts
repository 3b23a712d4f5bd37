// What the site is made of, derived once from the posts: its routes with their page data,
// the head of each page, the feed and the sitemap. The prerender and the dev server both
// take their route list from `siteRoutes`, so no route is listed twice.
import type { PageData, Post, PostSummary, Tag } from '../src/content.ts';
import { SITE_DESCRIPTION, SITE_TITLE, pageTitle, postPath, tagPath } from '../src/content.ts';

export interface Route {
  /** Path relative to the base, starting and ending with `/`. */
  path: string;
  data: PageData;
}

function summarise({
  html: _html,
  newer: _newer,
  older: _older,
  updated: _u,
  updatedLabel: _ul,
  ...summary
}: Post): PostSummary {
  return summary;
}

export function siteRoutes(posts: Post[]): Route[] {
  const summaries = posts.map(summarise);
  const tags = new Map<string, { tag: Tag; posts: PostSummary[] }>();
  for (const summary of summaries) {
    for (const tag of summary.tags) {
      const entry = tags.get(tag.slug) ?? { tag, posts: [] };
      entry.posts.push(summary);
      tags.set(tag.slug, entry);
    }
  }
  return [
    { path: '/', data: { kind: 'home', posts: summaries } },
    ...posts.map((post): Route => ({ path: postPath(post.slug), data: { kind: 'post', post } })),
    ...[...tags.values()].map(({ tag, posts }): Route => ({ path: tagPath(tag), data: { kind: 'tag', tag, posts } })),
  ];
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * The site's Content-Security-Policy: nothing but its own scripts, styles and images
 * run or load, so even a post that slipped past the sanitiser could not execute.
 */
const CSP: [directive: string, value: string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'self'"],
  ['frame-ancestors', "'none'"],
];

export function contentSecurityPolicy(inMetaTag = false): string {
  return CSP.filter(([directive]) => !(inMetaTag && directive === 'frame-ancestors'))
    .map(([directive, value]) => `${directive} ${value}`)
    .join('; ');
}

/**
 * `_headers` for Netlify and Cloudflare Pages: the policy as a real header (with
 * frame-ancestors, which a meta tag cannot carry), and a year's cache for hashed assets.
 */
export function headersFile(base: string): string {
  return `${base}*
  Content-Security-Policy: ${contentSecurityPolicy()}
  X-Content-Type-Options: nosniff
  Referrer-Policy: strict-origin-when-cross-origin
${base}assets/*
  Cache-Control: public, max-age=31536000, immutable
`;
}

export interface SiteOptions {
  base: string;
  /** Absolute origin without a trailing slash, or undefined when SITE_URL is not set. */
  siteUrl: string | undefined;
}

function description(page: PageData | null): string {
  switch (page?.kind) {
    case 'post':
      return page.post.excerpt;
    case 'tag':
      return `Posts tagged “${page.tag.name}” on ${SITE_TITLE}.`;
    default:
      return SITE_DESCRIPTION;
  }
}

/** The `<head>` tags of one page (the title replaces the template's). */
export function headTags(path: string | null, page: PageData | null, options: SiteOptions): string {
  const tags = [
    // Hosts that cannot send headers (GitHub Pages) still get the policy; frame-ancestors needs the header.
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(true)}">`,
    `<title>${escapeHtml(pageTitle(page))}</title>`,
    `<meta name="description" content="${escapeHtml(description(page))}">`,
  ];
  if (options.siteUrl && path) {
    const url = `${options.siteUrl}${options.base}${path.slice(1)}`;
    tags.push(
      `<link rel="canonical" href="${escapeHtml(url)}">`,
      `<meta property="og:url" content="${escapeHtml(url)}">`,
    );
  }
  if (options.siteUrl) {
    tags.push(
      `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(SITE_TITLE)}" href="${escapeHtml(options.base)}feed.xml">`,
    );
  }
  tags.push(
    `<meta property="og:site_name" content="${escapeHtml(SITE_TITLE)}">`,
    `<meta property="og:title" content="${escapeHtml(page?.kind === 'post' ? page.post.title : pageTitle(page))}">`,
    `<meta property="og:description" content="${escapeHtml(description(page))}">`,
    `<meta property="og:type" content="${page?.kind === 'post' ? 'article' : 'website'}">`,
  );
  if (page?.kind === 'post') {
    tags.push(`<meta property="article:published_time" content="${escapeHtml(page.post.date)}">`);
  }
  return tags.join('\n    ');
}

function isoTime(date: string): string {
  return new Date(date.length === 10 ? `${date}T00:00:00Z` : date).toISOString();
}

/** An Atom feed of the newest posts with their full text; needs SITE_URL for absolute links. */
export function atomFeed(posts: Post[], siteUrl: string, base: string): string {
  const home = `${siteUrl}${base}`;
  const newest = posts.slice(0, 20);
  const updated =
    newest
      .map((post) => isoTime(post.updated ?? post.date))
      .sort()
      .at(-1) ?? new Date(0).toISOString();
  // Post HTML uses base-relative URLs; the feed's xml:base makes them absolute for readers.
  const entries = newest.map((post) => {
    const url = `${home}${postPath(post.slug).slice(1)}`;
    return `  <entry>
    <title>${escapeHtml(post.title)}</title>
    <link href="${escapeHtml(url)}"/>
    <id>${escapeHtml(url)}</id>
    <published>${isoTime(post.date)}</published>
    <updated>${isoTime(post.updated ?? post.date)}</updated>
    <summary>${escapeHtml(post.excerpt)}</summary>
    <content type="html" xml:base="${escapeHtml(url)}">${escapeHtml(post.html)}</content>
${post.tags.map((tag) => `    <category term="${escapeHtml(tag.name)}"/>`).join('\n')}
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeHtml(SITE_TITLE)}</title>
  <subtitle>${escapeHtml(SITE_DESCRIPTION)}</subtitle>
  <link href="${escapeHtml(home)}"/>
  <link rel="self" href="${escapeHtml(`${home}feed.xml`)}"/>
  <id>${escapeHtml(home)}</id>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}

export function sitemap(routes: Route[], siteUrl: string, base: string): string {
  const urls = routes.map((route) => {
    const lastmod =
      route.data.kind === 'post'
        ? `<lastmod>${(route.data.post.updated ?? route.data.post.date).slice(0, 10)}</lastmod>`
        : '';
    return `  <url><loc>${escapeHtml(`${siteUrl}${base}${route.path.slice(1)}`)}</loc>${lastmod}</url>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}
