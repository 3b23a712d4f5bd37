// The typed face of the blog's content: what the build writes for each page and
// how the browser loads it. The build (plugins/) writes these shapes; pages read them.
import { createContext, use, useContext, useSyncExternalStore, type ReactPromise } from 'react';

export const SITE_TITLE = "Mehrdad Zaker's Blog";
export const SITE_DESCRIPTION =
  'Notes on machine-learning performance: PyTorch/XLA, TPUs, GPUs and large language models.';

/** Each prerendered route directory holds this file beside its index.html. */
export const PAGE_DATA_FILE = 'page-data.json';

/** The dev server's message to open pages that posts changed on disk. */
export const POSTS_CHANGED_EVENT = 'blog:posts-changed';

/** The form of a post's slug: lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export interface Tag {
  name: string;
  slug: string;
}

export interface PostSummary {
  slug: string;
  title: string;
  /** ISO date or date-time, as written in the front matter. */
  date: string;
  /** The date for people, formatted once at build time so server and browser agree. */
  dateLabel: string;
  excerpt: string;
  tags: Tag[];
  readingMinutes: number;
  draft: boolean;
}

export interface PostLink {
  slug: string;
  title: string;
}

export interface Post extends PostSummary {
  /** HTML rendered at build time from the post's markdown. */
  html: string;
  updated?: string;
  updatedLabel?: string;
  newer?: PostLink;
  older?: PostLink;
}

export type PageData =
  | { kind: 'home'; posts: PostSummary[] }
  | { kind: 'post'; post: Post }
  | { kind: 'tag'; tag: Tag; posts: PostSummary[] };

export function postPath(slug: string): string {
  return `/posts/${slug}/`;
}

export function tagPath(tag: Tag): string {
  return `/tags/${tag.slug}/`;
}

/** The document title of a page; `null` page data is the not-found page. */
export function pageTitle(page: PageData | null): string {
  switch (page?.kind) {
    case 'home':
      return SITE_TITLE;
    case 'post':
      return `${page.post.title} · ${SITE_TITLE}`;
    case 'tag':
      return `Posts tagged “${page.tag.name}” · ${SITE_TITLE}`;
    default:
      return `Page not found · ${SITE_TITLE}`;
  }
}

type Entry = ReactPromise<PageData | null>;

function fulfilled(value: PageData | null): Entry {
  return Object.assign(Promise.resolve(value), { status: 'fulfilled' as const, value });
}

type Fetcher = (path: string) => Promise<PageData | null>;

/**
 * Page data by route path (`/posts/foo/`), each fetched at most once. A loaded entry
 * is a promise marked as fulfilled, which React's `use` reads without suspending
 * (on back/forward, and on the server where the data is seeded).
 */
export class PageDataCache {
  private entries = new Map<string, Entry>();
  private listeners = new Set<() => void>();
  private version = 0;
  private readonly fetcher: Fetcher;

  constructor(fetcher: Fetcher = fetchPageData) {
    this.fetcher = fetcher;
  }

  seed(path: string, data: PageData | null): void {
    this.entries.set(path, fulfilled(data));
  }

  load(path: string): Entry {
    const existing = this.entries.get(path);
    if (existing) return existing;
    const pending: Promise<PageData | null> = this.fetcher(path).then(
      (value) => {
        if (this.entries.get(path) === pending) this.entries.set(path, fulfilled(value));
        return value;
      },
      (error: unknown) => {
        // A failed load is not remembered: the next visit tries again.
        if (this.entries.get(path) === pending) this.entries.delete(path);
        throw error;
      },
    );
    this.entries.set(path, pending);
    return pending;
  }

  /** Forget everything (the dev server calls this when a post changes). */
  clear(): void {
    this.entries.clear();
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;
}

export function pageDataUrl(path: string): string {
  return `${import.meta.env.BASE_URL}${path.slice(1)}${PAGE_DATA_FILE}`;
}

async function fetchPageData(path: string): Promise<PageData | null> {
  const response = await fetch(pageDataUrl(path));
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`Could not load ${path} (HTTP ${response.status})`);
  // Written by our own build from validated posts (plugins/posts.ts), not user input.
  return (await response.json()) as PageData;
}

export const PageDataContext = createContext<PageDataCache | null>(null);

/** The data of the page at `path`, or `null` when there is no such page. Suspends while loading. */
export function usePageData(path: string): PageData | null {
  const cache = useContext(PageDataContext);
  if (!cache) throw new Error('usePageData needs a <PageDataContext> provider');
  // Re-read after `clear()`: the version is part of what this render depends on.
  useSyncExternalStore(cache.subscribe, cache.getVersion, cache.getVersion);
  return use(cache.load(path));
}
