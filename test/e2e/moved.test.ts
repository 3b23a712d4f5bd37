import { describe, expect, test } from 'vitest';
import { pageOpener, recordDocumentLoads, setUpServedSite } from './browser.ts';

/** A post with old addresses (test/fixtures/moved), built under /blog/ and served as a plain static host would. */
const suite = setUpServedSite('moved', { BASE_PATH: '/blog/', SITE_URL: 'https://example.org' });
const open = pageOpener(suite);
const POST = '/blog/posts/profiling-llama-on-tpu/';

describe('a post’s old addresses', () => {
  test.each([
    'blog/2024/03/02/profiling-llama.html',
    'blog/blog/profiling-llama/',
    'blog/notes/profiling',
    'blog/posts/profiling-llama/',
    'blog/2024/03/%C3%BCber-profiling/',
  ])('%s leads to the post in one hop, with or without JavaScript', async (old) => {
    for (const javaScriptEnabled of [true, false]) {
      const { page, errors } = await open('blog/', { javaScriptEnabled });
      const documents = recordDocumentLoads(page);
      await page.goto(`${suite.site.url}/${old}`);
      await expect.poll(() => new URL(page.url()).pathname).toBe(POST);
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Profiling LLaMA on a TPU');
      // The old address's page, then the post: no chain of redirects (a folder's address without
      // its slash gets the static host's own redirect to the slash first, as every folder does).
      const oldPath = new URL(`${suite.site.url}/${old}`).pathname;
      expect(documents.map((url) => new URL(url).pathname)).toEqual(
        oldPath.endsWith('/') || oldPath.endsWith('.html') ? [oldPath, POST] : [oldPath, `${oldPath}/`, POST],
      );
      expect(errors).toEqual([]);
    }
  });

  test('the old address names the post as canonical, and a link to it from a post works', async () => {
    const { page } = await open('blog/2024/03/02/profiling-llama.html', { javaScriptEnabled: false });
    await expect.poll(() => new URL(page.url()).pathname).toBe(POST);
    const response = await page.request.get(`${suite.site.url}/blog/2024/03/02/profiling-llama.html`);
    expect(await response.text()).toContain(
      '<link rel="canonical" href="https://example.org/blog/posts/profiling-llama-on-tpu/">',
    );
    const other = await open('blog/posts/step-time/');
    await other.page.getByRole('link', { name: 'old address' }).click();
    await expect.poll(() => new URL(other.page.url()).pathname).toBe(POST);
  });
});
