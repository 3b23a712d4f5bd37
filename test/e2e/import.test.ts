import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { runImport } from '../../scripts/import/cli.ts';
import { root } from '../site-build.ts';
import { pageOpener, recordDocumentLoads, setUpServedSite } from './browser.ts';

/** The Hugo fixture blog, imported as `npm run import` does, then built and served as a plain static host would. */
const suite = setUpServedSite(
  async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'blog-imported-'));
    const postsDir = path.join(project, 'posts');
    const code = await runImport({
      root: project,
      args: [path.join(root, 'test/fixtures/import/hugo')],
      postsDir,
      log: () => {},
    });
    if (code !== 0) throw new Error(`the import failed with ${code}`);
    return postsDir;
  },
  { SITE_URL: 'https://example.org' },
);
const open = pageOpener(suite);

describe('an imported blog’s old addresses', () => {
  test.each([
    ['2024/03/step-times-on-one-device/', '/posts/step-times/', 'Step times on one device'],
    ['2024/02/memory-measured/', '/posts/memory-measured/', 'Memory, measured'],
  ])('/%s leads to the post in one hop, canonical to its new address', async (old, now, title) => {
    const { page, errors } = await open('', { javaScriptEnabled: false });
    const documents = recordDocumentLoads(page);
    await page.goto(`${suite.site.url}/${old}`);
    await expect.poll(() => new URL(page.url()).pathname).toBe(now);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(documents.map((url) => new URL(url).pathname)).toEqual([`/${old}`, now]);
    const response = await page.request.get(`${suite.site.url}/${old}`);
    expect(await response.text()).toContain(`<link rel="canonical" href="https://example.org${now}">`);
    expect(errors).toEqual([]);
  });

  test('_redirects holds the same, and the post’s files came with it', async () => {
    const redirects = await readFile(path.join(suite.site.outDir, '_redirects'), 'utf8');
    expect(redirects.split('\n').filter(Boolean).sort()).toEqual([
      '/2024/02/memory-measured/ /posts/memory-measured/ 301',
      '/2024/03/step-times-on-one-device/ /posts/step-times/ 301',
    ]);
    const { page } = await open('posts/step-times/');
    const chart = page.getByRole('img', { name: 'Bar chart of the three parts' });
    expect(await chart.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
    expect(await page.getByText('Figure 1: Time per part of a step').count()).toBe(1);
  });
});
