import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { recordCspViolations, setUpServedSite, watchForErrors } from './browser.ts';
import { slugOf, writeSyntheticPosts } from '../../scripts/synthetic-posts.mjs';

/**
 * Search on a blog of a few hundred posts: a word only one post has finds that post alone,
 * whatever other words the query has that every post has. (An index split into parts
 * searched together breaks this: Pagefind leaves a word out of a part that lacks it, or
 * matches a shorter word there, so docs/performance.md keeps the index whole.)
 */
const COUNT = 230;
let postsDir = '';
const suite = setUpServedSite(async () => {
  postsDir = await mkdtemp(path.join(tmpdir(), 'blog-search-'));
  await writeSyntheticPosts(postsDir, COUNT);
  await writeFile(
    path.join(postsDir, 'quokka.md'),
    '---\ntitle: A quokka on the buffer\ndate: 2019-06-01\n---\n\nThe quokka sat on a buffer.\n',
  );
  return postsDir;
});
afterAll(() => rm(postsDir, { recursive: true, force: true }));

test('a word one post has finds that post alone', async () => {
  const context = await suite.browser.newContext();
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const cspViolations = await recordCspViolations(page);
  await page.goto(`${suite.site.url}/search/`, { waitUntil: 'networkidle' });
  const field = page.getByRole('searchbox', { name: 'Search posts' });
  const status = () => page.getByRole('status').first().textContent();
  const firstResult = page.locator('.search-results > li a').first();
  // Every synthetic post's title is "…, part N"; its table holds 1, 8, 32, 212, 1490 and
  // 4870, and its date a day of the month: 109, 163 and 227 are in one title each.
  for (const i of [109, 163, 227]) {
    await field.fill(`part ${i}`);
    await expect.poll(status).toBe(`1 post matches “part ${i}”.`);
    expect(await firstResult.getAttribute('href')).toBe(`/posts/${slugOf(i)}/`);
  }
  // Every post has "buffer"; only one "quokka".
  await field.fill('quokka buffer');
  await expect.poll(status).toBe('1 post matches “quokka buffer”.');
  expect(await firstResult.getAttribute('href')).toBe('/posts/quokka/');
  expect(errors).toEqual([]);
  expect(await cspViolations()).toEqual([]);
  await context.close();
});
