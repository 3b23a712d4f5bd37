import { createElement, lazy, type ComponentType } from 'react';

/** A page component loaded on demand, which can also be loaded ahead (`preload`). */
export type LazyPage = ComponentType & { preload(): Promise<void> };

/**
 * A page whose code is fetched the first time it is shown. Once `preload` has resolved the
 * page renders at once, without suspending: the prerender preloads every such page, so it
 * writes their HTML like any other; the browser preloads the page it lands on before
 * hydrating, so the prerendered HTML is hydrated without a wait.
 */
export function lazyPage(load: () => Promise<ComponentType>): LazyPage {
  let loaded: ComponentType | undefined;
  const preload = () =>
    load().then((component) => {
      loaded = component;
    });
  const Suspending = lazy(() => preload().then(() => ({ default: loaded! })));
  const Page = () => createElement(loaded ?? Suspending);
  return Object.assign(Page, { preload });
}
