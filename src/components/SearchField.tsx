import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { routePath } from '../routes.ts';
import { loadSearch, SEARCH_FIELD_ID } from '../search.ts';

/**
 * The header's search field. Without JavaScript it is a plain form to /search/?q=. With it,
 * typing shows the results on the search page as you type, the focus staying in the field;
 * the search itself loads when the field is first focused.
 */
export function SearchField() {
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const [params] = useSearchParams();
  const onSearchPage = pathname === routePath('search');
  // While the reader types, the field holds what was typed (the address follows a moment
  // later, and must not overwrite keys typed meanwhile); otherwise the search page's address
  // holds the query (a link, back and forward restore it).
  const [typed, setTyped] = useState('');
  const [typing, setTyping] = useState(false);
  const text = onSearchPage && !typing ? (params.get('q') ?? '') : typed;
  const show = (query: string) =>
    navigate(`${routePath('search')}?${new URLSearchParams({ q: query })}`, {
      replace: onSearchPage,
      state: { keepFocus: true },
    });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void show(text);
  };
  return (
    <form role="search" className="site-search" action={`${import.meta.env.BASE_URL}search/`} onSubmit={submit}>
      <label htmlFor={SEARCH_FIELD_ID} className="visually-hidden">
        Search posts
      </label>
      <input
        id={SEARCH_FIELD_ID}
        type="search"
        name="q"
        placeholder="Search"
        autoComplete="off"
        value={text}
        onFocus={() => {
          setTyped(text);
          setTyping(true);
          void loadSearch().catch(() => undefined);
        }}
        onBlur={() => setTyping(false)}
        onChange={(event) => {
          setTyped(event.target.value);
          void show(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            const first = document.querySelector<HTMLAnchorElement>('.search-results > li > a');
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }
        }}
      />
    </form>
  );
}
