// The search index, built after the pages by Pagefind (a Rust indexer shipped as an npm
// package). It splits the index into small chunks that the browser fetches only for the
// words it searches, so one query downloads a bounded part of it however many posts there
// are; the search page loads `pagefind/pagefind.js` on first use only (src/search.ts).
import path from 'node:path';
import type { Post } from '../src/content.ts';
import { routePath, SEARCH_DIR } from '../src/routes.ts';
import { escapeHtml } from './head.ts';

/** Indexes every published post (title, description, tags, text) into `outDir/pagefind/`. */
export async function writeSearchIndex(outDir: string, posts: Post[], base: string): Promise<void> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.heading-anchor'] });
  if (!index) throw new Error(`the search index could not be created: ${errors.join('; ')}`);
  try {
    for (const post of posts) {
      const url = `${base}${routePath('post', { slug: post.slug }).slice(1)}`;
      const { errors: fileErrors } = await index.addHTMLFile({ url, content: searchDocument(post) });
      if (fileErrors.length > 0) throw new Error(`${url} could not be indexed for search: ${fileErrors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: path.join(outDir, SEARCH_DIR) });
    if (written.errors.length > 0)
      throw new Error(`the search index could not be written: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

/** What Pagefind reads of a post: its title (weighted as a heading), description, tags and text. */
function searchDocument(post: Post): string {
  const meta = (name: string, value: string) =>
    `<meta data-pagefind-meta="${name}[content]" content="${escapeHtml(value)}">`;
  return `<!doctype html><html lang="en"><head>${meta('slug', post.slug)}${meta('date', post.dateLabel)}</head><body><main data-pagefind-body>
<h1 data-pagefind-meta="title">${escapeHtml(post.title)}</h1>
<p>${escapeHtml(post.excerpt)}</p>
<p>${post.tags.map((tag) => escapeHtml(tag.name)).join(', ')}</p>
${post.html}
</main></body></html>`;
}
