// Every page to static HTML: the server bundle renders each page's URL with its data into
// the page shell (plugins/shell.ts), written as `<page>/index.html` with `page-data.json`
// beside it (what client-side navigation fetches), and the not-found page as `404.html`.
// A page whose key is the one the last build wrote it for, and whose files are as that
// build left them, is neither rendered nor written again (plugins/build-record.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageData } from '../src/content.ts';
import { NOT_FOUND_MARK, pageDataPath } from '../src/routes.ts';
import { hash, stampOf, type BuildRecord, type PageRecord } from './build-record.ts';
import { mapLimited } from './concurrency.ts';
import { headTags, type SiteOptions } from './head.ts';
import type { Page } from './pages.ts';
import { APP_SCRIPT, type Shell } from './shell.ts';

/** What `src/entry-server.tsx` exports. */
interface ServerEntry {
  render(url: string, data: PageData | null): Promise<string>;
}

interface PrerenderOptions {
  /** The built client. */
  outDir: string;
  /** The template each page is written into (plugins/shell.ts). */
  shell: Shell;
  /** The built `src/entry-server.tsx`. */
  serverEntry: string;
  site: SiteOptions;
  /** The app's key (plugins/build-record.ts): with the site options, a page's path and data, what its files depend on. */
  appKey: string;
  /** What the last build into the same folder wrote. */
  previous: BuildRecord | undefined;
  onProgress: (done: number, total: number) => void;
}

/** Each file now prerendered in `outDir`, with the key it was written for; and how many pages (404.html too) were written. */
export interface Prerendered {
  pages: Record<string, PageRecord>;
  written: number;
}

export async function prerender(pages: Page[], options: PrerenderOptions): Promise<Prerendered> {
  const { outDir, site, shell, previous } = options;
  const { template } = shell;
  let entry: ServerEntry | undefined;
  const render = async (url: string, data: PageData | null) => {
    entry ??= (await import(pathToFileURL(options.serverEntry).href)) as ServerEntry;
    return entry.render(url, data);
  };
  const siteKey = JSON.stringify([options.appKey, site]);
  const keyOf = pageKeys(siteKey);
  const records: Record<string, PageRecord> = {};
  let done = 0;
  let written = 0;
  await mapLimited(pages, 16, async (page) => {
    const dir = page.path.slice(1);
    const files = [`${dir}index.html`, pageDataPath(page.path)];
    const key = keyOf(page);
    const kept = files.map((file) => previous?.page(outDir, file, key));
    if (kept.every((record) => record !== undefined)) {
      files.forEach((file, i) => (records[file] = kept[i]!));
    } else {
      const url = `${site.base}${dir}`;
      const head = headTags(page.path, page.data, site);
      const script = shell.scriptTag(`${site.base}${pageDataPath(page.path)}`);
      const html = fillTemplate(template, head, script, await render(url, page.data));
      // Synchronous writes: for a thousand pages, promise-based mkdir and open cost the main
      // thread about a second of CPU, synchronous ones a fifth of that.
      mkdirSync(path.join(outDir, dir), { recursive: true });
      writeFileSync(path.join(outDir, files[0]!), html);
      writeFileSync(path.join(outDir, files[1]!), JSON.stringify(page.data));
      for (const file of files) records[file] = { key, ...stampOf(path.join(outDir, file)) };
      written++;
    }
    options.onProgress(++done, pages.length);
  });
  // A host serves 404.html at any missing address; the mark tells the app there is no page data to fetch there.
  const notFoundKey = hash(`${siteKey}\0/404.html`);
  const notFoundRecord = previous?.page(outDir, '404.html', notFoundKey);
  if (notFoundRecord) records['404.html'] = notFoundRecord;
  else {
    const notFoundTemplate = template.replace('<div id="root">', `<div id="root" ${NOT_FOUND_MARK}>`);
    const html = fillTemplate(
      notFoundTemplate,
      headTags(null, null, site),
      shell.scriptTag(),
      await render(`${site.base}404.html`, null),
    );
    writeFileSync(path.join(outDir, '404.html'), html);
    records['404.html'] = { key: notFoundKey, ...stampOf(path.join(outDir, '404.html')) };
    written++;
  }
  return { pages: records, written };
}

function fillTemplate(template: string, head: string, script: string, appHtml: string): string {
  // Replacer functions: a post's text may hold `$&` or `$'`, which a replacement string would expand.
  const withHead = template
    .replace(/<title>[^<]*<\/title>/, '')
    .replace('<!--app-head-->', () => head)
    .replace(APP_SCRIPT, () => script);
  return withHead.replace('<!--app-html-->', () => appHtml);
}

/**
 * A page's key: the site's, its path and its data, in which a post's HTML stands as a hash
 * of it (made once per post): at 10,000 posts, copying every post's HTML into the keys was
 * most of a warm build's prerender.
 */
function pageKeys(siteKey: string): (page: Page) => string {
  const htmlHashes = new WeakMap<object, string>();
  function replacer(this: unknown, name: string, value: unknown): unknown {
    if (name !== 'html' || typeof value !== 'string' || typeof this !== 'object' || this === null) return value;
    let digest = htmlHashes.get(this);
    if (digest === undefined) htmlHashes.set(this, (digest = hash(value)));
    return `sha256:${digest}`;
  }
  return (page) => hash(`${siteKey}\0${page.path}\0${JSON.stringify(page.data, replacer)}`);
}
