import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useDocumentTitle } from '../document.ts';
import { useHydrated } from '../hydrated.ts';
import { APP_IDS, routePath } from '../routes.ts';
import { searchPosts, type SearchHit } from '../search-results.ts';

/** `found` is for `query`: the last query answered, which the reader may since have typed past. */
type Results =
  { kind: 'idle' } | { kind: 'searching' } | { kind: 'found'; query: string; hits: SearchHit[] } | { kind: 'failed' };

/** The outcome of the latest query that finished. */
type Outcome = { query: string; hits: SearchHit[] } | { query: string; failed: true };

/** `/search/?q=words`: the results for the header's search field. Without JavaScript, a way to the archive. */
export function SearchPage() {
  useDocumentTitle({ kind: 'search' });
  const hydrated = useHydrated();
  const [params] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  useSearchField(params.get('q') ?? '');
  return (
    <>
      <h1 tabIndex={-1} className="page-title">
        Search
      </h1>
      {hydrated ? (
        <SearchResults query={query} />
      ) : (
        <p>
          Search needs JavaScript, which is off or has not loaded. Every post is listed by date in{' '}
          <Link to={routePath('archive')}>the archive</Link>.
        </p>
      )}
    </>
  );
}

/**
 * The header's search field (static HTML, plugins/header.ts) shows the query of the address
 * when the reader arrives by a link or goes back or forward; what they typed there and the
 * address does not hold yet (while the app loads, or between keys) is left alone while they
 * are in the field. The down arrow there moves to the first result.
 */
function useSearchField(query: string): void {
  const shown = useRef(''); // the query last put in the field (the prerendered field is empty)
  useEffect(() => {
    const field = document.getElementById(APP_IDS.search);
    if (!(field instanceof HTMLInputElement)) return;
    if (field.value !== query && (document.activeElement !== field || field.value === shown.current)) {
      field.value = query;
    }
    shown.current = query;
  }, [query]);
  useEffect(() => {
    const field = document.getElementById(APP_IDS.search);
    const toResults = (event: KeyboardEvent) => {
      const first = document.querySelector<HTMLAnchorElement>('.search-results > li > a');
      if (event.key === 'ArrowDown' && first) {
        event.preventDefault();
        first.focus();
      }
    };
    field?.addEventListener('keydown', toResults);
    return () => field?.removeEventListener('keydown', toResults);
  }, []);
}

function SearchResults({ query }: { query: string }) {
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  useEffect(() => {
    if (query === '') return;
    let current = true;
    searchPosts(query).then(
      (hits) => current && hits && setOutcome({ query, hits }),
      () => current && setOutcome({ query, failed: true }),
    );
    return () => {
      current = false;
    };
  }, [query]);
  const results = resultsOf(query, outcome);
  return (
    <>
      {/* data-results-for: the query the results shown belong to (scripts/search-bench.mjs waits for it). */}
      <p role="status" data-results-for={outcome?.query}>
        {summary(query, results)}
      </p>
      {results.kind === 'found' && results.hits.length > 0 && (
        <ol className="search-results" onKeyDown={moveBetweenResults}>
          {results.hits.map((hit) => (
            <li key={hit.slug}>
              <Link to={routePath('post', { slug: hit.slug })}>{hit.title}</Link>{' '}
              <span className="search-date">{hit.date}</span>
              <p>{hit.excerpt.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : part.text))}</p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/**
 * What to show for `query`: while a new query runs, the last results stay, and so does the
 * status that names their query (no flicker as the reader types, and nothing announced
 * before the new results are there).
 */
function resultsOf(query: string, outcome: Outcome | undefined): Results {
  if (query === '') return { kind: 'idle' };
  if (outcome && 'failed' in outcome) return outcome.query === query ? { kind: 'failed' } : { kind: 'searching' };
  return outcome ? { kind: 'found', query: outcome.query, hits: outcome.hits } : { kind: 'searching' };
}

function summary(query: string, results: Results): string {
  if (query === '') return 'Type in the search field above to find posts by title, description, tag or text.';
  if (results.kind === 'searching') return 'Searching…';
  if (results.kind === 'failed') {
    return import.meta.env.DEV
      ? 'The dev server has no search index: search works in the built site (npm run build, then npm run preview).'
      : 'The search could not be loaded. Check your connection and try again.';
  }
  if (results.kind !== 'found') return '';
  const count = results.hits.length;
  return count === 0
    ? `No posts match “${results.query}”.`
    : `${count === 10 ? 'The 10 best' : count} ${count === 1 ? 'post matches' : 'posts match'} “${results.query}”.`;
}

/** Up and down arrows move between results; Escape goes back to the search field. */
function moveBetweenResults(event: React.KeyboardEvent<HTMLOListElement>): void {
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>(':scope > li > a')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const next = index + (event.key === 'ArrowDown' ? 1 : -1);
    if (next < 0) document.getElementById(APP_IDS.search)?.focus();
    else links[Math.min(next, links.length - 1)]?.focus();
  } else if (event.key === 'Escape') {
    document.getElementById(APP_IDS.search)?.focus();
  }
}
