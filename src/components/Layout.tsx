import { Fragment, useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation, useNavigationType } from 'react-router-dom';
import { APP_IDS, FEED_FILES, NEWSLETTER_ID, routePath } from '../routes.ts';
import { useSiteHeader } from '../site-header.ts';
import { SETTINGS } from '../settings.ts';
import { DevProblems } from './DevProblems.tsx';

/** Defined by the site's Vite plugin (plugins/blog.ts): whether the build writes the feeds (with SITE_URL). */
declare const __BLOG_FEEDS__: boolean | undefined;
const FEEDS_BUILT = typeof __BLOG_FEEDS__ === 'boolean' && __BLOG_FEEDS__;

export function Layout({ children }: { children: ReactNode }) {
  const mainRef = useRef<HTMLElement>(null);
  useRouteFocus(mainRef);
  useSiteHeader();
  return (
    <>
      {import.meta.env.DEV && <DevProblems />}
      <main id={APP_IDS.main} ref={mainRef} tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>
          © {SETTINGS.author} · <Link to="/">All posts</Link> · <Link to={routePath('archive')}>Archive</Link> ·{' '}
          <Link to={`${routePath('home')}#${NEWSLETTER_ID}`}>Newsletter</Link>
        </p>
        {FEEDS_BUILT && (
          <p>
            Follow:{' '}
            {FEED_FILES.map((feed, i) => (
              <Fragment key={feed.file}>
                {i > 0 && ' · '}
                <a href={`${import.meta.env.BASE_URL}${feed.file}`} type={feed.type}>
                  {feed.name}
                </a>
              </Fragment>
            ))}
          </p>
        )}
      </footer>
    </>
  );
}

/**
 * After a client-side navigation to another page, move focus to its main heading so
 * screen readers announce where the reader is, and start a new page at its top.
 */
function useRouteFocus(mainRef: React.RefObject<HTMLElement | null>): void {
  const { pathname, hash, state } = useLocation();
  const navigationType = useNavigationType();
  const previous = useRef(pathname);
  const previousHash = useRef(hash);
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (previous.current === pathname) {
      // A link to another part of this page (the footer's newsletter link on the home page).
      if (previousHash.current !== hash && target && navigationType !== 'POP') target.scrollIntoView();
      previousHash.current = hash;
      return;
    }
    previous.current = pathname;
    previousHash.current = hash;
    if (navigationType !== 'POP') {
      if (target) target.scrollIntoView();
      else window.scrollTo(0, 0);
    }
    // Typing in the search field opens the search page; the reader keeps typing there.
    if ((state as { keepFocus?: boolean } | null)?.keepFocus) return;
    const heading = mainRef.current?.querySelector<HTMLElement>('h1');
    (heading ?? mainRef.current)?.focus({ preventScroll: true });
  }, [pathname, hash, navigationType, mainRef, state]);
}
