import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { pageWeight } from '../plugins/page-weight.js';
import { measureFloor } from '../scripts/floor.mjs';
import { slugOf, writeSyntheticPosts } from '../scripts/synthetic-posts.mjs';
import { BUDGETS } from './budgets.ts';
import { buildSite } from './site-build.ts';

const KINDS = ['home', 'post', 'tag'] as const;
type Kind = (typeof KINDS)[number];
const weights = new Map<number, Record<Kind, { js: number; html: number; inlineJs: number; beforePaint: string[] }>>();
const cleanup: string[] = [];
let floor = 0;

/** Builds `count` synthetic posts and weighs the home page, a post page and a tag page. */
async function weigh(count: number) {
  const postsDir = await mkdtemp(path.join(tmpdir(), `blog-budget-${count}-`));
  cleanup.push(postsDir);
  await writeSyntheticPosts(postsDir, count);
  const site = await buildSite(postsDir);
  cleanup.push(site.outDir);
  if (site.code !== 0) throw new Error(site.output);
  weights.set(count, {
    home: await pageWeight(site.outDir, 'index.html'),
    post: await pageWeight(site.outDir, `posts/${slugOf(1)}/index.html`),
    tag: await pageWeight(site.outDir, 'tags/xla/index.html'),
  });
}

beforeAll(async () => {
  floor = await measureFloor();
  await weigh(10);
  await weigh(100);
  await weigh(200);
}, 240_000);
afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('first-load JavaScript stays within budget', () => {
  test.each(KINDS)('%s page', (kind) => {
    const budget = Math.floor(floor * BUDGETS.firstLoadJsPerFloor);
    for (const count of [10, 200]) {
      const js = weights.get(count)![kind].js;
      expect(
        js,
        `${kind} page at ${count} posts loads ${js} B of JavaScript; the budget is ${budget} B, ${BUDGETS.firstLoadJsPerFloor} × the ${floor} B floor (test/budgets.ts)`,
      ).toBeLessThanOrEqual(budget);
    }
  });

  test.each(KINDS)('%s page does not grow with the number of posts', (kind) => {
    const growth = weights.get(200)![kind].js - weights.get(10)![kind].js;
    expect(
      growth,
      `${kind} page JavaScript grew by ${growth} B from 10 to 200 posts (limit ${BUDGETS.firstLoadJsGrowth} B, test/budgets.ts)`,
    ).toBeLessThanOrEqual(BUDGETS.firstLoadJsGrowth);
  });

  // From 100 posts on, the home page and the tag page each have more posts than a page holds.
  test.each(['home', 'tag'] as const)('the %s page holds one page of posts: its HTML does not grow', (kind) => {
    const growth = weights.get(200)![kind].html - weights.get(100)![kind].html;
    expect(
      growth,
      `${kind} page HTML grew by ${growth} B from 100 to 200 posts (limit ${BUDGETS.listHtmlGrowth} B)`,
    ).toBeLessThanOrEqual(BUDGETS.listHtmlGrowth);
  });

  test.each(KINDS)('%s page: first paint needs no request but the page itself', (kind) => {
    // The stylesheet is inline, the icon a data: URL, and the app loads after first paint.
    expect(weights.get(10)![kind].beforePaint).toEqual([]);
  });

  test.each(KINDS)('%s page: the inline script is tiny', (kind) => {
    const inline = weights.get(10)![kind].inlineJs;
    expect(inline).toBeGreaterThan(0);
    expect(inline, `${kind} page inline script: ${inline} B gzip (budget ${BUDGETS.inlineJs} B)`).toBeLessThanOrEqual(
      BUDGETS.inlineJs,
    );
  });

  test('a post page carries no other post data', () => {
    const growth = weights.get(200)!.post.html - weights.get(10)!.post.html;
    expect(
      growth,
      `post page HTML grew by ${growth} B from 10 to 200 posts (limit ${BUDGETS.postHtmlGrowth} B)`,
    ).toBeLessThanOrEqual(BUDGETS.postHtmlGrowth);
  });
});
