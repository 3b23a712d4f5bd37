import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { imageSize } from 'image-size';
import { afterAll, describe, expect, test } from 'vitest';
import { buildSite, listFiles, root, searchContents } from './site-build.ts';

const outDirs: string[] = [];

async function build(posts: string, env: Record<string, string> = {}) {
  const result = await buildSite(posts, env);
  outDirs.push(result.outDir);
  return result;
}

/** How many renderings the render cache of a posts folder holds (plugins/blog.ts names its folder). */
async function renderingsCached(postsDir: string): Promise<number> {
  const folder = createHash('sha256').update(postsDir).digest('hex').slice(0, 12);
  const names = await readdir(path.join(root, 'node_modules/.cache/blog-posts', folder));
  return names.filter((name) => name.endsWith('.json')).length;
}

afterAll(async () => {
  await Promise.all(outDirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('npm run build', () => {
  test('a folder of bad posts fails the build and lists every problem with its file, and writes nothing', async () => {
    const postsDir = await mkdtemp(path.join(tmpdir(), 'blog-bad-posts-'));
    outDirs.push(postsDir);
    await writeFile(path.join(postsDir, 'one.md'), '---\ntitel: One\ndate: 2024-01-01\n---\n\n![x](./x.png)\n');
    await writeFile(path.join(postsDir, 'two.md'), '---\ntitle: Two\ndate: May 1\n---\n\nText.\n');
    const { code, output, outDir } = await build(postsDir);
    expect(code).not.toBe(0);
    const lines = output.split('\n').filter((line) => line.startsWith(postsDir));
    expect(lines).toEqual([
      `${postsDir}/one.md:1 title: is required`,
      `${postsDir}/one.md:2 titel: unknown field (did you mean "title"?); allowed: title, date, description, tags, draft, updated, toc, bibliography, image, aliases`,
      `${postsDir}/one.md:6 image not found: ./x.png (paths are relative to the post's file)`,
      `${postsDir}/two.md:3 date: expected a real date as YYYY-MM-DD, got "May 1"`,
    ]);
    expect(output).toContain('4 problems in posts (listed above); nothing was built');
    expect(await listFiles(outDir)).toEqual([]);
  });

  test('a missing image fails the build and names the post and line', async () => {
    const { code, output } = await build('bad/missing-image');
    expect(code).not.toBe(0);
    expect(output).toContain(
      'test/fixtures/bad/missing-image/broken-figure/index.md:8 image not found: ./figure-6.png',
    );
  });

  test('writes one prerendered page per route, 404.html, page data and co-located files', async () => {
    const { code, output, outDir } = await build('site', { SITE_URL: 'https://example.org' });
    expect(code, output).toBe(0);
    const written = await listFiles(outDir);
    for (const page of [
      'index.html',
      '404.html',
      'posts/hello-world/index.html',
      'posts/markdown-tour/index.html',
      'posts/with-figure/index.html',
      'tags/notes/index.html',
      'tags/testing/index.html',
      'tags/index.html',
      'archive/index.html',
      'rss.xml',
      'atom.xml',
      'feed.json',
      'sitemap.xml',
      'robots.txt',
    ]) {
      expect(written).toContain(page);
    }
    expect(written).not.toContain('posts/work-in-progress/index.html');
    expect(written.some((file) => /^assets\/figure-6-[0-9a-f]{8}\.png$/.test(file))).toBe(true);

    const post = await readFile(path.join(outDir, 'posts/hello-world/index.html'), 'utf8');
    expect(post).toContain('<title>Hello, world · Mehrdad Zaker&#39;s Blog</title>');
    expect(post).toContain('<link rel="canonical" href="https://example.org/posts/hello-world/">');
    expect(post).toContain('<h1 tabindex="-1">Hello, world</h1>');
    expect(post).toContain('A second paragraph that is not in the excerpt.');
    // First paint needs only the HTML: the stylesheet inline (allowed by its hash), and the app's
    // script loaded by the inline script once the page has loaded, with the page's data.
    expect(post).toMatch(
      /<script data-app="\/assets\/index-[\w-]{8}\.js" data-page-data="\/posts\/hello-world\/page-data\.json">\(function/,
    );
    expect(post).not.toMatch(
      /<script type="module"|<script [^>]*src=|rel="modulepreload"|rel="stylesheet"|rel="preload"/,
    );
    const style = post.match(/<style>(.*?)<\/style>/s)?.[1] ?? '';
    expect(style).toContain('.site-header');
    const styleHash = `'sha256-${createHash('sha256').update(style).digest('base64')}'`;
    expect(post).toContain(`style-src 'self' ${styleHash};`);
    // Cite this post: the absolute address from SITE_URL; the copy button comes with JavaScript only.
    expect(post).toContain('url = {https://example.org/posts/hello-world/}');
    expect(post).not.toContain('Copy BibTeX');
    // Social and search-engine metadata.
    for (const tag of [
      '<meta property="og:title" content="Hello, world">',
      '<meta property="og:type" content="article">',
      '<meta property="og:url" content="https://example.org/posts/hello-world/">',
      '<meta name="twitter:card" content="summary_large_image">',
      '<meta property="og:image" content="https://example.org/posts/hello-world/preview.png">',
      '<meta property="og:image:width" content="1200">',
      '<link rel="alternate" type="application/rss+xml" title="Mehrdad Zaker&#39;s Blog (RSS)" href="/rss.xml">',
      '<link rel="alternate" type="application/feed+json" title="Mehrdad Zaker&#39;s Blog (JSON Feed)" href="/feed.json">',
    ]) {
      expect(post).toContain(tag);
    }
    // A social card per post (title, date, site name), 1200 × 630, unless the post names its own image.
    const card = await readFile(path.join(outDir, 'posts/hello-world/preview.png'));
    expect(imageSize(card)).toMatchObject({ width: 1200, height: 630, type: 'png' });
    expect(imageSize(await readFile(path.join(outDir, 'preview.png')))).toMatchObject({ width: 1200, height: 630 });
    const figurePost = await readFile(path.join(outDir, 'posts/with-figure/index.html'), 'utf8');
    expect(figurePost).toMatch(
      /<meta property="og:image" content="https:\/\/example\.org\/assets\/figure-6-[0-9a-f]{8}\.png">/,
    );
    expect(written).not.toContain('posts/with-figure/preview.png');
    const jsonLd = JSON.parse(post.match(/<script type="application\/ld\+json">(.*?)<\/script>/)![1]!);
    expect(jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: 'Hello, world',
      datePublished: '2024-01-15',
      dateModified: '2024-01-15',
      author: { '@type': 'Person', name: 'Mehrdad Zaker' },
      url: 'https://example.org/posts/hello-world/',
    });

    const home = await readFile(path.join(outDir, 'index.html'), 'utf8');
    expect(home).toContain('<meta property="og:image" content="https://example.org/preview.png">');
    expect(home.indexOf('A tour of GitHub-flavoured markdown')).toBeLessThan(home.indexOf('Hello, world'));
    expect(home).not.toContain('Not finished');

    const notFound = await readFile(path.join(outDir, '404.html'), 'utf8');
    expect(notFound).toContain('Page not found');

    const headers = await readFile(path.join(outDir, '_headers'), 'utf8');
    expect(headers).toMatch(
      /Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-[A-Za-z0-9+/]{43}=' 'wasm-unsafe-eval'; style-src 'self' 'sha256-[A-Za-z0-9+/]{43}=';/,
    );
    expect(headers).toContain(styleHash);
  });

  test('a second build of unchanged posts reuses every rendering, and ends', async () => {
    const postsDir = await mkdtemp(path.join(tmpdir(), 'blog-rebuild-'));
    outDirs.push(postsDir);
    await cp(path.join(root, 'test/fixtures/site'), postsDir, { recursive: true });
    const first = await build(postsDir);
    expect(first.output).toContain('from 4 posts (0 renderings reused');
    const second = await build(postsDir);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('from 4 posts (5 renderings reused');
  });

  test('a rebuild into the same folder bundles nothing and writes only the pages that changed', async () => {
    const postsDir = await mkdtemp(path.join(tmpdir(), 'blog-incremental-'));
    const outDir = await mkdtemp(path.join(tmpdir(), 'blog-incremental-out-'));
    outDirs.push(postsDir, outDir);
    await cp(path.join(root, 'test/fixtures/site'), postsDir, { recursive: true });
    const rebuild = async () => {
      const built = await buildSite(postsDir, {}, root, outDir);
      expect(built.code, built.output).toBe(0);
      return built.output;
    };
    const snapshot = async () => {
      const files = await listFiles(outDir);
      const times = await Promise.all(files.map(async (file) => (await stat(path.join(outDir, file))).mtimeMs));
      return new Map(files.map((file, i) => [file, times[i]!]));
    };
    expect(await rebuild()).toMatch(/12 pages written, app bundled/);
    const before = await snapshot();

    // Nothing changed: nothing is bundled or written.
    expect(await rebuild()).toMatch(/0 pages written, app reused/);
    expect(await snapshot()).toEqual(before);

    // One post's text changed (not its excerpt): its page, and no other, is written again.
    const post = path.join(postsDir, 'hello-world.md');
    await writeFile(post, (await readFile(post, 'utf8')).replace('A second paragraph', 'An edited paragraph'));
    expect(await rebuild()).toMatch(/1 page written, app reused/);
    expect(await readFile(path.join(outDir, 'posts/hello-world/index.html'), 'utf8')).toContain('An edited paragraph');
    // The render cache keeps the edited post's rendering, not also the one before the edit.
    expect(await renderingsCached(postsDir)).toBe(5);
    const edited = await snapshot();
    const rewritten = [...edited].filter(([file, time]) => before.get(file) !== time).map(([file]) => file);
    expect(rewritten.filter((file) => !file.startsWith('pagefind/')).sort()).toEqual([
      'posts/hello-world/index.html',
      'posts/hello-world/page-data.json',
    ]);
    // The search index, built again while the posts were read, has the edit.
    const searched = await searchContents(outDir);
    expect(searched.get('/posts/hello-world/')).toContain('An edited paragraph');
    expect(searched.get('/posts/latency-study/')).toBeDefined();

    // A post with a problem stops the build, which ends (the indexer it started is stopped)
    // and leaves the site as it was.
    await writeFile(path.join(postsDir, 'broken.md'), '---\ndate: 2024-01-01\n---\n\nNo title.\n');
    const stopped = await buildSite(postsDir, {}, root, outDir);
    expect(stopped.code).not.toBe(0);
    expect(stopped.output).toMatch(/broken\.md.*title/);
    expect(await snapshot()).toEqual(edited);
    await rm(path.join(postsDir, 'broken.md'));

    // A post removed: its page goes, and the pages that listed it are written again.
    await rm(path.join(postsDir, 'latency-study'), { recursive: true });
    expect(await rebuild()).toMatch(/app reused/);
    const after = await listFiles(outDir);
    expect(after.filter((file) => file.startsWith('posts/latency-study/'))).toEqual([]);
    expect(after).toContain('posts/hello-world/index.html');
    expect(await readFile(path.join(outDir, 'index.html'), 'utf8')).not.toContain('latency-study');
    // Nothing was rendered, and the index is built again without the removed post.
    expect([...(await searchContents(outDir)).keys()].sort()).toEqual(
      (await listFiles(path.join(outDir, 'posts')))
        .filter((file) => file.endsWith('/index.html'))
        .map((file) => `/posts/${file.replace(/index\.html$/, '')}`)
        .sort(),
    );
  });

  test("a folder outside the project that Vite does not empty: the last build's pages are not taken for the app", async () => {
    const outDir = await mkdtemp(path.join(tmpdir(), 'blog-incremental-out-'));
    outDirs.push(outDir);
    const rebuild = async (env: Record<string, string>) => {
      const built = await buildSite('site', env, root, outDir, { emptyOutDir: false });
      expect(built.code, built.output).toBe(0);
      return built.output;
    };
    expect(await rebuild({})).toMatch(/app bundled/);
    // Another site address is another app, bundled beside the pages the first build left.
    expect(await rebuild({ SITE_URL: 'https://example.org' })).toMatch(/app bundled/);
    expect(await rebuild({ SITE_URL: 'https://example.org' })).toMatch(/0 pages written, app reused/);
  });

  test('a post with dollar signs in its title and text is written as it is', async () => {
    const { code, output, outDir } = await build('edge');
    expect(code, output).toBe(0);
    const page = await readFile(path.join(outDir, 'posts/dollar-signs/index.html'), 'utf8');
    expect(page).toContain('<title>Costs in $&amp; and $&#39; and $$ · Mehrdad Zaker&#39;s Blog</title>');
    expect(page).toContain('Prices: $5, $&amp; and $’ and $$ stay as written.');
  });

  test('ships only production code: no source maps, no dev-server code, no markdown parser', async () => {
    const { code, output, outDir } = await build('site');
    expect(code, output).toBe(0);
    const written = await listFiles(outDir);
    expect(written.filter((file) => file.endsWith('.map'))).toEqual([]);
    // The app's bundle and the chunks of the pages loaded on demand; the search's own scripts are Pagefind's.
    const scripts = written.filter((file) => file.endsWith('.js') && !file.startsWith('pagefind/'));
    expect(scripts.map((file) => file.replace(/-[\w-]{8}\.js$/, '.js')).sort()).toEqual([
      'assets/ArchivePage.js',
      'assets/SearchPage.js',
      'assets/TagsPage.js',
      'assets/index.js',
    ]);
    for (const script of scripts) {
      const bundle = await readFile(path.join(outDir, script), 'utf8');
      for (const devOnly of [
        '__blog/problems.json',
        'problems in posts',
        'micromark',
        'react-markdown',
        'LineCounter',
      ]) {
        expect(bundle, script).not.toContain(devOnly);
      }
    }
  });

  test('BASE_PATH puts every link, asset and post image under the base', async () => {
    const { code, output, outDir } = await build('site', { BASE_PATH: '/blog/' });
    expect(code, output).toBe(0);
    const page = await readFile(path.join(outDir, 'posts/with-figure/index.html'), 'utf8');
    // Every address but the icon, which is inline as a data: URL.
    const urls = [...page.matchAll(/(?:href|src)="([^"#]+)"/g)]
      .map((match) => match[1])
      .filter((url) => !url?.startsWith('data:image/svg+xml,'));
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url).toMatch(/^\/blog\//);
    expect(page).toMatch(/<img src="\/blog\/assets\/figure-6-[0-9a-f]{8}\.png"/);
    expect(page).toMatch(
      /<script data-app="\/blog\/assets\/index-[\w-]{8}\.js" data-page-data="\/blog\/posts\/with-figure\/page-data\.json">/,
    );
  });
});
