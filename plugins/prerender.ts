// Every page to static HTML: the server bundle renders each page's URL with its data into
// the built index.html template, written as `<page>/index.html` with `page-data.json`
// beside it (what client-side navigation fetches), and the not-found page as `404.html`.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PageData } from '../src/content.ts';
import { NOT_FOUND_MARK, pageDataPath } from '../src/routes.ts';
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
  onProgress: (done: number, total: number) => void;
}

export async function prerender(pages: Page[], options: PrerenderOptions): Promise<void> {
  const { outDir, site, shell } = options;
  const { template } = shell;
  const entry = (await import(pathToFileURL(options.serverEntry).href)) as ServerEntry;
  let written = 0;
  await mapLimited(pages, 16, async (page) => {
    const url = `${site.base}${page.path.slice(1)}`;
    const head = headTags(page.path, page.data, site);
    const script = shell.scriptTag(`${site.base}${pageDataPath(page.path)}`);
    const dir = path.join(outDir, ...page.path.split('/').filter(Boolean));
    await mkdir(dir, { recursive: true });
    await Promise.all([
      writeFile(path.join(dir, 'index.html'), fillTemplate(template, head, script, await entry.render(url, page.data))),
      writeFile(path.join(outDir, pageDataPath(page.path)), JSON.stringify(page.data)),
    ]);
    options.onProgress(++written, pages.length);
  });
  // A host serves 404.html at any missing address; the mark tells the app there is no page data to fetch there.
  const notFoundTemplate = template.replace('<div id="root">', `<div id="root" ${NOT_FOUND_MARK}>`);
  const notFound = fillTemplate(
    notFoundTemplate,
    headTags(null, null, site),
    shell.scriptTag(),
    await entry.render(`${site.base}404.html`, null),
  );
  await writeFile(path.join(outDir, '404.html'), notFound);
}

function fillTemplate(template: string, head: string, script: string, appHtml: string): string {
  // Replacer functions: a post's text may hold `$&` or `$'`, which a replacement string would expand.
  const withHead = template
    .replace(/<title>[^<]*<\/title>/, '')
    .replace('<!--app-head-->', () => head)
    .replace(APP_SCRIPT, () => script);
  return withHead.replace('<!--app-html-->', () => appHtml);
}
