// The Vite plugin that turns posts/ into the site. In `vite build` it reads the posts
// once, builds the browser bundle and a server bundle, then prerenders every route to
// `<route>/index.html` with its `page-data.json` beside it. In `vite` (dev) it serves the
// same page data from memory and re-reads posts as they change.
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import { PAGE_DATA_FILE, POSTS_CHANGED_EVENT, type PageData } from '../src/content.ts';
import { formatProblem, readPosts, type ReadResult } from './posts.ts';
import { pageWeight } from '../scripts/page-weight.mjs';
import { mapLimited } from './concurrency.ts';
import { RenderCache, rendererFingerprint } from './render.ts';
import { atomFeed, headTags, headersFile, siteRoutes, sitemap, type Route, type SiteOptions } from './site.ts';

export interface BlogOptions {
  /** The posts folder, relative to the project root. */
  postsDir?: string;
  /** Absolute origin used in canonical links, the feed and the sitemap. */
  siteUrl?: string;
}

/** What `src/entry-server.tsx` exports. */
interface ServerEntry {
  render(url: string, data: PageData | null): string;
}

// Per process, so that builds running side by side (the tests) never share it.
const SERVER_OUT_DIR = `node_modules/.blog-server/${process.pid}`;
const PROBLEMS_URL = '__blog/problems.json';

function normaliseSiteUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SITE_URL must be an absolute URL such as https://example.org, got "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SITE_URL must start with https:// or http://, got "${value}"`);
  }
  return url.origin;
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

function injectPage(template: string, head: string, appHtml: string): string {
  // Replacer functions: a post's text may hold `$&` or `$'`, which a replacement string would expand.
  const withHead = template.replace(/<title>[^<]*<\/title>/, '').replace('<!--app-head-->', () => head);
  return withHead.replace('<!--app-html-->', () => appHtml);
}

export function blog(options: BlogOptions = {}): Plugin {
  let config: ResolvedConfig;
  let postsDir: string;
  let site: SiteOptions;

  let cache: RenderCache | undefined;
  const read = async (
    includeDrafts: boolean,
    onProgress?: (done: number, total: number) => void,
  ): Promise<ReadResult> => {
    // One cache folder per posts folder, so that builds of other folders (tests, the benchmark) never prune it.
    const folder = createHash('sha256').update(postsDir).digest('hex').slice(0, 12);
    cache ??= new RenderCache(
      await rendererFingerprint(config.root),
      path.join(config.root, 'node_modules', '.cache', 'blog-posts', folder),
      { remember: config.command === 'serve' },
    );
    const publicDir = config.publicDir;
    const publicFiles = publicDir
      ? await readdir(publicDir, { recursive: true }).then(
          (names) => names.map((name) => name.split(path.sep).join('/')),
          () => [],
        )
      : [];
    return readPosts({ postsDir, root: config.root, base: config.base, includeDrafts, publicFiles, cache, onProgress });
  };

  async function prerender(
    result: ReadResult,
    routes: Route[],
    onProgress: (done: number, total: number) => void,
  ): Promise<number> {
    const outDir = path.resolve(config.root, config.build.outDir);
    const serverDir = path.resolve(config.root, SERVER_OUT_DIR);
    const entry = (await import(pathToFileURL(path.join(serverDir, 'entry-server.js')).href)) as ServerEntry;
    const template = await readFile(path.join(outDir, 'index.html'), 'utf8');

    const write = async (file: string, content: string) => {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    };
    let written = 0;
    await mapLimited(routes, 16, async (route) => {
      const url = `${config.base}${route.path.slice(1)}`;
      const preload = `<link rel="preload" href="${url}${PAGE_DATA_FILE}" as="fetch" crossorigin>`;
      const head = `${headTags(route.path, route.data, site)}\n    ${preload}`;
      const dir = path.join(outDir, ...route.path.split('/').filter(Boolean));
      await mkdir(dir, { recursive: true });
      await Promise.all([
        writeFile(path.join(dir, 'index.html'), injectPage(template, head, entry.render(url, route.data))),
        writeFile(path.join(dir, PAGE_DATA_FILE), JSON.stringify(route.data)),
      ]);
      onProgress(++written, routes.length);
    });
    const notFoundUrl = `${config.base}404.html`;
    await write(
      path.join(outDir, '404.html'),
      injectPage(template, headTags(null, null, site), entry.render(notFoundUrl, null)),
    );
    await mapLimited(result.assets, 16, async (asset) => {
      await mkdir(path.dirname(path.join(outDir, asset.fileName)), { recursive: true });
      await copyFile(asset.source, path.join(outDir, asset.fileName));
    });
    await write(path.join(outDir, '_headers'), headersFile(config.base));
    if (site.siteUrl) {
      await write(path.join(outDir, 'feed.xml'), atomFeed(result.posts, site.siteUrl, config.base));
      await write(path.join(outDir, 'sitemap.xml'), sitemap(routes, site.siteUrl, config.base));
    }
    await rm(serverDir, { recursive: true, force: true });
    // The largest first-load JavaScript of any page kind, measured as the benchmark and the budgets do.
    const samples = [routes.find((r) => r.data.kind === 'post'), routes.find((r) => r.data.kind === 'tag'), routes[0]];
    const pages = ['404.html', ...samples.flatMap((route) => (route ? [`${route.path.slice(1)}index.html`] : []))];
    const weights = await Promise.all(pages.map((page) => pageWeight(outDir, page, config.base)));
    return Math.max(...weights.map((weight) => weight.js));
  }

  function serveDev(server: ViteDevServer): void {
    // The dev server must survive anything in posts/: an unexpected failure is shown like a problem.
    const readForDev = () =>
      read(true).catch((error: unknown): ReadResult => ({
        posts: [],
        assets: [],
        warnings: [],
        reused: 0,
        problems: [
          { file: path.relative(config.root, postsDir) || postsDir, message: `could not be read: ${String(error)}` },
        ],
      }));
    // What a read gives the dev server, with the lookups derived once per read, not per request.
    const load = () =>
      readForDev().then((result) => ({
        result,
        routes: new Map(siteRoutes(result.posts).map((route) => [route.path, route.data])),
        assets: new Map(result.assets.map((asset) => [asset.fileName, asset.source])),
      }));
    let current = load();
    const report = async () => {
      const { result } = await current;
      for (const warning of result.warnings) {
        server.config.logger.warn(`[posts] warning: ${formatProblem(warning)}`, { timestamp: true });
      }
      for (const problem of result.problems) {
        server.config.logger.error(`[posts] ${formatProblem(problem)}`, { timestamp: true });
      }
    };
    void report();

    const isPostFile = (file: string) => file === postsDir || file.startsWith(postsDir + path.sep);
    // A save can arrive as several events (truncate, write, rename), and the watcher may
    // drop the later ones: read once things are quiet, so a half-written file is never the last word.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = new Set<string>();
    const onChange = (file: string) => {
      if (!isPostFile(file)) return;
      changed.add(path.relative(config.root, file));
      clearTimeout(timer);
      timer = setTimeout(() => {
        const files = [...changed].join(', ');
        changed.clear();
        current = load();
        void report().then(() => {
          server.config.logger.info(`[posts] ${files} changed`, { timestamp: true });
          server.ws.send({ type: 'custom', event: POSTS_CHANGED_EVENT });
        });
      }, 80);
    };
    server.watcher.add(postsDir);
    server.watcher.on('add', onChange);
    server.watcher.on('change', onChange);
    server.watcher.on('unlink', onChange);
    server.watcher.on('addDir', onChange);
    server.watcher.on('unlinkDir', onChange);

    server.middlewares.use((req, res, next) => {
      let pathname: string;
      try {
        pathname = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
      } catch {
        return next();
      }
      if (!pathname.startsWith(config.base)) return next();
      const relative = pathname.slice(config.base.length);
      const json = (status: number, body: unknown) => {
        res.statusCode = status;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.setHeader('Cache-Control', 'no-store');
        res.end(JSON.stringify(body));
      };
      if (relative === PROBLEMS_URL) {
        void current.then(({ result }) => json(200, result.problems.map(formatProblem)));
        return;
      }
      if (relative.endsWith(PAGE_DATA_FILE)) {
        const routePath = `/${relative.slice(0, -PAGE_DATA_FILE.length)}`;
        void current.then(({ routes }) => {
          const data = routes.get(routePath);
          if (data) json(200, data);
          else json(404, null);
        });
        return;
      }
      void current.then(({ assets }) => {
        const source = assets.get(relative);
        if (!source) return next();
        readFile(source).then((content) => {
          const type = {
            '.png': 'image/png',
            '.jpg': 'image/jpeg',
            '.jpeg': 'image/jpeg',
            '.gif': 'image/gif',
            '.svg': 'image/svg+xml',
            '.webp': 'image/webp',
            '.avif': 'image/avif',
          }[path.extname(relative)];
          if (type) res.setHeader('Content-Type', type);
          res.end(content);
        }, next);
      });
    });
  }

  return {
    name: 'blog',
    config(_userConfig, env) {
      if (env.command !== 'build') return;
      return {
        builder: {},
        environments: {
          ssr: {
            build: {
              outDir: SERVER_OUT_DIR,
              emptyOutDir: true,
              copyPublicDir: false,
              rolldownOptions: { input: { 'entry-server': 'src/entry-server.tsx' } },
            },
          },
        },
      };
    },
    configResolved(resolved) {
      config = resolved;
      postsDir = path.resolve(config.root, options.postsDir ?? 'posts');
      site = { base: config.base, siteUrl: normaliseSiteUrl(options.siteUrl) };
    },
    configureServer(server) {
      serveDev(server);
    },
    buildApp: {
      async handler(builder) {
        const started = performance.now();
        const progress = reporter((message) => config.logger.info(message));
        const result = await read(false, (done, total) =>
          progress(`[blog] posts rendered ${done}/${total}`, done === total),
        );
        for (const warning of result.warnings) config.logger.warn(`[posts] warning: ${formatProblem(warning)}`);
        if (result.problems.length > 0) {
          for (const problem of result.problems) config.logger.error(formatProblem(problem));
          const count = result.problems.length === 1 ? '1 problem' : `${result.problems.length} problems`;
          const error = new Error(`${count} in posts (listed above); nothing was built`);
          error.stack = error.message; // the list above is the whole story; a stack trace would bury it
          throw error;
        }
        const { client, ssr } = builder.environments;
        if (!client || !ssr) throw new Error('the blog plugin needs the client and ssr environments');
        await builder.build(client);
        await builder.build(ssr);
        const routes = siteRoutes(result.posts);
        const scriptBytes = await prerender(result, routes, (done, total) =>
          progress(`[blog] pages written ${done}/${total}`, done === total),
        );
        await cache?.prune();
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        config.logger.info(
          `\n[blog] ${routes.length + 1} pages from ${result.posts.length} posts (${result.reused} renderings reused) ` +
            `in ${config.build.outDir}/ in ${seconds}s; largest first-load JavaScript ${scriptBytes} B gzip` +
            (site.siteUrl ? '' : '\n[blog] SITE_URL is not set: no canonical links, feed.xml or sitemap.xml'),
        );
      },
    },
  };
}
