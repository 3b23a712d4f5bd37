// The `<head>` of each page (title, description, social and canonical tags) and the
// site's Content-Security-Policy, which the meta tag here and `_headers` both carry.
import { pageTitle, type PageData } from '../src/content.ts';
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
      return `Posts tagged “${page.tag.name}” on ${SETTINGS.title}.`;
    default:
      return SETTINGS.description;
  }
}

/** The `<head>` tags of one page (the title replaces the template's); `path` is null for 404.html. */
export function headTags(path: string | null, page: PageData | null, site: SiteOptions): string {
  const meta = (property: string, content: string) => `<meta property="${property}" content="${escapeHtml(content)}">`;
  const tags = [
    // Hosts that cannot send headers (GitHub Pages) still get the policy.
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(true)}">`,
    `<title>${escapeHtml(pageTitle(page))}</title>`,
    `<meta name="description" content="${escapeHtml(description(page))}">`,
  ];
  if (site.siteUrl && path) {
    const url = `${site.siteUrl}${site.base}${path.slice(1)}`;
    tags.push(`<link rel="canonical" href="${escapeHtml(url)}">`, meta('og:url', url));
  }
  if (site.siteUrl) {
    tags.push(
      `<link rel="alternate" type="application/atom+xml" title="${escapeHtml(SETTINGS.title)}" href="${escapeHtml(site.base)}feed.xml">`,
    );
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
