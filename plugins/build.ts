// `npm run build`: read the posts (stopping with every problem listed if any), bundle the
// app for the browser and for the prerender, then write every page, the posts' files and
// the site files, and say what was built.
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig, ViteBuilder } from 'vite';
import { SEARCH_DIR } from '../src/routes.ts';
import { appKey, BuildRecord, listFiles, stampOf, type Stamp } from './build-record.ts';
import { mapLimited } from './concurrency.ts';
import type { SiteOptions } from './head.ts';
import { sitePages, type Page } from './pages.ts';
import { pageWeight } from './page-weight.js';
import type { ReadHooks, ReadResult } from './posts/read.ts';
import { prerender } from './prerender.ts';
import { closeRenderer } from './render-pool.ts';
import { prepareShell } from './shell.ts';
import { writePreviews } from './previews.ts';
import { mathStylesheet } from './markdown/math-styles.ts';
import { formatProblem } from './problems.ts';
import { SearchIndex } from './search.ts';
import { writeRedirects } from './redirects.ts';
import { writeSiteFiles } from './site-files.ts';

interface BuildOptions {
  config: ResolvedConfig;
  site: SiteOptions;
  /** Where the server bundle is written (and removed from once the pages are). */
  serverOutDir: string;
  /** Reads the published posts. */
  read: (hooks: ReadHooks) => Promise<ReadResult>;
  /** Where generated files are kept between builds (the render cache's folder). */
  cacheDir: () => Promise<string | undefined>;
}

export async function buildSite(builder: ViteBuilder, options: BuildOptions): Promise<void> {
  const { config } = options;
  const started = performance.now();
  const progress = reporter((message) => config.logger.info(message));
  const outDir = path.resolve(config.root, config.build.outDir);
  const cacheDir = await options.cacheDir();
  const previous = await BuildRecord.load(cacheDir, outDir);
  // The search index is built again when a post is new or changed: from the first post read
  // (plugins/search.ts), or at once when the last build's index is not known.
  const search = new SearchIndex(config.base);
  if (!previous?.searchKey) search.start();
  try {
    await buildWith(builder, options, { outDir, cacheDir, previous, search, started, progress });
  } catch (error) {
    await search.close();
    throw error;
  }
}

async function buildWith(
  builder: ViteBuilder,
  options: BuildOptions,
  { outDir, cacheDir, previous, search, started, progress }: BuildState,
): Promise<void> {
  const { config } = options;
  const result = await options.read({
    onProgress: (done, total) => progress(`[blog] posts rendered ${done}/${total}`, done === total),
    onPost: (post) => search.add(post),
    onRenderNeeded: () => search.start(),
  });
  await closeRenderer(config.root);
  stopOnProblems(result, config);

  const key = await appKey(config.root, { base: config.base, mode: config.mode, siteUrl: options.site.siteUrl });
  const { reused, app, serverDir, builtHtml } = await bundleApp(builder, options, { outDir, key, previous });

  const shell = await prepareShell(outDir, config.base, builtHtml, mathStylesheet(result.mathStyles));
  const site = { ...options.site, styleHash: shell.styleHash, frames: result.frames };
  const pages = sitePages(result.posts, site.siteUrl && `${site.siteUrl}${site.base}`);
  // Pagefind indexes in a process of its own, beside the prerender; social cards (with SITE_URL) too.
  const indexing = search.write(outDir, result.posts, previous?.searchKey);
  indexing.catch(() => {}); // awaited below; if the prerender fails first, its error is the one told
  const drawing = site.siteUrl ? writePreviews(outDir, result.posts, cacheDir) : Promise.resolve([]);
  const prerendered = await prerender(pages, {
    outDir,
    shell,
    serverEntry: path.join(serverDir, 'entry-server.js'),
    site,
    appKey: key,
    previous,
    onProgress: (done, total) => progress(`[blog] pages checked ${done}/${total}`, done === total),
  });
  if (!previous) await rm(serverDir, { recursive: true, force: true });
  await copyAssets(outDir, result.assets);
  const siteFiles = await writeSiteFiles(outDir, pages, result.posts, site);
  const redirectFiles = await writeRedirects(outDir, result.redirects, site);
  const searchKey = await indexing;
  const previews = await drawing;
  await previous?.save(outDir, {
    appKey: key,
    app,
    pages: prerendered.pages,
    searchKey,
    files: [
      ...Object.keys(app),
      ...Object.keys(prerendered.pages),
      ...result.assets.map((asset) => asset.fileName),
      ...siteFiles,
      ...redirectFiles,
      ...previews,
      ...(await listFiles(path.join(outDir, SEARCH_DIR))).map((file) => `${SEARCH_DIR}/${file}`),
    ],
  });

  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  config.logger.info(
    `\n[blog] ${pages.length + 1} pages from ${result.posts.length} posts (${result.reused} renderings reused, ` +
      `${prerendered.written} ${prerendered.written === 1 ? 'page' : 'pages'} written, app ${reused ? 'reused' : 'bundled'}) ` +
      `in ${config.build.outDir}/ in ${seconds}s; largest first-load JavaScript ${await largestFirstLoadJs(outDir, pages, site.base)} B gzip` +
      (site.siteUrl ? '' : '\n[blog] SITE_URL is not set: no canonical links, feeds, sitemap.xml or robots.txt'),
  );
}

interface BuildState {
  outDir: string;
  cacheDir: string | undefined;
  previous: BuildRecord | undefined;
  search: SearchIndex;
  started: number;
  progress: (message: string, last: boolean) => void;
}

/** Copies the posts' files into `outDir`; named by their content, one already there is the same file. */
async function copyAssets(outDir: string, assets: ReadResult['assets']): Promise<void> {
  await mapLimited(assets, 16, async (asset) => {
    const target = path.join(outDir, asset.fileName);
    if (await stat(target).catch(() => undefined)) return;
    await mkdir(path.dirname(target), { recursive: true });
    if ('data' in asset) await writeFile(target, Buffer.from(asset.data, 'base64'));
    else await copyFile(asset.source, target);
  });
}

interface BundledApp {
  /** Whether the last build's bundles were reused. */
  reused: boolean;
  /** The client bundle's files in the output folder. */
  app: Record<string, Stamp>;
  /** Where the server bundle is. */
  serverDir: string;
  /** Vite's index.html, the page shell's source. */
  builtHtml: string;
}

/**
 * The browser and server bundles: reused while nothing they are built from changed (Vite
 * then neither empties the output folder nor builds; both environments count as built),
 * else built and kept for the next build.
 */
async function bundleApp(
  builder: ViteBuilder,
  options: BuildOptions,
  { outDir, key, previous }: { outDir: string; key: string; previous: BuildRecord | undefined },
): Promise<BundledApp> {
  const { client, ssr } = builder.environments;
  if (!client || !ssr) throw new Error('the blog plugin needs the client and ssr environments');
  if (previous && (await previous.appIntact(key, outDir))) {
    client.isBuilt = ssr.isBuilt = true;
    const builtHtml = await readFile(previous.templateFile, 'utf8');
    return { reused: true, app: previous.app, serverDir: previous.serverDir, builtHtml };
  }
  const built = await builder.build(client);
  await builder.build(ssr);
  const serverDir = path.resolve(options.config.root, options.serverOutDir);
  const builtHtml = await readFile(path.join(outDir, 'index.html'), 'utf8');
  // What the client build wrote, not what the folder holds: Vite does not empty a folder
  // outside the project, and the last build's pages there are not part of the app.
  const { publicDir } = options.config;
  const copied = publicDir && client.config.build.copyPublicDir ? await listFiles(publicDir) : [];
  const files = [...new Set([...outputFiles(built), ...copied])].filter((file) => file !== 'index.html');
  const app = Object.fromEntries(files.map((file) => [file, stampOf(path.join(outDir, file))]));
  if (!previous) return { reused: false, app, serverDir, builtHtml };
  await previous.keepApp(outDir, serverDir);
  await rm(serverDir, { recursive: true, force: true });
  return { reused: false, app, serverDir: previous.serverDir, builtHtml };
}

/** The files a Vite build wrote, relative to its output folder. */
function outputFiles(built: Awaited<ReturnType<ViteBuilder['build']>>): string[] {
  const outputs = Array.isArray(built) ? built : 'output' in built ? [built] : [];
  return outputs.flatMap((output) => output.output.map((file) => file.fileName));
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
  const gzipSizes = new Map<string, number>(); // every page loads the app's entry
  const weights = [];
  for (const file of files) weights.push(await pageWeight(outDir, file, base, gzipSizes));
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
