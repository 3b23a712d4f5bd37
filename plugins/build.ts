// `npm run build`: read the posts (stopping with every problem listed if any), bundle the
// app for the browser and for the prerender, then write every page, the posts' files and
// the site files, and say what was built.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig, ViteBuilder } from 'vite';
import { mapLimited } from './concurrency.ts';
import type { SiteOptions } from './head.ts';
import { sitePages, type Page } from './pages.ts';
import { pageWeight } from './page-weight.js';
import type { ReadResult } from './posts/read.ts';
import { prerender } from './prerender.ts';
import { prepareShell } from './shell.ts';
import { writePreviews } from './previews.ts';
import { formatProblem } from './problems.ts';
import { writeSearchIndex } from './search.ts';
import { writeSiteFiles } from './site-files.ts';

interface BuildOptions {
  config: ResolvedConfig;
  site: SiteOptions;
  /** Where the server bundle is written (and removed from once the pages are). */
  serverOutDir: string;
  /** Reads the published posts. */
  read: (onProgress: (done: number, total: number) => void) => Promise<ReadResult>;
  /** Where generated files are kept between builds (the render cache's folder), once the posts are read. */
  cacheDir: () => string | undefined;
}

export async function buildSite(builder: ViteBuilder, options: BuildOptions): Promise<void> {
  const { config } = options;
  const started = performance.now();
  const progress = reporter((message) => config.logger.info(message));
  const result = await options.read((done, total) =>
    progress(`[blog] posts rendered ${done}/${total}`, done === total),
  );
  stopOnProblems(result, config);

  const { client, ssr } = builder.environments;
  if (!client || !ssr) throw new Error('the blog plugin needs the client and ssr environments');
  await builder.build(client);
  await builder.build(ssr);

  const outDir = path.resolve(config.root, config.build.outDir);
  const serverDir = path.resolve(config.root, options.serverOutDir);
  const shell = await prepareShell(outDir, config.base);
  const site = { ...options.site, styleHash: shell.styleHash };
  const pages = sitePages(result.posts, site.siteUrl && `${site.siteUrl}${site.base}`);
  // Pagefind indexes in a process of its own, beside the prerender; social cards (with SITE_URL) too.
  const indexing = writeSearchIndex(outDir, result.posts, site.base);
  const drawing = site.siteUrl ? writePreviews(outDir, result.posts, options.cacheDir()) : Promise.resolve();
  await prerender(pages, {
    outDir,
    shell,
    serverEntry: path.join(serverDir, 'entry-server.js'),
    site,
    onProgress: (done, total) => progress(`[blog] pages written ${done}/${total}`, done === total),
  });
  await rm(serverDir, { recursive: true, force: true });
  await mapLimited(result.assets, 16, async (asset) => {
    await mkdir(path.dirname(path.join(outDir, asset.fileName)), { recursive: true });
    await copyFile(asset.source, path.join(outDir, asset.fileName));
  });
  await writeSiteFiles(outDir, pages, result.posts, site);
  await indexing;
  await drawing;

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  config.logger.info(
    `\n[blog] ${pages.length + 1} pages from ${result.posts.length} posts (${result.reused} renderings reused) ` +
      `in ${config.build.outDir}/ in ${seconds}s; largest first-load JavaScript ${await largestFirstLoadJs(outDir, pages, site.base)} B gzip` +
      (site.siteUrl ? '' : '\n[blog] SITE_URL is not set: no canonical links, feeds, sitemap.xml or robots.txt'),
  );
}

/** Warnings are printed; problems are printed and stop the build before anything is written. */
function stopOnProblems(result: ReadResult, config: ResolvedConfig): void {
  for (const warning of result.warnings) config.logger.warn(`[posts] warning: ${formatProblem(warning)}`);
  if (result.problems.length === 0) return;
  for (const problem of result.problems) config.logger.error(formatProblem(problem));
  const count = result.problems.length === 1 ? '1 problem' : `${result.problems.length} problems`;
  const error = new Error(`${count} in posts (listed above); nothing was built`);
  error.stack = error.message; // the list above is the whole story; a stack trace would bury it
  throw error;
}

/** The largest first-load JavaScript of any page kind, measured as the benchmark and the budgets do. */
async function largestFirstLoadJs(outDir: string, pages: Page[], base: string): Promise<number> {
  const kinds = new Map(pages.map((page) => [page.data.kind, page.path]));
  const files = ['404.html', ...[...kinds.values()].map((page) => `${page.slice(1)}index.html`)];
  const weights = await Promise.all(files.map((file) => pageWeight(outDir, file, base)));
  return Math.max(...weights.map((weight) => weight.js));
}

/** Progress lines for long builds: at most one a second, and always the last. */
function reporter(print: (message: string) => void): (message: string, last: boolean) => void {
  let lastPrinted = performance.now();
  return (message, last) => {
    const now = performance.now();
    if (!last && now - lastPrinted < 1000) return;
    lastPrinted = now;
    print(message);
  };
}
