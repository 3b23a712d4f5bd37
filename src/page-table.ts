// The page of each route of routes.ts (TypeScript requires one for each), and which pages
// load their code on demand.
import type { ComponentType } from 'react';
import { lazyPage, type LazyPage } from './lazy-page.ts';
import { HomePage } from './pages/HomePage.tsx';
import { PostPage } from './pages/PostPage.tsx';
import { TagPage } from './pages/TagPage.tsx';
import { matchRoute, type RouteName } from './routes.ts';

// Pages few readers land on are loaded when first shown, so that the pages most readers
// land on (the post list, posts, a tag's posts) load none of their code.
const ArchivePage = lazyPage(() => import('./pages/ArchivePage.tsx').then((m) => m.ArchivePage));
const SearchPage = lazyPage(() => import('./pages/SearchPage.tsx').then((m) => m.SearchPage));
const TagsPage = lazyPage(() => import('./pages/TagsPage.tsx').then((m) => m.TagsPage));

/** The page of each route in src/routes.ts, which the build prerenders too. */
export const PAGES: Record<RouteName, ComponentType> = {
  home: HomePage,
  homePage: HomePage,
  post: PostPage,
  tags: TagsPage,
  tag: TagPage,
  tagPage: TagPage,
  archive: ArchivePage,
  search: SearchPage,
};

/** Loads the code of the page at `path` (relative to the base) if it is loaded on demand. */
export async function preloadPage(path: string): Promise<void> {
  const name = matchRoute(path)?.name;
  const page = name ? PAGES[name] : undefined;
  if (page && isLazy(page)) await page.preload();
}

/** Loads every on-demand page: the prerender renders them all. */
export async function preloadAllPages(): Promise<void> {
  await Promise.all([ArchivePage, SearchPage, TagsPage].map((page) => page.preload()));
}

function isLazy(page: ComponentType): page is LazyPage {
  return 'preload' in page;
}
