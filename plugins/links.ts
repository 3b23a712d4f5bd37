// Every link and image of every post, checked once all posts are known, in one place with
// one set of messages: files beside posts, other posts and their anchors, tags, files of
// the site (public/ and generated), anchors in the same post, and external URLs.
import { matchRoute, parsePageNumber, routePath } from '../src/routes.ts';
import type { OutgoingLink } from './markdown/file-data.ts';
import { safeDecode } from './markdown/urls.ts';
import type { Problem } from './problems.ts';

export interface LinkedPost {
  /** As problems name it. */
  file: string;
  /** Every id in the post. */
  ids: Set<string>;
  links: OutgoingLink[];
}

export interface LinkTargets {
  base: string;
  /**
   * Posts by slug: the published ones, and those refused for a problem of their own (so that
   * a link to one is not a second problem). `ids` is unknown for a post that did not render.
   */
  posts: Map<string, { ids?: Set<string> }>;
  /** Tag slugs that have a page, with their number of posts. */
  tags: Map<string, number>;
  /** Posts per list page: how many pages the lists have. */
  postsPerPage: number;
  /** Files of the built site, relative to its root (`assets/x-1234abcd.png`, `favicon.svg`). */
  files: Set<string>;
}

/** Checks the links of `posts` (every post that rendered, published or not) against what the site will hold. */
export function checkLinks(posts: LinkedPost[], targets: LinkTargets): { problems: Problem[]; warnings: Problem[] } {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  for (const post of posts) {
    for (const link of post.links) {
      const found = { file: post.file, line: link.line, ...(link.cell === undefined ? {} : { cell: link.cell }) };
      const problem = problemOf(link, post, targets);
      if (problem) problems.push({ ...found, message: problem });
      if ((link.image || link.media) && isExternal(link.written) && !problem) {
        const what = link.image ? 'image' : 'video';
        warnings.push({
          ...found,
          message: `the ${what} ${link.written} is on another site, which the Content-Security-Policy blocks; save it beside the post`,
        });
      }
    }
  }
  return { problems, warnings };
}

/** An address on another site: `https://…`, or `//host/…` (the page's own scheme). */
function isExternal(url: string): boolean {
  return /^(?:https?:|\/\/)/i.test(url);
}

function problemOf(link: OutgoingLink, post: LinkedPost, targets: LinkTargets): string | undefined {
  const { written, href, image } = link;
  if (link.unsafeSvg) return `${written} is an SVG with scripts or event handlers; remove them or export it as PNG`;
  if (link.unresolved) {
    if (link.media) return `file not found: ${written} (paths are relative to the post's file)`;
    return image
      ? `image not found: ${written} (paths are relative to the post's file)`
      : `broken link: ${written} is neither a file beside the post nor another post`;
  }
  if (isExternal(written)) {
    const url = written.startsWith('//') ? `https:${written}` : written;
    return URL.canParse(url) && new URL(url).hostname ? undefined : `malformed URL: ${written}`;
  }
  if (href.startsWith('#')) {
    const id = safeDecode(href.slice(1));
    return id === '' || post.ids.has(id) ? undefined : `broken link: no heading or anchor "${id}" in this post`;
  }
  if (!href.startsWith(targets.base)) return undefined;
  const [pathAndQuery = '', fragment] = href.slice(targets.base.length).split('#');
  const route = safeDecode(pathAndQuery.split('?')[0] ?? '');
  if (image || link.media) {
    return targets.files.has(route)
      ? undefined
      : `${image ? 'image' : 'file'} not found: ${href} is not a file of this site (put it in public/ or beside the post)`;
  }
  const page = matchRoute(`/${route}`);
  if (page?.name === 'post') {
    const target = targets.posts.get(page.params.slug ?? '');
    if (!target) return `broken link: there is no post "${page.params.slug}" (${href})`;
    if (fragment && target.ids && !target.ids.has(safeDecode(fragment))) {
      return `broken link: no heading or anchor "${fragment}" in ${routePath('post', { slug: page.params.slug ?? '' }).slice(1)} (${href})`;
    }
    return undefined;
  }
  if (page?.name === 'tag' || page?.name === 'tagPage') {
    const count = targets.tags.get(page.params.tag ?? '');
    if (count === undefined) return `broken link: no post has the tag "${page.params.tag}" (${href})`;
    return missingListPage(page.params.page, count, targets.postsPerPage, href);
  }
  if (page?.name === 'homePage')
    return missingListPage(page.params.page, targets.posts.size, targets.postsPerPage, href);
  if (page || targets.files.has(route)) return undefined;
  return `broken link: ${href} is not a page or file of this site`;
}

/**
 * What of the site answers at `route` (its path after the base, decoded, without query or
 * fragment): a page that exists or a file the site holds, described for a message; else undefined.
 */
export function whatIsAt(route: string, targets: LinkTargets): string | undefined {
  if (targets.files.has(route.replace(/^\//, ''))) return `the file ${route}`;
  const page = matchRoute(route);
  if (!page) return undefined;
  const { slug = '', tag = '' } = page.params;
  switch (page.name) {
    case 'post':
      return targets.posts.has(slug) ? `the post "${slug}"` : undefined;
    case 'tag':
    case 'tagPage': {
      const count = targets.tags.get(tag);
      if (count === undefined || missingListPage(page.params.page, count, targets.postsPerPage, route))
        return undefined;
      return `the page of the tag "${tag}"`;
    }
    case 'homePage':
      return missingListPage(page.params.page, targets.posts.size, targets.postsPerPage, route)
        ? undefined
        : 'a page of the post list';
    default:
      return `the ${page.name === 'home' ? 'home' : page.name} page`;
  }
}

/** A link to page n of a list that has fewer pages (page 1 is the list's own address). */
function missingListPage(
  segment: string | undefined,
  posts: number,
  perPage: number,
  href: string,
): string | undefined {
  if (segment === undefined) return undefined;
  const page = parsePageNumber(segment);
  const pages = Math.max(1, Math.ceil(posts / perPage));
  if (page === undefined) return `broken link: ${href} is not a page of this site (list pages are numbered from 2)`;
  return page > pages
    ? `broken link: the list has ${pages} page${pages === 1 ? '' : 's'}, not ${page} (${href})`
    : undefined;
}
