// The `<head>` of each page (title, description, social and canonical tags) and the
// site's Content-Security-Policy, which the meta tag here and `_headers` both carry.
import { createHash } from 'node:crypto';
import { pageDescription, pageTitle, type PageData, type Post } from '../src/content.ts';
import { FEED_FILES, listPath } from '../src/routes.ts';
import { SETTINGS } from '../src/settings.ts';
import { INLINE_SCRIPT } from '../src/inline-script.ts';
import { PREVIEW_SIZE, previewPath } from './previews.ts';
import { newsletterOrigin } from './settings.ts';

export interface SiteOptions {
  base: string;
  /** Absolute origin without a trailing slash, or undefined when SITE_URL is not set. */
  siteUrl: string | undefined;
  /** The CSP source (`sha256-…`) of the pages' inline stylesheet, once the app is built (plugins/shell.ts). */
  styleHash?: string;
  /** The video players the posts' previews load when a reader clicks (plugins/markdown/videos.ts). */
  frames?: string[];
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The CSP source that allows the inline script (src/inline-script.ts) and no other inline script. */
export const INLINE_SCRIPT_HASH = `sha256-${createHash('sha256').update(INLINE_SCRIPT).digest('base64')}`;

/**
 * Nothing but the site's own scripts, styles and images run or load, so even a post that
 * slipped past the sanitiser could not execute. With a newsletter provider set, the signup
 * form may post to that one origin (and, with JavaScript, fetch it), and nothing else.
 */
function policy(
  settings: typeof SETTINGS,
  styleHash: string | undefined,
  frames: string[] = [],
): [directive: string, value: string][] {
  const provider = newsletterOrigin(settings);
  return [
    ['default-src', "'self'"],
    // The inline script (the theme before first paint, the app's loader), and only it;
    // WebAssembly for the search (Pagefind), which compiles no JavaScript.
    ['script-src', `'self' '${INLINE_SCRIPT_HASH}' 'wasm-unsafe-eval'`],
    // The stylesheet, inline in every page so that first paint needs no other request (plugins/shell.ts).
    ['style-src', styleHash ? `'self' '${styleHash}'` : "'self'"],
    ['img-src', "'self' data:"],
    ...(provider ? ([['connect-src', `'self' ${provider}`]] as [string, string][]) : []),
    // The players of the videos the posts show, loaded only when a reader clicks a preview.
    ...(frames.length > 0 ? ([['frame-src', frames.join(' ')]] as [string, string][]) : []),
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', provider ? `'self' ${provider}` : "'self'"],
    ['frame-ancestors', "'none'"],
  ];
}

/** The policy; a meta tag cannot carry `frame-ancestors` (browsers ignore it there). */
export function contentSecurityPolicy(
  options: { inMetaTag?: boolean; settings?: typeof SETTINGS; styleHash?: string | undefined; frames?: string[] } = {},
): string {
  const { inMetaTag = false, settings = SETTINGS, styleHash, frames } = options;
  return policy(settings, styleHash, frames)
    .filter(([directive]) => !(inMetaTag && directive === 'frame-ancestors'))
    .map(([directive, value]) => `${directive} ${value}`)
    .join('; ');
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
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ inMetaTag: true, styleHash: site.styleHash, frames: site.frames })}">`,
    `<title>${escapeHtml(pageTitle(page))}</title>`,
    `<meta name="description" content="${escapeHtml(pageDescription(page))}">`,
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
    meta('og:description', pageDescription(page)),
    meta('og:type', page?.kind === 'post' ? 'article' : 'website'),
  );
  const image = site.siteUrl ? socialImage(page, site) : undefined;
  if (image) {
    tags.push(meta('og:image', image.url));
    if (image.generated) {
      tags.push(
        meta('og:image:width', String(PREVIEW_SIZE.width)),
        meta('og:image:height', String(PREVIEW_SIZE.height)),
      );
    }
  }
  tags.push(`<meta name="twitter:card" content="${image ? 'summary_large_image' : 'summary'}">`);
  if (page?.kind === 'post') {
    tags.push(meta('article:published_time', page.post.date));
    if (page.post.updated) tags.push(meta('article:modified_time', page.post.updated));
    tags.push(blogPosting(page.post, site.siteUrl && path ? `${site.siteUrl}${site.base}${path.slice(1)}` : undefined));
  }
  return tags.join('\n    ');
}

/** A page's social preview: a post's own `image`, else its generated card, else the site's. */
function socialImage(page: PageData | null, site: SiteOptions): { url: string; generated: boolean } {
  const home = `${site.siteUrl}${site.base}`;
  if (page?.kind === 'post' && page.post.image) return { url: `${home}${page.post.image}`, generated: false };
  return { url: `${home}${previewPath(page?.kind === 'post' ? page.post.slug : undefined)}`, generated: true };
}

/**
 * The post as schema.org's BlogPosting, for search engines. JSON-LD is data, never run (the
 * Content-Security-Policy does not apply to it); `<` is escaped so that no text can close
 * the script element.
 */
function blogPosting(post: Post, url: string | undefined): string {
  const data = {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    description: post.excerpt,
    datePublished: post.date,
    dateModified: post.updated ?? post.date,
    author: { '@type': 'Person', name: SETTINGS.author },
    keywords: post.tags.map((tag) => tag.name),
    ...(url ? { url, mainEntityOfPage: url } : {}),
  };
  return `<script type="application/ld+json">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>`;
}
