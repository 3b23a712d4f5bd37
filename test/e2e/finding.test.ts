import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { axeViolations, recordCspViolations, recordDocumentLoads, setUpServedSite, watchForErrors } from './browser.ts';
import { writeSyntheticPosts } from '../../scripts/synthetic-posts.mjs';

/**
 * A reader finding posts on a blog of 60 (scripts/synthetic-posts.mjs): 10 a page, so the
 * list has 6 pages and each of the 10 tags 2.
 */
let postsDir = '';
let context: BrowserContext | undefined;
const suite = setUpServedSite(
  async () => {
    postsDir = await mkdtemp(path.join(tmpdir(), 'blog-finding-'));
    await writeSyntheticPosts(postsDir, 60);
    return postsDir;
  },
  { SITE_URL: 'https://example.org' },
);
afterAll(() => rm(postsDir, { recursive: true, force: true }));
afterEach(async () => {
  await context?.close();
  context = undefined;
});

async function open(path: string, options: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}) {
  context = await suite.browser.newContext(options);
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const response = await page.goto(`${suite.site.url}/${path}`, { waitUntil: 'networkidle' });
  return { page, errors, status: response?.status() };
}

const titles = (page: Page) => page.locator('main article h2').allTextContents();

test('the list pages through the posts ten at a time, client-side, with rel prev and next', async () => {
  const { page, errors } = await open('');
  const documents = recordDocumentLoads(page);
  expect(await titles(page)).toHaveLength(10);
  expect((await titles(page))[0]).toBe('Notes on buffer token, part 59');
  expect(await page.locator('head link[rel="next"]').getAttribute('href')).toBe('/page/2/');
  expect(await page.locator('head link[rel="prev"]').count()).toBe(0);

  const pages = page.getByRole('navigation', { name: 'Pages' });
  expect(await pages.textContent()).toContain('Page 1 of 6');
  await pages.getByRole('link', { name: 'Older posts →' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Posts, page 2 of 6');
  expect(page.url()).toBe(`${suite.site.url}/page/2/`);
  expect((await titles(page))[0]).toBe('Notes on pipeline cache, part 49');
  expect(await page.title()).toBe("Page 2 · Mehrdad Zaker's Blog");
  await pages.getByRole('link', { name: '← Newer posts' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Latest posts');
  expect(documents).toEqual([]);
  expect(errors).toEqual([]);
});

test('a deep link to a list page reads without JavaScript, and a page past the end is not found', async () => {
  const { page, status } = await open('page/6/', { javaScriptEnabled: false });
  expect(status).toBe(200);
  expect(await titles(page)).toHaveLength(10);
  expect(await page.locator('link[rel="prev"]').first().getAttribute('href')).toBe('/page/5/');
  expect(await page.getByRole('link', { name: 'Older posts →' }).count()).toBe(0);
  await context?.close();
  const past = await open('page/7/');
  expect(past.status).toBe(404);
  expect(await past.page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
});

test('from the header: the tags with their counts, a tag over two pages, the archive by year', async () => {
  const { page, errors } = await open('');
  const documents = recordDocumentLoads(page);
  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Tags' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Tags');
  const tags = page.getByRole('main').getByRole('listitem');
  expect(await tags.count()).toBe(10);
  expect(await tags.first().textContent()).toMatch(/^\w+ \(12 posts\)$/);
  await page.getByRole('link', { name: 'pytorch', exact: true }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Posts tagged “pytorch”');
  expect(await titles(page)).toHaveLength(10);
  await page.getByRole('link', { name: 'Older posts →' }).click();
  await expect
    .poll(() => page.getByRole('heading', { level: 1 }).textContent())
    .toBe('Posts tagged “pytorch”, page 2 of 2');
  expect(await titles(page)).toHaveLength(2);
  expect(page.url()).toBe(`${suite.site.url}/tags/pytorch/page/2/`);

  await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Archive' }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Archive');
  const years = page.getByRole('region');
  expect(await years.getByRole('heading', { level: 2 }).allTextContents()).toEqual(['2020']);
  expect(await years.getByRole('listitem').count()).toBe(60);
  expect(await years.getByRole('listitem').first().textContent()).toBe(
    'February 29, 2020 Notes on buffer token, part 59',
  );
  expect(documents).toEqual([]);
  expect(errors).toEqual([]);
});

test("the footer's newsletter link leads to the signup box, from any page", async () => {
  const { page } = await open('tags/');
  const footerLink = () => page.getByRole('contentinfo').getByRole('link', { name: 'Newsletter' });
  const signup = page.getByRole('region', { name: 'Sign Up for My Newsletter!' });
  await footerLink().click();
  await expect.poll(() => signup.isVisible()).toBe(true);
  await expect.poll(() => signup.evaluate((box) => box.getBoundingClientRect().top < window.innerHeight)).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await footerLink().click();
  await expect.poll(() => signup.evaluate((box) => box.getBoundingClientRect().top < window.innerHeight)).toBe(true);
  expect(page.url()).toBe(`${suite.site.url}/#newsletter`);
});

test('a post ends with three related posts that share its tags', async () => {
  const { page } = await open('posts/post-00007/');
  const related = page.getByRole('region', { name: 'Related posts' });
  const links = related.getByRole('link');
  expect(await links.count()).toBe(3);
  // Post 7 is tagged compilers and tpu; so are posts 57, 52, 47… of which 57 is the newest.
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
    '/posts/post-00057/',
    '/posts/post-00052/',
    '/posts/post-00047/',
  ]);
});

test('search: results as you type from the header, fetched on first use only, by keyboard', async () => {
  const { page, errors } = await open('posts/post-00003/');
  const cspViolations = await recordCspViolations(page);
  const searchRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/pagefind/')) searchRequests.push(new URL(request.url()).pathname);
  });
  await page.reload({ waitUntil: 'networkidle' });
  expect(searchRequests).toEqual([]);
  const documents = recordDocumentLoads(page);

  const field = page.getByRole('searchbox', { name: 'Search posts' });
  await field.click();
  // As fast as a keyboard can: no key may be lost while the address catches up.
  await page.keyboard.type('buffer token');
  expect(await field.inputValue()).toBe('buffer token');
  await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/posts? match “buffer token”/);
  expect(page.url()).toBe(`${suite.site.url}/search/?q=buffer+token`);
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
  const results = page.locator('.search-results > li');
  expect(await results.first().locator('a').textContent()).toBe('Notes on buffer token, part 59');
  expect(await results.first().locator('mark').first().textContent()).toMatch(/^(buffer|token)$/i);
  // Only Pagefind's script, its WebAssembly and the index chunks for these words: a bounded download.
  expect(searchRequests.every((path) => path.startsWith('/pagefind/'))).toBe(true);

  await page.keyboard.press('ArrowDown');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Notes on buffer token, part 59');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Notes on buffer token, part 59');
  expect(documents).toEqual([]);
  expect(errors).toEqual([]);
  expect(await cspViolations()).toEqual([]);
});

test('a search link works directly, and without JavaScript the search page points to the archive', async () => {
  const { page } = await open('search/?q=pipeline%20cache');
  await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/match “pipeline cache”/);
  expect(await page.getByRole('searchbox', { name: 'Search posts' }).inputValue()).toBe('pipeline cache');
  await context?.close();

  const plain = await open('posts/post-00003/', { javaScriptEnabled: false });
  await plain.page.getByRole('searchbox', { name: 'Search posts' }).fill('pipeline');
  await plain.page.keyboard.press('Enter');
  await plain.page.waitForURL(`${suite.site.url}/search/?q=pipeline`);
  expect(await plain.page.getByRole('main').textContent()).toContain('Search needs JavaScript');
  expect(await plain.page.getByRole('link', { name: 'the archive' }).getAttribute('href')).toBe('/archive/');
});

describe.each(['light', 'dark'] as const)('axe finds no violations on the new pages (%s)', (colorScheme) => {
  test.each(['page/2/', 'tags/', 'tags/pytorch/page/2/', 'archive/', 'search/?q=memory'])('%s', async (path) => {
    const { page } = await open(path, { colorScheme });
    if (path.startsWith('search')) await page.locator('.search-results mark').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });
});
