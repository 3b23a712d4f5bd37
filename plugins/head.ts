// The `<head>` of each page (title, description, social and canonical tags) and the
// site's Content-Security-Policy, which the meta tag here and `_headers` both carry.
import { pageTitle, type PageData, type Pagination } from '../src/content.ts';
import { FEED_FILES, listPath } from '../src/routes.ts';
import { SETTINGS } from '../src/settings.ts';

export interface SiteOptions {
  base: string;
  /** Absolute origin without a trailing slash, or undefined when SITE_URL is not set. */
  siteUrl: string | undefined;
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
 * Nothing but the site's own scripts, styles and images run or load, so even a post that
 * slipped past the sanitiser could not execute.
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

/** The policy; a meta tag cannot carry `frame-ancestors` (browsers ignore it there). */
export function contentSecurityPolicy(inMetaTag = false): string {
  return CSP.filter(([directive]) => !(inMetaTag && directive === 'frame-ancestors'))
    .map(([directive, value]) => `${directive} ${value}`)
    .join('; ');
}

function description(page: PageData | null): string {
  switch (page?.kind) {
    case 'post':
      return page.post.excerpt;
    case 'tag':
      return `Posts tagged “${page.tag.name}” on ${SETTINGS.title}${pageOf(page.pagination)}.`;
    case 'tags':
      return `Every tag on ${SETTINGS.title}, with its number of posts.`;
    case 'archive':
      return `All ${page.count} posts on ${SETTINGS.title}, by year.`;
    case 'home':
      return page.pagination.page > 1 ? `Posts on ${SETTINGS.title}${pageOf(page.pagination)}.` : SETTINGS.description;
    default:
      return SETTINGS.description;
  }
}

function pageOf({ page, pages }: Pagination): string {
  return page > 1 ? `, page ${page} of ${pages}` : '';
}

/** `<link rel="prev">` and `rel="next"` of a list page. */
function listLinks(page: PageData | null, base: string): string[] {
  if (page?.kind !== 'home' && page?.kind !== 'tag') return [];
  const tag = page.kind === 'tag' ? page.tag.slug : undefined;
  const { page: n, pages } = page.pagination;
  const link = (rel: string, to: number) =>
    `<link rel="${rel}" href="${escapeHtml(`${base}${listPath(to, tag).slice(1)}`)}">`;
  return [...(n > 1 ? [link('prev', n - 1)] : []), ...(n < pages ? [link('next', n + 1)] : [])];
}

/** The `<head>` tags of one page (the title replaces the template's); `path` is null for 404.html. */
export function headTags(path: string | null, page: PageData | null, site: SiteOptions): string {
  const meta = (property: string, content: string) => `<meta property="${property}" content="${escapeHtml(content)}">`;
  const tags = [
    // Hosts that cannot send headers (GitHub Pages) still get the policy.
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(true)}">`,
    `<title>${escapeHtml(pageTitle(page))}</title>`,
    `<meta name="description" content="${escapeHtml(description(page))}">`,
    ...listLinks(page, site.base),
  ];
  if (site.siteUrl && path) {
    const url = `${site.siteUrl}${site.base}${path.slice(1)}`;
    tags.push(`<link rel="canonical" href="${escapeHtml(url)}">`, meta('og:url', url));
  }
  if (site.siteUrl) {
    for (const feed of FEED_FILES) {
      tags.push(
        `<link rel="alternate" type="${feed.type}" title="${escapeHtml(`${SETTINGS.title} (${feed.name})`)}" href="${escapeHtml(`${site.base}${feed.file}`)}">`,
      );
    }
  }
  tags.push(
    meta('og:site_name', SETTINGS.title),
    meta('og:title', page?.kind === 'post' ? page.post.title : pageTitle(page)),
    meta('og:description', description(page)),
    meta('og:type', page?.kind === 'post' ? 'article' : 'website'),
  );
  if (page?.kind === 'post') tags.push(meta('article:published_time', page.post.date));
  return tags.join('\n    ');
}
