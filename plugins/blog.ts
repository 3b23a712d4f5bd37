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
  type FirstLook,
  type ReadHooks,
  type ReadOptions,
  type ReadResult,
} from './posts/read.ts';
import { frontMatterFingerprint, RenderCache, rendererFingerprint } from './render-cache.ts';
import { settingsProblems } from './settings.ts';
import { siteFileNames } from './site-files.ts';
import { codeThemeCss, CODE_THEMES } from './markdown/code-classes.ts';
import { INLINE_SCRIPT } from '../src/inline-script.ts';
import { HEADER_PLACEHOLDER, siteHeaderHtml } from './header.ts';

/** The stylesheet of highlighted code, generated from its themes; src/main.tsx imports it. */
const CODE_THEME_MODULE = 'virtual:blog/code-theme.css';

/** The rules of the posts' math style classes, under `vite`; src/main.tsx imports it. */
const MATH_STYLES_MODULE = 'virtual:blog/math-styles.css';

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
  let site: SiteOptions;
  let posts: PostsReader;
  // The rules of the posts' math style classes: under `vite`, in the app's stylesheet, as the
  // reads find them (a build puts them into each page's inline stylesheet, plugins/shell.ts).
  let mathCss = '';

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
      site = { base: config.base, siteUrl: normaliseSiteUrl(options.siteUrl) };
      posts = new PostsReader(config, path.resolve(config.root, options.postsDir ?? 'posts'), site);
    },
    // Every page, in development too, sets the reader's theme before first paint: after the
    // head tags of the prerender (the Content-Security-Policy first), before the stylesheet.
    // And every page has the same header, outside the app (plugins/header.ts).
    transformIndexHtml: (html) =>
      html
        .replace('<!--app-head-->', () => `<!--app-head-->\n    <script>${INLINE_SCRIPT}</script>`)
        .replace(HEADER_PLACEHOLDER, () => siteHeaderHtml(config.base)),
    resolveId: (id) => (id === CODE_THEME_MODULE || id === MATH_STYLES_MODULE ? `\0${id}` : undefined),
    load(id) {
      if (id === `\0${CODE_THEME_MODULE}`) return loadCodeThemeCss();
      if (id === `\0${MATH_STYLES_MODULE}`) return config.command === 'serve' ? mathCss : '';
      return undefined;
    },
    configureServer(server) {
      serveDev(server, {
        postsDir: posts.postsDir,
        read: (): Promise<ReadResult> => posts.read(true),
        readNewest: (count) => posts.readNewest(count),
        onMathStyles: (css) => {
          if (css === mathCss) return;
          mathCss = css;
          // Vite updates the stylesheet in the open pages, as for any edited CSS.
          const module = server.moduleGraph.getModuleById(`\0${MATH_STYLES_MODULE}`);
          if (module) void server.reloadModule(module);
        },
      });
    },
    buildApp: {
      handler: async (builder) => {
        await buildSite(builder, {
          config,
          site,
          serverOutDir: SERVER_OUT_DIR,
          read: (hooks) => posts.read(false, hooks),
          cacheDir: async () => (await posts.cache()).dir,
        });
        // Renderings of posts as they no longer are (an edit leaves one behind each time) go.
        await (await posts.cache()).prune();
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

/**
 * Reads the posts folder for the build and the dev server, with what reads keep between
 * them: renderings, and each post's parsed front matter, both beside each other on disk.
 */
class PostsReader {
  readonly postsDir: string;
  private readonly config: ResolvedConfig;
  private readonly site: SiteOptions;
  private opened: Promise<{ cache: RenderCache; parsed: ParsedSources }> | undefined;

  constructor(config: ResolvedConfig, postsDir: string, site: SiteOptions) {
    this.config = config;
    this.postsDir = postsDir;
    this.site = site;
  }

  async cache(): Promise<RenderCache> {
    return (await this.open()).cache;
  }

  async read(includeDrafts: boolean, hooks: ReadHooks = {}): Promise<ReadResult> {
    const options = await this.options(includeDrafts, hooks);
    const result = await readPosts(options);
    options.parsed?.save();
    return result;
  }

  async readNewest(count: number): Promise<FirstLook> {
    const options = await this.options(true);
    const look = await readNewest(options, count);
    options.parsed?.save();
    return look;
  }

  private async options(includeDrafts: boolean, hooks: ReadHooks = {}): Promise<ReadOptions> {
    const { cache, parsed } = await this.open();
    const { root, base, publicDir } = this.config;
    const siteFiles = [...(await listFiles(publicDir)), ...siteFileNames(this.site)];
    return { postsDir: this.postsDir, root, base, includeDrafts, siteFiles, cache, parsed, ...hooks };
  }

  /** One cache folder per posts folder, so that builds of other folders never prune it. */
  private open(): Promise<{ cache: RenderCache; parsed: ParsedSources }> {
    this.opened ??= (async () => {
      const { root, command } = this.config;
      const folder = createHash('sha256').update(this.postsDir).digest('hex').slice(0, 12);
      const dir = path.join(root, 'node_modules', '.cache', 'blog-posts', folder);
      const cache = new RenderCache(await rendererFingerprint(root), dir, { remember: command === 'serve' });
      // A build with nothing changed parses no front matter.
      const parsed = ParsedSources.load(
        path.join(dir, 'sources', 'front-matter.json'),
        await frontMatterFingerprint(root),
      );
      return { cache, parsed };
    })();
    return this.opened;
  }
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
