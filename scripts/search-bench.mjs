// @ts-check
// `node scripts/search-bench.mjs [--posts 5000]`: builds N synthetic posts, serves the site
// as a static host would and, in Chromium, measures what search costs a reader: the bytes
// fetched from focusing the search field to the first query's results, and how long after
// each keystroke the results for the new text are shown (120 ms of which is Pagefind's
// debounce). A benchmark, not a test: it never fails on a time.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';
import { flag } from './cli.mjs';
import { serveStatic } from './static-server.mjs';
import { writeSyntheticPosts } from './synthetic-posts.mjs';

const root = path.resolve(import.meta.dirname, '..');
const count = Number(flag('posts') ?? 5000);
const QUERY = 'gradient schedule';

const postsDir = await mkdtemp(path.join(tmpdir(), 'search-bench-posts-'));
const outDir = await mkdtemp(path.join(tmpdir(), 'search-bench-dist-'));
await writeSyntheticPosts(postsDir, count);
console.log(`building ${count} posts…`);
execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir'],
  {
    cwd: root,
    env: { ...process.env, POSTS_DIR: postsDir },
    stdio: 'ignore',
  },
);
const server = await serveStatic(outDir);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage();
  await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
  /** @type {Map<string, number>} */
  const fetched = new Map();
  page.on('response', async (response) => {
    const { pathname } = new URL(response.url());
    if (!pathname.includes('/pagefind/') && !pathname.includes('/assets/SearchPage')) return;
    const body = await response.body().catch(() => undefined);
    if (body) fetched.set(pathname, body.length);
  });
  const field = page.getByRole('searchbox', { name: 'Search posts' });
  await field.focus();
  const timings = [];
  let firstQueryBytes = 0;
  for (let i = 1; i <= QUERY.length; i++) {
    const text = QUERY.slice(0, i);
    const started = performance.now();
    await page.keyboard.type(QUERY[i - 1] ?? '');
    if (text.trim() === text) {
      // The status names the query at once; the results are new when they say which query they answer.
      await page.locator(`[data-results-for="${text}"]`).waitFor();
      timings.push({ text, ms: performance.now() - started });
    }
    if (i === 1) {
      await page.waitForLoadState('networkidle');
      firstQueryBytes = [...fetched.values()].reduce((sum, bytes) => sum + bytes, 0);
    }
  }
  await page.waitForLoadState('networkidle');
  const total = [...fetched.values()].reduce((sum, bytes) => sum + bytes, 0);
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  console.log(`Search at ${count} posts, query "${QUERY}" typed a key at a time:`);
  console.log(
    `  fetched for the first keystroke's results: ${(firstQueryBytes / 1024).toFixed(1)} KiB in ${fetched.size} files so far`,
  );
  console.log(`  fetched for the whole query: ${(total / 1024).toFixed(1)} KiB in ${fetched.size} files`);
  for (const [file, bytes] of [...fetched].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
    console.log(`    ${file} ${(bytes / 1024).toFixed(1)} KiB`);
  }
  console.log(
    `  results shown after each keystroke: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms, ` +
      `max ${sorted.at(-1)?.toFixed(0)} ms (includes Pagefind's 120 ms debounce)`,
  );
} finally {
  await browser.close();
  await server.close();
  await rm(postsDir, { recursive: true, force: true });
  await rm(outDir, { recursive: true, force: true });
}
