// The search index, built by Pagefind (a Rust indexer shipped as an npm package) in a
// process of its own. It splits the index into small chunks that the browser fetches only
// for the words it searches, so one query downloads a bounded part of it however many posts
// there are; the search page loads `pagefind/pagefind.js` on first use only (src/search.ts).
//
// Pagefind cannot update an index in part, so a build that changes any post's text indexes
// every post again. It starts as soon as the read knows that (a post to render: new or
// changed), and takes each post as it is read, so that indexing overlaps rendering; the
// index is written once the build has no problems.
import { createHash } from 'node:crypto';
import { rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { PagefindIndex } from 'pagefind';
import type { Post } from '../src/content.ts';
import { routePath, SEARCH_DIR } from '../src/routes.ts';
import { hash } from './build-record.ts';
import { limiter } from './concurrency.ts';
import { escapeHtml } from './head.ts';

export class SearchIndex {
  private readonly base: string;
  /** Posts read before indexing started: handed to Pagefind when it starts. */
  private waiting: Post[] = [];
  private session: Session | undefined;

  constructor(base: string) {
    this.base = base;
  }

  /** A post that was read: indexed now if indexing has started, else when it starts. */
  add(post: Post): void {
    if (this.session) this.session.add(this.urlOf(post), () => searchDocument(post));
    else this.waiting.push(post);
  }

  /** The index will be built again: Pagefind starts and takes the posts read so far. */
  start(): void {
    if (this.session) return;
    this.session = new Session();
    for (const post of this.waiting.splice(0)) this.add(post);
  }

  /**
   * Indexes every published post (title, description, tags, text) into `outDir/pagefind/`,
   * unless the index there was built from the same documents (`previousKey`). Returns the
   * index's key.
   */
  async write(outDir: string, posts: Post[], previousKey: string | undefined): Promise<string> {
    this.waiting = [];
    // Each post's document is hashed, not made: at 10,000 posts, all of them would hold a
    // few hundred megabytes, and making them was a tenth of a warm build.
    const digest = createHash('sha256');
    const documents = new Map<string, string>();
    for (const post of posts) {
      const url = this.urlOf(post);
      const documentHash = hashOfDocument(post);
      digest.update(`${url}\0${documentHash}\0`);
      documents.set(url, documentHash);
    }
    const key = digest.digest('hex');
    const folder = path.join(outDir, SEARCH_DIR);
    if (key === previousKey && (await stat(path.join(folder, 'pagefind.js')).catch(() => undefined))) {
      await this.close();
      return key;
    }
    // What was indexed while reading must be these posts as they are now; if not (never
    // expected), the index is built again from the start.
    if (this.session && !(await this.session.agreesWith(documents))) await this.close();
    this.start();
    const session = this.session!;
    for (const post of posts) {
      const url = this.urlOf(post);
      if (!session.has(url)) session.add(url, () => searchDocument(post));
    }
    try {
      await rm(folder, { recursive: true, force: true });
      await session.write(folder);
    } finally {
      await this.close();
    }
    return key;
  }

  /** Stops Pagefind, if it runs, without writing anything (the build stopped, or nothing changed). */
  async close(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.close();
  }

  private urlOf(post: Post): string {
    return `${this.base}${routePath('post', { slug: post.slug }).slice(1)}`;
  }
}

/** One Pagefind index being built: the documents given to it so far, by address. */
class Session {
  private readonly index: Promise<PagefindIndex>;
  /** The hash of each document given, once Pagefind has it (its address at once). */
  private readonly documents = new Map<string, string | undefined>();
  private readonly adding: Promise<void>[] = [];
  // Pagefind's process takes the documents as they come; its answers are matched to them.
  private readonly limit = limiter(64);

  constructor() {
    this.index = import('pagefind').then(async (pagefind) => {
      const { index, errors } = await pagefind.createIndex({
        forceLanguage: 'en',
        excludeSelectors: ['.heading-anchor'],
      });
      if (!index) throw new Error(`the search index could not be created: ${errors.join('; ')}`);
      return index;
    });
  }

  has(url: string): boolean {
    return this.documents.has(url);
  }

  /** `document` is made when Pagefind takes it, so that posts waiting their turn hold no copy. */
  add(url: string, document: () => string): void {
    this.documents.set(url, undefined);
    const added = this.limit(async () => {
      const content = document();
      this.documents.set(url, hash(content));
      const { errors } = await (await this.index).addHTMLFile({ url, content });
      if (errors.length > 0) throw new Error(`${url} could not be indexed for search: ${errors.join('; ')}`);
    });
    added.catch(() => {}); // reported by write()
    this.adding.push(added);
  }

  /** Whether every document given so far is among `documents` (hashes by address), unchanged. */
  async agreesWith(documents: Map<string, string>): Promise<boolean> {
    await Promise.allSettled(this.adding);
    return [...this.documents].every(([url, digest]) => documents.get(url) === digest);
  }

  async write(folder: string): Promise<void> {
    await Promise.all(this.adding);
    const written = await (await this.index).writeFiles({ outputPath: folder });
    if (written.errors.length > 0)
      throw new Error(`the search index could not be written: ${written.errors.join('; ')}`);
  }

  async close(): Promise<void> {
    await this.index.catch(() => undefined);
    await Promise.allSettled(this.adding);
    const pagefind = await import('pagefind');
    await pagefind.close();
  }
}

/**
 * What Pagefind reads of a post: its title (weighted as a heading), its description (when
 * the author wrote one: else the excerpt is the first paragraph, already in the text), tags
 * and text.
 */
export function searchDocument(post: Post): string {
  return documentParts(post).join('');
}

/** The hash of a post's search document, made without making the document (the same as `hash(searchDocument(post))`). */
export function hashOfDocument(post: Post): string {
  const digest = createHash('sha256');
  for (const part of documentParts(post)) digest.update(part);
  return digest.digest('hex');
}

/** A post's search document in three parts, the post's own HTML in the middle, as it is. */
function documentParts(post: Post): [string, string, string] {
  const meta = (name: string, value: string) =>
    `<meta data-pagefind-meta="${name}[content]" content="${escapeHtml(value)}">`;
  const head = `<!doctype html><html lang="en"><head>${meta('slug', post.slug)}${meta('date', post.dateLabel)}</head><body><main data-pagefind-body>
<h1 data-pagefind-meta="title">${escapeHtml(post.title)}</h1>
${post.described ? `<p>${escapeHtml(post.excerpt)}</p>` : ''}
<p>${post.tags.map((tag) => escapeHtml(tag.name)).join(', ')}</p>
`;
  return [head, post.html, '\n</main></body></html>'];
}
