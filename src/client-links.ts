import type { NavigateFunction } from 'react-router-dom';
import { matchRoute } from './routes.ts';

/** What is read of a click: a DOM click and React's alike. */
export interface Click {
  defaultPrevented: boolean;
  button: number;
  metaKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
  preventDefault(): void;
}

/**
 * For plain links (in a post's HTML, in the static header): a click on a link to one of the
 * blog's pages is followed within the app, like a router link; anything else (a modified
 * click, another site, a file, a section of this page) goes on as usual.
 */
export function followClientLink(event: Click, navigate: NavigateFunction): void {
  if (!isPlainClick(event)) return;
  const anchor = event.target instanceof Element ? event.target.closest('a') : null;
  if (!anchor || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return;
  const url = new URL(anchor.href, window.location.href);
  const base = import.meta.env.BASE_URL;
  if (url.origin !== window.location.origin || !url.pathname.startsWith(base)) return;
  const path = `/${url.pathname.slice(base.length)}`;
  if (!matchRoute(path)) return;
  if (path === window.location.pathname.slice(base.length - 1) && url.hash) return;
  event.preventDefault();
  void navigate(`${path}${url.search}${url.hash}`);
}

/** A click not yet handled, with the main button and no key held: one that a page may take over. */
export function isPlainClick(event: Click): boolean {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    !event.metaKey &&
    !event.ctrlKey &&
    !event.shiftKey &&
    !event.altKey
  );
}
