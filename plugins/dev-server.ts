// `npm run dev`: posts are read into memory and re-read when they change; each page's data,
// the posts' files and the list of problems are served from there. The app itself comes
// from Vite. A post with problems is listed in the page and the terminal; the others stay.
import path from 'node:path';
import { lookup } from 'mrmime';
import type { Connect, ViteDevServer } from 'vite';
import { POSTS_CHANGED_EVENT } from '../src/content.ts';
import { DEV_PROBLEMS_PATH, PAGE_DATA_FILE } from '../src/routes.ts';
import type { PageData } from '../src/content.ts';
import { SETTINGS } from '../src/settings.ts';
import type { FirstLook, ReadResult } from './posts/read.ts';
import { sitePages } from './pages.ts';
import { assetBytes, type Asset } from './markdown/file-data.ts';
import { mathStylesheet } from './markdown/math-styles.ts';
import { formatProblem } from './problems.ts';
import { aliasFile, redirectPage, type Redirect } from './redirects.ts';

interface DevOptions {
  postsDir: string;
  /** Reads every post, drafts included. */
  read: () => Promise<ReadResult>;
  /** Reads every post's front matter and renders only the newest `count`. */
  readNewest: (count: number) => Promise<FirstLook>;
  /** Takes the rules of the posts' math style classes after each full read. */
  onMathStyles: (css: string) => void;
}

/** A read with the lookups requests need, derived once per read rather than per request. */
interface Snapshot {
  result: ReadResult;
  pages: Map<string, unknown>;
  assets: Map<string, Asset>;
}

/** What the middleware serves from: the latest read, and while it runs at start, the first look. */
interface Reading {
  current: Promise<Snapshot>;
  /** The home page's data from the first look, until the first full read is done. */
  firstLook: Promise<PageData | undefined> | undefined;
  /** Says the first look was shown. */
  markServed(): void;
}

export function serveDev(server: ViteDevServer, options: DevOptions): void {
  const { config } = server;
  const load = () => loadSnapshot(options, config.root);
  const reading = startReading(server, options, load);
  const report = () => reportProblems(server, reading.current);
  void report();
  // The posts' math styles, for the app's stylesheet, and their old addresses, after each full read.
  const oldAddresses = aliasServer(config.base);
  server.middlewares.use(oldAddresses.middleware);
  const mathStyles = (snapshot: Promise<Snapshot>) =>
    void snapshot.then(({ result }) => {
      options.onMathStyles(mathStylesheet(result.mathStyles));
      oldAddresses.update(result.redirects);
    });
  mathStyles(reading.current);
  watchPosts(server, options.postsDir, (files) => {
    reading.firstLook = undefined;
    reading.current = load();
    mathStyles(reading.current);
    void report().then(() => {
      config.logger.info(`[posts] ${files.join(', ')} changed`, { timestamp: true });
      server.ws.send({ type: 'custom', event: POSTS_CHANGED_EVENT });
    });
  });
  server.middlewares.use((req, res, next) => {
    const relative = requestPath(req.url, config.base);
    // Only page data, the problems and posts' files wait for the posts to be read; the app
    // itself (index.html, its modules) is Vite's, at once.
    const ours = relative === DEV_PROBLEMS_PATH || relative?.endsWith(PAGE_DATA_FILE) || relative?.startsWith(ASSETS);
    if (relative === undefined || !ours) return next();
    const json = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify(body));
    };
    const { firstLook } = reading;
    if (relative === PAGE_DATA_FILE && firstLook) {
      void firstLook.then((home) => {
        if (!home || !reading.firstLook) return reading.current.then(({ pages }) => json(200, pages.get('/')));
        reading.markServed();
        json(200, home);
      });
      return;
    }
    void reading.current.then(({ result, pages, assets }) => {
      if (relative === DEV_PROBLEMS_PATH) return json(200, result.problems.map(formatProblem));
      if (relative.endsWith(PAGE_DATA_FILE)) {
        const data = pages.get(`/${relative.slice(0, -PAGE_DATA_FILE.length)}`);
        return data ? json(200, data) : json(404, null);
      }
      const asset = assets.get(relative);
      if (!asset) return next();
      assetBytes(asset).then((content) => {
        res.setHeader('Content-Type', lookup(relative) ?? 'application/octet-stream');
        res.end(content);
      }, next);
    });
  });
}

/**
 * At start, the home page is served from a first look (the newest posts rendered, the
 * others' front matter counted), so that it shows without waiting for every post; the full
 * read renders the rest once that page is out (or after a few seconds if no browser asks),
 * so as not to take the processor from it. Any other page waits for the full read.
 */
function startReading(server: ViteDevServer, options: DevOptions, load: () => Promise<Snapshot>): Reading {
  let served = false;
  let markServed = () => {};
  const shown = new Promise<void>((resolve) => {
    markServed = () => {
      served = true;
      resolve();
    };
  });
  const firstLook = homeFromFirstLook(options);
  const reading: Reading = {
    firstLook,
    markServed,
    current: firstLook.then(async (home) => {
      if (home) await Promise.race([shown.then(() => delay(500)), delay(3000)]);
      return load();
    }),
  };
  void reading.current.then(() => {
    reading.firstLook = undefined;
    // The page shown from the first look is loaded again from the full read (its counts may differ).
    if (served) server.ws.send({ type: 'custom', event: POSTS_CHANGED_EVENT });
  });
  return reading;
}

/** Every post read, with the lookups requests need. The dev server must survive anything in posts/: an unexpected failure is shown like a problem. */
async function loadSnapshot(options: DevOptions, root: string): Promise<Snapshot> {
  const result = await options.read().catch((error: unknown): ReadResult => ({
    posts: [],
    assets: [],
    warnings: [],
    reused: 0,
    mathStyles: {},
    frames: [],
    redirects: [],
    problems: [{ file: path.relative(root, options.postsDir), message: `could not be read: ${String(error)}` }],
  }));
  return {
    result,
    pages: new Map(sitePages(result.posts).map((page) => [page.path, page.data])),
    assets: new Map(result.assets.map((asset) => [asset.fileName, asset])),
  };
}

/** Where posts' files (images, data files) are served, as the build names them (plugins/markdown/urls.ts, plugins/posts/read.ts). */
const ASSETS = 'assets/';

/** Prints the posts' warnings and problems in the terminal. */
async function reportProblems(server: ViteDevServer, snapshot: Promise<Snapshot>): Promise<void> {
  const { result } = await snapshot;
  const { logger } = server.config;
  for (const warning of result.warnings) logger.warn(`[posts] warning: ${formatProblem(warning)}`, { timestamp: true });
  for (const problem of result.problems) logger.error(`[posts] ${formatProblem(problem)}`, { timestamp: true });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The home page's data from a first look, if its newest posts render without a problem. */
async function homeFromFirstLook(options: DevOptions): Promise<PageData | undefined> {
  const perPage = SETTINGS.postsPerPage;
  const look = await options.readNewest(perPage).catch(() => undefined);
  if (!look?.posts) return undefined;
  const home = sitePages(look.posts).find((page) => page.path === '/')?.data;
  if (home?.kind !== 'home') return undefined;
  return { ...home, pagination: { page: 1, pages: Math.max(1, Math.ceil(look.total / perPage)) } };
}

/** The posts' old addresses (`aliases`), answered with the redirect pages the build writes. */
function aliasServer(base: string): { update(redirects: Redirect[]): void; middleware: Connect.NextHandleFunction } {
  let aliases = new Map<string, Redirect>();
  return {
    update(redirects) {
      aliases = new Map(redirects.map((redirect) => [aliasFile(redirect.from), redirect]));
    },
    middleware(req, res, next) {
      const relative = requestPath(req.url, base);
      const redirect = relative ? aliases.get(aliasFileOf(relative)) : undefined;
      if (!redirect) return next();
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(redirectPage(redirect, { base, siteUrl: undefined }));
    },
  };
}

/** The file an alias would be for a request's path, as plugins/redirects.ts names it. */
function aliasFileOf(relative: string): string {
  try {
    return aliasFile(encodeURI(`/${relative}`));
  } catch {
    return '';
  }
}

/** The request's path relative to the base, decoded; undefined when it is outside the base or malformed. */
function requestPath(url: string | undefined, base: string): string | undefined {
  try {
    const pathname = decodeURIComponent((url ?? '').split('?')[0] ?? '');
    return pathname.startsWith(base) ? pathname.slice(base.length) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Calls `onChange` with the changed files once things are quiet: a save can arrive as
 * several events (truncate, write, rename), and the watcher may drop the later ones, so a
 * half-written file is never the last word.
 */
function watchPosts(server: ViteDevServer, postsDir: string, onChange: (files: string[]) => void): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const changed = new Set<string>();
  const changedFile = (file: string) => {
    if (file !== postsDir && !file.startsWith(postsDir + path.sep)) return;
    changed.add(path.relative(server.config.root, file));
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...changed];
      changed.clear();
      onChange(files);
    }, 80);
  };
  server.watcher.add(postsDir);
  for (const event of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const)
    server.watcher.on(event, changedFile);
}
