// How the browser gets a page's data: fetched once per page from the `page-data.json` the
// build wrote beside its HTML, read by pages with React's `use` (suspending while it loads).
import { createContext, use, useContext, type ReactPromise } from 'react';
import type { PageData } from './content.ts';
import { pageDataPath } from './routes.ts';

type Entry = ReactPromise<PageData | null>;

function fulfilled(value: PageData | null): Entry {
  return Object.assign(Promise.resolve(value), { status: 'fulfilled' as const, value });
}

type Fetcher = (path: string) => Promise<PageData | null>;

/**
 * Page data by route path (`/posts/foo/`), each fetched at most once. A loaded entry
 * is a promise marked as fulfilled, which React's `use` reads without suspending
 * (on back/forward, and on the server where the data is seeded). The dev server's reload
 * starts a new cache rather than emptying this one (src/main.tsx).
 */
export class PageDataCache {
  private entries = new Map<string, Entry>();
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
    // The same promise object from first load to last read: React replays a suspended page
    // with what `load` returns then, and a different promise would be an "uncached" one.
    const pending: Promise<PageData | null> = this.fetcher(path).then(
      (value) => {
        Object.assign(pending, { status: 'fulfilled', value });
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
}

async function fetchPageData(path: string): Promise<PageData | null> {
  const response = await fetch(`${import.meta.env.BASE_URL}${pageDataPath(path)}`);
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`Could not load ${path} (HTTP ${response.status})`);
  // Written by our own build from validated posts (plugins/posts/), not user input.
  return (await response.json()) as PageData;
}

export const PageDataContext = createContext<PageDataCache | null>(null);

/** The data of the page at `path`, or `null` when there is no such page. Suspends while loading. */
export function usePageData(path: string): PageData | null {
  const cache = useContext(PageDataContext);
  if (!cache) throw new Error('usePageData needs a <PageDataContext> provider');
  return use(cache.load(path));
}
