// The header is static HTML in every page (plugins/header.ts): the app renders none of it.
// Once the app runs, this gives it the app's behaviour: its links are followed within the
// app, and typing in the search field shows the results on the search page as you type
// (the search page itself fills the field from its address and moves to the results by
// keyboard). The search loads when the field is first focused.
import { useEffect, useEffectEvent, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { followClientLink } from './client-links.ts';
import { APP_IDS, routePath } from './routes.ts';
import { loadSearch } from './search.ts';

export function useSiteHeader(): void {
  const navigate = useNavigate();
  const onSearchPage = useLocation().pathname === routePath('search');
  // Typing has opened the search page, even if the router has not shown it yet (its code is
  // loaded on demand): the next keys replace that entry, so Back leaves the search at once.
  const searching = useRef(false);
  useEffect(() => {
    if (!onSearchPage) searching.current = false;
  }, [onSearchPage]);
  const follow = useEffectEvent((event: MouseEvent) => followClientLink(event, navigate));
  // The focus stays in the field: the reader goes on typing on the search page.
  const search = useEffectEvent((query: string) => {
    void navigate(`${routePath('search')}?${new URLSearchParams({ q: query })}`, {
      replace: onSearchPage || searching.current,
      state: { keepFocus: true },
    });
    searching.current = true;
  });
  useEffect(() => {
    const header = document.querySelector<HTMLElement>('.site-header');
    const field = document.getElementById(APP_IDS.search);
    if (!header || !(field instanceof HTMLInputElement)) return;
    const onSubmit = (event: Event) => {
      event.preventDefault();
      search(field.value);
    };
    const onInput = () => search(field.value);
    const onFocus = () => void loadSearch().catch(() => undefined);
    header.addEventListener('click', follow);
    field.form?.addEventListener('submit', onSubmit);
    field.addEventListener('input', onInput);
    field.addEventListener('focus', onFocus);
    // Words typed while the app was loading are searched now.
    if (document.activeElement === field) {
      onFocus();
      if (field.value) onInput();
    }
    return () => {
      header.removeEventListener('click', follow);
      field.form?.removeEventListener('submit', onSubmit);
      field.removeEventListener('input', onInput);
      field.removeEventListener('focus', onFocus);
    };
  }, []);
}
