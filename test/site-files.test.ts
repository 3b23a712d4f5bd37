// @vitest-environment jsdom
// (for its strict XML parser, DOMParser, as browsers and feed readers have)
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FEED_POSTS } from '../plugins/feeds.ts';
import { sitePages } from '../plugins/pages.ts';
import { readPosts } from '../plugins/posts/read.ts';
import { writeSiteFiles } from '../plugins/site-files.ts';
import type { Post } from '../src/content.ts';
import { root } from './site-build.ts';

const site = { base: '/blog/', siteUrl: 'https://example.org' };
const home = 'https://example.org/blog/';
let posts: Post[] = [];
let outDir = '';
const read = (name: string) => readFile(path.join(outDir, name), 'utf8');
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

beforeAll(async () => {
  ({ posts } = await readPosts({
    postsDir: path.join(root, 'test/fixtures/site'),
    root,
    base: site.base,
    includeDrafts: false,
  }));
  outDir = await mkdtemp(path.join(tmpdir(), 'blog-site-files-'));
  await writeSiteFiles(outDir, sitePages(posts, home), posts, site);
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

/** Whether a strict XML parser (as browsers and feed readers have) accepts the document. */
function wellFormed(text: string): boolean | string {
  const error = new DOMParser().parseFromString(text, 'application/xml').querySelector('parsererror');
  return error ? (error.textContent ?? 'parsererror') : true;
}

/** Every href and src in some HTML. */
const addresses = (html: string) => [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1]!);

describe('the feeds', () => {
  test('RSS 2.0: the newest posts with their full HTML, every address absolute, RFC 822 dates', async () => {
    const text = await read('rss.xml');
    expect(wellFormed(text)).toBe(true);
    const { channel } = xml.parse(text).rss;
    expect(channel.title).toBe("Mehrdad Zaker's Blog");
    expect(channel.link).toBe(home);
    const items = [channel.item].flat();
    expect(items.map((item: { title: string }) => item.title)).toEqual(posts.map((post) => post.title));
    const figure = items.find((item: { link: string }) => item.link === `${home}posts/with-figure/`);
    expect(figure.pubDate).toBe('Sat, 02 Mar 2024 00:00:00 GMT');
    const content: string = figure['content:encoded'];
    expect(content).toContain('As <a href="https://example.org/blog/posts/with-figure/#figure-1">Figure 1</a> shows');
    expect(content).toMatch(/<img src="https:\/\/example\.org\/blog\/assets\/figure-6-[0-9a-f]{8}\.png"/);
    for (const item of items) {
      for (const address of addresses(item['content:encoded'])) expect(address).toMatch(/^(https:|mailto:)/);
    }
  });

  test('Atom 1.0: entries with RFC 3339 dates, the updated one last changed when it says', async () => {
    const text = await read('atom.xml');
    expect(wellFormed(text)).toBe(true);
    const { feed } = xml.parse(text);
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    const entries = [feed.entry].flat();
    expect(entries).toHaveLength(posts.length);
    const figure = entries.find((entry: { id: string }) => entry.id === `${home}posts/with-figure/`);
    expect(figure.published).toBe('2024-03-02T00:00:00.000Z');
    expect(figure.updated).toBe('2024-03-10T00:00:00.000Z');
    expect(feed.link.map((link: { '@rel': string; '@href': string }) => [link['@rel'], link['@href']])).toEqual([
      ['alternate', home],
      ['self', `${home}atom.xml`],
    ]);
  });

  test('JSON Feed 1.1: authors, language and the full HTML', async () => {
    const feed = JSON.parse(await read('feed.json'));
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.feed_url).toBe(`${home}feed.json`);
    expect(feed.authors).toEqual([{ name: 'Mehrdad Zaker', url: home }]);
    expect(feed.author).toBeUndefined();
    const study = feed.items.find((item: { url: string }) => item.url === `${home}posts/latency-study/`);
    expect(study.content_html).toContain('<section id="references"');
    expect(study.content_html).toContain('href="https://example.org/blog/posts/latency-study/#ref-touvron2023"');
    expect(study.tags).toEqual(['benchmarks']);
  });

  test('stay well-formed whatever a tag holds (feed 6.0.0 leaves some category attributes unescaped)', async () => {
    const tags = [{ name: `<b>"fast" & 'small'</b>`, slug: 'b-fast-small-b' }];
    const dir = await mkdtemp(path.join(tmpdir(), 'blog-feed-'));
    await writeSiteFiles(dir, [], [{ ...posts[0]!, tags }], { base: '/a&b/', siteUrl: 'https://example.org' });
    for (const [name, categoryName] of [
      ['rss.xml', (category: Element) => category.textContent],
      ['atom.xml', (category: Element) => category.getAttribute('label')],
    ] as const) {
      const text = await readFile(path.join(dir, name), 'utf8');
      expect(wellFormed(text), name).toBe(true);
      const category = new DOMParser().parseFromString(text, 'application/xml').querySelector('category')!;
      expect(categoryName(category), name).toBe(tags[0]!.name);
    }
    await rm(dir, { recursive: true, force: true });
  });

  test(`carry only the ${FEED_POSTS} newest posts`, async () => {
    const many: Post[] = Array.from({ length: FEED_POSTS + 5 }, (_, i) => ({
      ...posts[0]!,
      slug: `post-${i}`,
      title: `Post ${i}`,
    }));
    const dir = await mkdtemp(path.join(tmpdir(), 'blog-feed-'));
    await writeSiteFiles(dir, [], many, site);
    const feed = JSON.parse(await readFile(path.join(dir, 'feed.json'), 'utf8'));
    expect(feed.items.map((item: { title: string }) => item.title)).toEqual(
      many.slice(0, FEED_POSTS).map((p) => p.title),
    );
    await rm(dir, { recursive: true, force: true });
  });
});

describe('for search engines', () => {
  test('the sitemap lists every page once, with the date it last changed', async () => {
    const text = await read('sitemap.xml');
    expect(wellFormed(text)).toBe(true);
    const urls = [xml.parse(text).urlset.url].flat() as { loc: string; lastmod?: string }[];
    expect(urls.map((url) => url.loc).sort()).toEqual(
      sitePages(posts, home)
        .map((page) => `${home}${page.path.slice(1)}`)
        .sort(),
    );
    const lastmod = (loc: string) => urls.find((url) => url.loc === `${home}${loc}`)?.lastmod;
    expect(lastmod('posts/with-figure/')).toBe('2024-03-10');
    expect(lastmod('')).toBe('2024-05-20');
    expect(lastmod('tags/benchmarks/')).toBe('2023-11-20');
  });

  test('robots.txt names the sitemap', async () => {
    expect(await read('robots.txt')).toBe(`User-agent: *\nAllow: /\n\nSitemap: ${home}sitemap.xml\n`);
  });

  test('without SITE_URL there are no feeds, sitemap or robots.txt', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'blog-no-url-'));
    await writeSiteFiles(dir, sitePages(posts), posts, { base: '/', siteUrl: undefined });
    expect(await readdir(dir)).toEqual(['_headers']);
    await rm(dir, { recursive: true, force: true });
  });
});
