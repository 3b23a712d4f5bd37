// Search in the browser: Pagefind's script and index (written by plugins/search.ts) are
// fetched on first use only, never with a page; each query downloads just the index chunks
// for its words. This part is in every page's script (the header's field starts the load, src/site-header.ts);
// search-results.ts, in the search page's own chunk, runs the queries.
import { SEARCH_DIR } from './routes.ts';

export interface PagefindData {
  excerpt: string;
  meta: Record<string, string | undefined>;
}

/** The part of Pagefind's browser API used here (https://pagefind.app/docs/api/). */
interface Pagefind {
  options(options: { excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  debouncedSearch(
    query: string,
    options?: object,
    timeoutMs?: number,
  ): Promise<{ results: { data(): Promise<PagefindData> }[] } | null>;
}

let loading: Promise<Pagefind> | undefined;

/** Starts loading the search (when the reader first reaches for it); later calls share the load. */
export function loadSearch(): Promise<Pagefind> {
  loading ??= (
    import(/* @vite-ignore */ `${import.meta.env.BASE_URL}${SEARCH_DIR}/pagefind.js`) as Promise<Pagefind>
  ).then(
    async (pagefind) => {
      await pagefind.options({ excerptLength: 24 });
      await pagefind.init();
      return pagefind;
    },
    (error: unknown) => {
      loading = undefined; // a failed load (offline) is tried again next time
      throw error;
    },
  );
  return loading;
}
