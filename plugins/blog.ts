// The Vite plugin that turns posts/ into the site: `vite build` runs plugins/build.ts
// (read posts, bundle, prerender, site files), `vite` runs plugins/dev-server.ts.
import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin, ResolvedConfig, UserConfig } from 'vite';
import { buildSite } from './build.ts';
import { serveDev } from './dev-server.ts';
import type { SiteOptions } from './head.ts';
import {
  ParsedSources,
  readNewest,
  readPosts,
  type ReadHooks,
  type ReadOptions,
  type ReadResult,
} from './posts/read.ts';
import { RenderCache, rendererFingerprint } from './render-cache.ts';
import { settingsProblems } from './settings.ts';
import { siteFileNames } from './site-files.ts';
import { codeThemeCss, CODE_THEMES } from './markdown/code-classes.ts';
import { INLINE_SCRIPT } from '../src/inline-script.ts';
import { HEADER_PLACEHOLDER, siteHeaderHtml } from './header.ts';

/** The stylesheet of highlighted code, generated from its themes; src/main.tsx imports it. */
const CODE_THEME_MODULE = 'virtual:blog/code-theme.css';

export interface BlogOptions {
  /** The posts folder, relative to the project root. */
  postsDir?: string;
  /** Absolute origin used in canonical links, the feed and the sitemap. */
  siteUrl?: string;
}

// Per process, so that builds running side by side (the tests) never share it.
const SERVER_OUT_DIR = `node_modules/.blog-server/${process.pid}`;

export function blog(options: BlogOptions = {}): Plugin {
  let config: ResolvedConfig;
  let postsDir: string;
  let site: SiteOptions;
  let cache: RenderCache | undefined;
  const parsedSources = new ParsedSources();

  const readOptions = async (includeDrafts: boolean, hooks: ReadHooks = {}): Promise<ReadOptions> => {
    cache ??= await openCache(config, postsDir);
    const publicFiles = await listFiles(config.publicDir);
    const siteFiles = [...publicFiles, ...siteFileNames(site)];
    // The dev server reads again on every change; a build reads once.
    const parsed = config.command === 'serve' ? parsedSources : undefined;
    return { postsDir, root: config.root, base: config.base, includeDrafts, siteFiles, cache, parsed, ...hooks };
  };
  const read = async (includeDrafts: boolean, hooks?: ReadHooks) => readPosts(await readOptions(includeDrafts, hooks));

  return {
    name: 'blog',
    config: (_config, env) => ({
      // The footer links the feeds only when the build writes them (src/components/Layout.tsx).
      define: { __BLOG_FEEDS__: JSON.stringify(normaliseSiteUrl(options.siteUrl) !== undefined) },
      ...(env.command === 'build' ? buildEnvironments() : {}),
    }),
    configResolved(resolved) {
      const problems = settingsProblems();
      if (problems.length > 0) throw new Error(`the site settings have problems:\n${problems.join('\n')}`);
      config = resolved;
      postsDir = path.resolve(config.root, options.postsDir ?? 'posts');
      site = { base: config.base, siteUrl: normaliseSiteUrl(options.siteUrl) };
    },
    // Every page, in development too, sets the reader's theme before first paint: after the
    // head tags of the prerender (the Content-Security-Policy first), before the stylesheet.
    // And every page has the same header, outside the app (plugins/header.ts).
    transformIndexHtml: (html) =>
      html
        .replace('<!--app-head-->', () => `<!--app-head-->\n    <script>${INLINE_SCRIPT}</script>`)
        .replace(HEADER_PLACEHOLDER, () => siteHeaderHtml(config.base)),
    resolveId: (id) => (id === CODE_THEME_MODULE ? `\0${CODE_THEME_MODULE}` : undefined),
    load: (id) => (id === `\0${CODE_THEME_MODULE}` ? loadCodeThemeCss() : undefined),
    configureServer(server) {
      serveDev(server, {
        postsDir,
        read: (): Promise<ReadResult> => read(true),
        readNewest: async (count) => readNewest(await readOptions(true), count),
      });
    },
    buildApp: {
      handler: async (builder) => {
        await buildSite(builder, {
          config,
          site,
          serverOutDir: SERVER_OUT_DIR,
          read: (hooks) => read(false, hooks),
          cacheDir: async () => (cache ??= await openCache(config, postsDir)).dir,
        });
        // Renderings of posts as they no longer are (an edit leaves one behind each time) go.
        await cache?.prune();
      },
    },
  };
}

/** The browser bundle (Vite's default) and a server bundle of src/entry-server.tsx for the prerender. */
function buildEnvironments(): UserConfig {
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
}

async function loadCodeThemeCss(): Promise<string> {
  const { bundledThemes } = await import('shiki');
  const [light, dark] = await Promise.all([bundledThemes[CODE_THEMES.light](), bundledThemes[CODE_THEMES.dark]()]);
  return codeThemeCss(light.default, dark.default);
}

/** Renderings reused across builds; one cache folder per posts folder, so builds of other folders never prune it. */
async function openCache(config: ResolvedConfig, postsDir: string): Promise<RenderCache> {
  const folder = createHash('sha256').update(postsDir).digest('hex').slice(0, 12);
  return new RenderCache(
    await rendererFingerprint(config.root),
    path.join(config.root, 'node_modules', '.cache', 'blog-posts', folder),
    { remember: config.command === 'serve' },
  );
}

/** Files in public/, as site paths (`images/logo.png`). */
async function listFiles(dir: string): Promise<string[]> {
  if (!dir) return [];
  const names = await readdir(dir, { recursive: true }).catch(() => []);
  return names.map((name) => name.split(path.sep).join('/'));
}

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
