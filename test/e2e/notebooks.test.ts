import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { pageWeight } from '../../plugins/page-weight.js';
import { axeViolations, pageOpener, setUpServedSite } from './browser.ts';

/** A notebook post (test/fixtures/notebooks/step-times) beside a plain one, as a reader's browser shows them. */
const NOTEBOOK = 'posts/step-times/';
const PLAIN = 'posts/timing-notes/';

const suite = setUpServedSite('notebooks', { SITE_URL: 'https://example.org' });
const open = pageOpener(suite);

/** Scrolls through the post so that its lazy images load, and waits for them. */
async function imagesLoaded(page: Page): Promise<void> {
  for (const image of await page.locator('.prose img').all()) await image.scrollIntoViewIfNeeded();
  await page
    .waitForFunction(
      () => [...document.querySelectorAll('.prose img')].every((image) => (image as HTMLImageElement).complete),
      {
        timeout: 5_000,
      },
    )
    .catch(() => undefined); // the comparison below names what did not load
}

/** What a reader sees of the notebook, JavaScript or not. */
async function notebookContent(page: Page) {
  return page.evaluate(() => {
    const prose = document.querySelector('.prose')!;
    const loaded = (image: HTMLImageElement) => image.complete && image.naturalWidth > 0;
    return {
      codeTitles: [...prose.querySelectorAll('.code-title')].map((title) => title.textContent),
      images: [...prose.querySelectorAll('img')].map((image) => ({
        alt: image.alt.slice(0, 24),
        loaded: loaded(image),
        width: image.getBoundingClientRect().width,
      })),
      figure: document.querySelector('#fig-step-times figcaption')?.textContent,
      tableRows: prose.querySelectorAll('.cell-output-html tbody tr').length,
      stdout: prose.querySelector('.cell-output-stdout')?.textContent?.split('\n').length,
      stderr: prose.querySelector('.cell-output-stderr')?.textContent?.includes('UserWarning'),
      traceback: prose.querySelector('.cell-output-error')?.textContent?.includes('RuntimeError: mat1'),
      formulas: prose.querySelectorAll('math').length,
      references: [...prose.querySelectorAll('a[href="#fig-step-times"]')].map((link) => link.textContent),
      download: document.querySelector<HTMLAnchorElement>('.notebook-links a[download]')?.getAttribute('download'),
    };
  });
}

describe('a notebook post', () => {
  test('shows its code, outputs, figures and math; the same without JavaScript, but the copy buttons', async () => {
    const withScript = await open(NOTEBOOK);
    await imagesLoaded(withScript.page);
    const shown = await notebookContent(withScript.page);
    expect(shown).toEqual({
      codeTitles: ['In [3]', 'In [4]', 'In [5]', 'In [6]', 'In [7]', 'In [8]', 'In [9]', 'In [10]'],
      images: [
        { alt: 'Tracing feeds the compil', loaded: true, width: 240 },
        { alt: 'Two lines over batch siz', loaded: true, width: 480 },
        { alt: 'The same two lines, draw', loaded: true, width: 480 },
      ],
      figure: 'Figure 2: Step time against batch size, eager on the CPU and compiled by XLA',
      tableRows: 6,
      stdout: 7,
      stderr: true,
      traceback: true,
      formulas: 3,
      references: ['Figure 2', 'Figure 2'],
      download: 'step-times.ipynb',
    });
    expect(await withScript.page.locator('.prose .copy-button').count()).toBe(8);
    expect(withScript.errors).toEqual([]);
    expect(await withScript.csp()).toEqual([]);
    await withScript.context.close();

    const without = await open(NOTEBOOK, { javaScriptEnabled: false });
    await imagesLoaded(without.page);
    expect(await notebookContent(without.page)).toEqual(shown);
    expect(await without.page.locator('.prose .copy-button').count()).toBe(0);
    // The hidden code opens without any script.
    await without.page.getByText('Show the code').click();
    expect(await without.page.locator('details.cell-input .code-title').isVisible()).toBe(true);
  });

  test('loads exactly the JavaScript of a plain post, and no notebook, highlighter or ANSI library', async () => {
    const notebook = await pageWeight(suite.site.outDir, `${NOTEBOOK}index.html`);
    const plain = await pageWeight(suite.site.outDir, `${PLAIN}index.html`);
    expect(notebook.scripts).toEqual(plain.scripts);
    expect(notebook.js).toBe(plain.js);
    const { requests } = await open(NOTEBOOK);
    const scripts = requests.filter((url) => /\.m?js(\?|$)/.test(url));
    expect(scripts.filter((url) => /ipynb|notebook|shiki|anser|ansi|plotly|require/i.test(url))).toEqual([]);
    // The notebook file is fetched only when the reader asks for it.
    expect(requests.filter((url) => url.endsWith('.ipynb'))).toEqual([]);
  });

  test('its download link gives the notebook as saved', async () => {
    const { page } = await open(NOTEBOOK);
    const href = await page.locator('.notebook-links a[download]').getAttribute('href');
    const response = await page.request.get(`${suite.site.url}${href}`);
    expect(response.status()).toBe(200);
    const saved = (await response.json()) as { nbformat: number; cells: unknown[] };
    expect([saved.nbformat, saved.cells.length]).toEqual([4, 13]);
  });

  test('colours and layout pass axe, light and dark, at 1,000 and 320 pixels; nothing widens the page', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const width of [1000, 320]) {
        const { page, context } = await open(NOTEBOOK, { width, colorScheme });
        await page.getByText('Show the code').click();
        expect(await axeViolations(page), `${colorScheme} at ${width}px`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${colorScheme} at ${width}px`).toBe(
          width,
        );
        await context.close();
      }
    }
  });

  test('goes everywhere a post goes: the list, its tags, search, the feed in full, a social card', async () => {
    const titles = async (path: string) => {
      const { page, context } = await open(path);
      const shown = await page.locator('.post-summary h2').allTextContents();
      await context.close();
      return shown;
    };
    expect(await titles('')).toEqual(['Step times of a small MLP, eager and compiled', 'How I time a training step']);
    expect(await titles('tags/xla/')).toEqual(['Step times of a small MLP, eager and compiled']);
    // The plain post shares a tag with the notebook: each is the other's related post.
    const plain = await open(PLAIN);
    expect(await plain.page.locator('.related li').allTextContents()).toEqual([
      'Step times of a small MLP, eager and compiled',
    ]);
    await plain.context.close();
    // A word only the notebook's markdown cells hold finds it.
    const { page } = await open('search/');
    await page.getByRole('searchbox', { name: 'Search posts' }).fill('sevenfold');
    await expect.poll(() => page.getByRole('status').first().textContent()).toBe('1 post matches “sevenfold”.');
    expect(await page.locator('.search-results > li a').first().getAttribute('href')).toBe(`/${NOTEBOOK}`);
    const feed = (await (await page.request.get(`${suite.site.url}/feed.json`)).json()) as {
      items: { url: string; content_html: string }[];
    };
    const item = feed.items.find((entry) => entry.url.endsWith(NOTEBOOK))!;
    expect(item.content_html).toContain('RuntimeError</span>: mat1 and mat2 shapes cannot be multiplied');
    expect(item.content_html).toMatch(/src="https:\/\/example\.org\/assets\/step-times-cell-7-[0-9a-f]{8}\.png"/);
    const card = await page.request.get(`${suite.site.url}/${NOTEBOOK}preview.png`);
    expect([card.status(), card.headers()['content-type']]).toEqual([200, 'image/png']);
  });
});
