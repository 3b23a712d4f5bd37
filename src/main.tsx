import { StrictMode, startTransition, useEffect, useState } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App } from './App.tsx';
import { preloadPage } from './page-table.ts';
import { POSTS_CHANGED_EVENT } from './content.ts';
import { PageDataCache } from './page-data.ts';
import { NOT_FOUND_MARK } from './routes.ts';
import './styles.css';
import 'virtual:blog/code-theme.css';
import 'virtual:blog/math-styles.css';

/** A fresh cache; when the host served 404.html, it already knows this address has no page. */
function initialCache(): PageDataCache {
  const cache = new PageDataCache();
  if (document.getElementById('root')?.hasAttribute(NOT_FOUND_MARK)) {
    const path = `/${window.location.pathname.slice(import.meta.env.BASE_URL.length)}`;
    // Pages ask for their path with its trailing slash; the address may lack it.
    cache.seed(path.endsWith('/') ? path : `${path}/`, null);
  }
  return cache;
}

function Root() {
  const [cache, setCache] = useState(initialCache);
  useEffect(() => {
    // The dev server says posts changed: load pages afresh, showing this one until the new data is in.
    const reload = () => startTransition(() => setCache(new PageDataCache()));
    import.meta.hot?.on(POSTS_CHANGED_EVENT, reload);
    return () => import.meta.hot?.off?.(POSTS_CHANGED_EVENT, reload);
  }, []);
  return (
    <StrictMode>
      {/* The base keeps its trailing slash so that links home are `/blog/`, not `/blog`. */}
      <BrowserRouter basename={import.meta.env.BASE_URL}>
        <App cache={cache} />
      </BrowserRouter>
    </StrictMode>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
// Built pages arrive prerendered and are hydrated (once the code of an on-demand page is in,
// so that nothing suspends); the dev server sends an empty shell.
if (container.firstElementChild) {
  const landing = preloadPage(`/${window.location.pathname.slice(import.meta.env.BASE_URL.length)}`);
  void landing.finally(() => hydrateRoot(container, <Root />));
} else createRoot(container).render(<Root />);
