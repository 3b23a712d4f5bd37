import { useEffect } from 'react';
import { pageTitle, type PageData } from './content.ts';

/** Keeps the tab title in step with the page (the prerender writes the same title). */
export function useDocumentTitle(page: PageData | null): void {
  const title = pageTitle(page);
  useEffect(() => {
    document.title = title;
  }, [title]);
}
