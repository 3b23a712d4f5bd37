// Every page address of the site, written once. The route table (App.tsx, page-table.ts), the prerender's
// page list (plugins/pages.ts), link checking in posts (plugins/links.ts), client-side link
// following and page-data fetching all read these patterns. React-free: the build imports it.

/** Route patterns relative to the base path; `:name` is one path segment. */
export const ROUTES = {
  home: '/',
  /** List page n ≥ 2; page 1 is home. */
  homePage: '/page/:page/',
  post: '/posts/:slug/',
  tags: '/tags/',
  tag: '/tags/:tag/',
  /** Page n ≥ 2 of a tag's posts. */
  tagPage: '/tags/:tag/page/:page/',
  archive: '/archive/',
  /** `?q=words` shows the results for `words`. */
  search: '/search/',
} as const;

export type RouteName = keyof typeof ROUTES;

// Object.keys cannot know that ROUTES has no other keys; it is a literal above.
export const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

/** `'/posts/:slug/'` -> `'slug'`. */
type ParamNames<Pattern extends string> = Pattern extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

type RouteParams<Name extends RouteName> = Record<ParamNames<(typeof ROUTES)[Name]>, string>;

/** The path of a page, relative to the base: `routePath('post', { slug: 'x' })` is `/posts/x/`. */
export function routePath<Name extends RouteName>(name: Name, ...[params]: ParamsArgument<Name>): string {
  const values: Record<string, string> = params ?? {};
  return ROUTES[name].replace(/:([a-z]+)/g, (_, param: string) => encodeURIComponent(values[param] ?? ''));
}

type ParamsArgument<Name extends RouteName> = [ParamNames<(typeof ROUTES)[Name]>] extends [never]
  ? []
  : [params: RouteParams<Name>];

interface RouteMatch {
  name: RouteName;
  params: Record<string, string>;
}

/** Page `page` of the post list, or of a tag's posts: the first page is the list's own address. */
export function listPath(page: number, tag?: string): string {
  if (tag === undefined) return page <= 1 ? routePath('home') : routePath('homePage', { page: String(page) });
  return page <= 1 ? routePath('tag', { tag }) : routePath('tagPage', { tag, page: String(page) });
}

/** A list page number as an address carries it: 2, 3… (page 1 has no number in its address). */
export function parsePageNumber(segment: string | undefined): number | undefined {
  return segment !== undefined && /^[1-9][0-9]{0,5}$/.test(segment) && segment !== '1' ? Number(segment) : undefined;
}

/** Which page a path (relative to the base, `/posts/x/`; the trailing slash may be missing) is, if any. */
export function matchRoute(path: string): RouteMatch | undefined {
  const segments = segmentsOf(path);
  for (const name of ROUTE_NAMES) {
    const parts = segmentsOf(ROUTES[name]);
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = parts.every((part, i) => {
      const segment = segments[i]!;
      if (!part.startsWith(':')) return part === segment;
      params[part.slice(1)] = segment;
      return segment !== '';
    });
    if (matches) return { name, params };
  }
  return undefined;
}

function segmentsOf(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Each prerendered page's directory holds its data in this file, beside its index.html. */
export const PAGE_DATA_FILE = 'page-data.json';

/** Where a page's data is, relative to the base: `/posts/x/` -> `posts/x/page-data.json`. */
export function pageDataPath(path: string): string {
  return `${path.slice(1)}${PAGE_DATA_FILE}`;
}

/** The attribute on 404.html's root element: the address it is served at has no page. */
export const NOT_FOUND_MARK = 'data-not-found';

/** The dev server's list of problems in posts/, relative to the base. */
export const DEV_PROBLEMS_PATH = '__blog/problems.json';

/** The feeds a build with SITE_URL writes, relative to the base, with their media types and names. */
export const FEED_FILES = [
  { file: 'rss.xml', type: 'application/rss+xml', name: 'RSS' },
  { file: 'atom.xml', type: 'application/atom+xml', name: 'Atom' },
  { file: 'feed.json', type: 'application/feed+json', name: 'JSON Feed' },
] as const;

/** The search index's folder, relative to the base (plugins/search.ts writes it, src/search.ts reads it). */
export const SEARCH_DIR = 'pagefind';

/**
 * The ids the app's own markup uses on every page or on a post's page. A post's headings
 * never take one of them (plugins/markdown/heading-ids.ts), so that links and scripts
 * find the app's element, not a section of the post.
 */
export const APP_IDS = {
  /** The element the app renders into (index.html). */
  root: 'root',
  /** The page's main content: the skip link's target. */
  main: 'main',
  /** The header's search field, which the search results hand the focus back to. */
  search: 'site-search',
  /** The header's theme menu, which the inline theme script (src/theme.ts) drives. */
  theme: 'theme-menu',
  /** The signup box: the footer links to it on the home page. */
  newsletter: 'newsletter',
  /** The heading of a post's related posts. */
  related: 'related-title',
} as const;

/** The signup box's id: the footer links to it on the home page. */
export const NEWSLETTER_ID = APP_IDS.newsletter;
