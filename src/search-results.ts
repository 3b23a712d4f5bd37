// Running a query and shaping its results, for the search page (loaded with it, on demand).
import { loadSearch } from './search.ts';

/** What the search page shows of a matching post. */
export interface SearchHit {
  slug: string;
  title: string;
  date: string;
  /** The excerpt around the matched words, which are marked. */
  excerpt: { text: string; marked: boolean }[];
}

/** How many results a query shows. */
const MAX_HITS = 10;

/** The posts matching `query`, best first; `null` when a newer query superseded this one. */
export async function searchPosts(query: string): Promise<SearchHit[] | null> {
  const pagefind = await loadSearch();
  const found = await pagefind.debouncedSearch(query, {}, 120);
  if (!found) return null;
  const data = await Promise.all(found.results.slice(0, MAX_HITS).map((result) => result.data()));
  return data.map(({ meta, excerpt }) => ({
    slug: meta.slug ?? '',
    title: meta.title ?? '',
    date: meta.date ?? '',
    excerpt: excerptParts(excerpt),
  }));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/**
 * Pagefind's excerpt is escaped text with `<mark>` around matches: split it into plain and
 * marked text, so that React renders it as text (never as HTML).
 */
export function excerptParts(excerpt: string): SearchHit['excerpt'] {
  const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39|apos);/g, (_, name: string) => ENTITIES[name]!);
  return excerpt
    .split(/(<mark>.*?<\/mark>)/)
    .filter(Boolean)
    .map((part) => {
      const marked = part.startsWith('<mark>');
      return { text: decode(marked ? part.slice(6, -7) : part), marked };
    });
}
