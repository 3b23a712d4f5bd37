import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router-dom';
import { App } from './App.tsx';
import { preloadAllPages } from './page-table.ts';
import type { PageData } from './content.ts';
import { PageDataCache } from './page-data.ts';

/**
 * Renders the page at `url` (which includes the base path) with its data, for the prerender.
 * The pages the browser loads on demand are loaded first, so none suspends.
 */
export async function render(url: string, data: PageData | null): Promise<string> {
  await preloadAllPages();
  const base = import.meta.env.BASE_URL;
  const cache = new PageDataCache(() => Promise.reject(new Error(`no page data for ${url} at build time`)));
  if (data) cache.seed(`/${url.slice(base.length)}`, data);
  return renderToString(
    <StrictMode>
      <StaticRouter location={url} basename={base}>
        <App cache={cache} />
      </StaticRouter>
    </StrictMode>,
  );
}
