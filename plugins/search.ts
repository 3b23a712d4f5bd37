// The search index, built after the pages by Pagefind (a Rust indexer shipped as an npm
// package). It splits the index into small chunks that the browser fetches only for the
// words it searches, so one query downloads a bounded part of it however many posts there
// are; the search page loads `pagefind/pagefind.js` on first use only (src/search.ts).
import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Post } from '../src/content.ts';
import { routePath, SEARCH_DIR } from '../src/routes.ts';
import { mapLimited } from './concurrency.ts';
import { escapeHtml } from './head.ts';

/**
 * Indexes every published post (title, description, tags, text) into `outDir/pagefind/`,
 * unless the index there was built from the same documents (`previousKey`). Returns the
 * index's key.
 */
export async function writeSearchIndex(
  outDir: string,
  posts: Post[],
  base: string,
  previousKey: string | undefined,
): Promise<string> {
  // Each post's document is made when needed and dropped after: at 10,000 posts, all of them
  // at once would hold a few hundred megabytes.
  const urlOf = (post: Post) => `${base}${routePath('post', { slug: post.slug }).slice(1)}`;
  const digest = createHash('sha256');
  for (const post of posts) digest.update(`${urlOf(post)}\0${searchDocument(post)}\0`);
  const key = digest.digest('hex');
  const folder = path.join(outDir, SEARCH_DIR);
  if (key === previousKey && (await stat(path.join(folder, 'pagefind.js')).catch(() => undefined))) return key;
  await rm(folder, { recursive: true, force: true });
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en', excludeSelectors: ['.heading-anchor'] });
  if (!index) throw new Error(`the search index could not be created: ${errors.join('; ')}`);
  try {
    // Pagefind's process takes the documents as they come; its answers are matched to them.
    await mapLimited(posts, 64, async (post) => {
      const url = urlOf(post);
      const { errors: fileErrors } = await index.addHTMLFile({ url, content: searchDocument(post) });
      if (fileErrors.length > 0) throw new Error(`${url} could not be indexed for search: ${fileErrors.join('; ')}`);
    });
    const written = await index.writeFiles({ outputPath: folder });
    if (written.errors.length > 0)
      throw new Error(`the search index could not be written: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
  return key;
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
