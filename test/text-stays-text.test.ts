// @vitest-environment jsdom
// (for DOMParser, the parser a browser and a feed reader have)
// A post's title, description and tags are plain text (test/fixtures/hostile/front-matter.md
// holds markup in each): every output they reach, parsed as its reader parses it, shows
// them as the same characters, never as markup.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readPosts } from '../plugins/posts/read.ts';
import { buildSite, root, searchRecords } from './site-build.ts';

let outDir = '';
let title = '';
let description = '';
let tags: string[] = [];
const home = 'https://example.org/';
const read = (file: string) => readFile(path.join(outDir, file), 'utf8');
const parse = (text: string, type: DOMParserSupportedType) => new DOMParser().parseFromString(text, type);

/** What a reader shows of HTML: its text, and whether any element (markup) was made of it. */
function asHtml(html: string): { text: string; elements: number } {
  const body = parse(`<!doctype html><body>${html}`, 'text/html').body;
  return { text: body.textContent ?? '', elements: body.querySelectorAll('*').length };
}

beforeAll(async () => {
  const { posts } = await readPosts({
    postsDir: path.join(root, 'test/fixtures/hostile'),
    root,
    base: '/',
    includeDrafts: false,
  });
  const post = posts.find((each) => each.slug === 'front-matter')!;
  ({ title } = post);
  description = post.excerpt;
  tags = post.tags.map((tag) => tag.name);
  expect(title).toContain('<img');
  expect(description).toContain('<img');
  const site = await buildSite('hostile', { SITE_URL: 'https://example.org' });
  if (site.code !== 0) throw new Error(site.output);
  outDir = site.outDir;
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('text stays text on every surface', () => {
  test('the page: its title, heading, meta description, Open Graph tags and JSON-LD', async () => {
    const page = parse(await read('posts/front-matter/index.html'), 'text/html');
    expect(page.title).toBe(`${title} · Mehrdad Zaker's Blog`);
    expect(page.querySelector('h1')?.textContent).toBe(title);
    const meta = (selector: string) => page.querySelector(`meta[${selector}]`)?.getAttribute('content');
    expect(meta('name="description"')).toBe(description);
    expect(meta('property="og:title"')).toBe(title);
    expect(meta('property="og:description"')).toBe(description);
    const data = JSON.parse(page.querySelector('script[type="application/ld+json"]')?.textContent ?? '{}');
    expect(data.headline).toBe(title);
    expect(data.description).toBe(description);
    expect(data.keywords).toEqual(tags);
  });

  test('RSS: the title is text, the description is HTML that shows the text', async () => {
    const feed = parse(await read('rss.xml'), 'application/xml');
    const item = [...feed.querySelectorAll('item')].find((each) =>
      each.querySelector('link')?.textContent?.includes('front-matter'),
    )!;
    expect(item.querySelector('title')?.textContent).toBe(title);
    expect(asHtml(item.querySelector('description')?.textContent ?? '')).toEqual({ text: description, elements: 0 });
    expect([...item.querySelectorAll('category')].map((category) => category.textContent)).toEqual(tags);
  });

  test('Atom: the title and summary are HTML that shows the text', async () => {
    const feed = parse(await read('atom.xml'), 'application/xml');
    const entry = [...feed.querySelectorAll('entry')].find((each) =>
      each.querySelector('id')?.textContent?.includes('front-matter'),
    )!;
    for (const [name, text] of [
      ['title', title],
      ['summary', description],
    ] as const) {
      const element = entry.querySelector(name)!;
      expect(
        element.getAttribute('type') === 'text'
          ? { text: element.textContent, elements: 0 }
          : asHtml(element.textContent ?? ''),
      ).toEqual({ text, elements: 0 });
    }
    expect([...entry.querySelectorAll('category')].map((category) => category.getAttribute('label'))).toEqual(tags);
  });

  test('JSON Feed: the title, summary and tags are text', async () => {
    const feed = JSON.parse(await read('feed.json'));
    const item = feed.items.find((each: { url: string }) => each.url === `${home}posts/front-matter/`);
    expect(item.title).toBe(title);
    expect(item.summary).toBe(description);
    expect(item.tags).toEqual(tags);
  });

  test('the sitemap is well-formed XML whatever a tag holds', async () => {
    const sitemap = parse(await read('sitemap.xml'), 'application/xml');
    expect(sitemap.querySelector('parsererror')).toBeNull();
    for (const loc of sitemap.querySelectorAll('loc')) expect(URL.canParse(loc.textContent ?? '')).toBe(true);
  });

  test('the search index: its record of the post holds the title and tags as the characters they are', async () => {
    const records = await searchRecords(outDir);
    const record = records.find((each) => each.url === '/posts/front-matter/')!;
    expect(record.meta.title).toBe(title);
    expect(record.content).toContain(title);
    expect(record.content).toContain('The title, description and tags above are plain text.');
  });
});
