import { useEffect } from 'react';
import { pageDescription, pageTitle, type PageData } from './content.ts';

/** Keeps the tab title and the meta description in step with the page (the prerender writes the same). */
export function useDocumentTitle(page: PageData | null): void {
  const title = pageTitle(page);
  const description = pageDescription(page);
  useEffect(() => {
    document.title = title;
    document.querySelector('meta[name="description"]')?.setAttribute('content', description);
  }, [title, description]);
}
