// `npm run dev`: posts are read into memory and re-read when they change; each page's data,
// the posts' files and the list of problems are served from there. The app itself comes
// from Vite. A post with problems is listed in the page and the terminal; the others stay.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lookup } from 'mrmime';
import type { ViteDevServer } from 'vite';
import { POSTS_CHANGED_EVENT } from '../src/content.ts';
import { DEV_PROBLEMS_PATH, PAGE_DATA_FILE } from '../src/routes.ts';
import type { ReadResult } from './posts/read.ts';
import { sitePages } from './pages.ts';
import { formatProblem } from './problems.ts';

interface DevOptions {
  postsDir: string;
  /** Reads every post, drafts included. */
  read: () => Promise<ReadResult>;
}

/** A read with the lookups requests need, derived once per read rather than per request. */
interface Snapshot {
  result: ReadResult;
  pages: Map<string, unknown>;
  assets: Map<string, string>;
}

export function serveDev(server: ViteDevServer, options: DevOptions): void {
  const { config } = server;
  const load = async (): Promise<Snapshot> => {
    // The dev server must survive anything in posts/: an unexpected failure is shown like a problem.
    const result = await options.read().catch((error: unknown): ReadResult => ({
      posts: [],
      assets: [],
      warnings: [],
      reused: 0,
      problems: [
        { file: path.relative(config.root, options.postsDir), message: `could not be read: ${String(error)}` },
      ],
    }));
    return {
      result,
      pages: new Map(sitePages(result.posts).map((page) => [page.path, page.data])),
      assets: new Map(result.assets.map((asset) => [asset.fileName, asset.source])),
    };
  };
  let current = load();
  const report = async () => {
    const { result } = await current;
    for (const warning of result.warnings)
      config.logger.warn(`[posts] warning: ${formatProblem(warning)}`, { timestamp: true });
    for (const problem of result.problems)
      config.logger.error(`[posts] ${formatProblem(problem)}`, { timestamp: true });
  };
  void report();
  watchPosts(server, options.postsDir, (files) => {
    current = load();
    void report().then(() => {
      config.logger.info(`[posts] ${files.join(', ')} changed`, { timestamp: true });
      server.ws.send({ type: 'custom', event: POSTS_CHANGED_EVENT });
    });
  });
  server.middlewares.use((req, res, next) => {
    const relative = requestPath(req.url, config.base);
    if (relative === undefined) return next();
    const json = (status: number, body: unknown) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-store');
      res.end(JSON.stringify(body));
    };
    void current.then(({ result, pages, assets }) => {
      if (relative === DEV_PROBLEMS_PATH) return json(200, result.problems.map(formatProblem));
      if (relative.endsWith(PAGE_DATA_FILE)) {
        const data = pages.get(`/${relative.slice(0, -PAGE_DATA_FILE.length)}`);
        return data ? json(200, data) : json(404, null);
      }
      const source = assets.get(relative);
      if (!source) return next();
      readFile(source).then((content) => {
        res.setHeader('Content-Type', lookup(relative) ?? 'application/octet-stream');
        res.end(content);
      }, next);
    });
  });
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
