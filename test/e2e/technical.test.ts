import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, describe, expect, test } from 'vitest';
import { recordCspViolations, setUpServedSite, watchForErrors } from './browser.ts';

/**
 * The fixture post written the way the author writes studies (test/fixtures/site/latency-study/):
 * highlighted code, math, a figure, two charts from data files and citations from a BibTeX
 * file, all made at build time.
 */
const STUDY = 'posts/latency-study/';
const PLAIN = 'posts/hello-world/';

const suite = setUpServedSite('site');
let context: BrowserContext | undefined;

afterEach(async () => {
  await context?.close();
  context = undefined;
});

interface Visit {
  page: Page;
  errors: string[];
  cspViolations: () => Promise<string[]>;
  /** Every script the page requested, by path. */
  scripts: string[];
  /** Every request's path. */
  requests: string[];
}

async function open(path: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Visit> {
  context = await suite.browser.newContext({ colorScheme });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const cspViolations = await recordCspViolations(page);
  const scripts: string[] = [];
  const requests: string[] = [];
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    requests.push(pathname);
    if (request.resourceType() === 'script') scripts.push(pathname);
  });
  const response = await page.goto(`${suite.site.url}/${path}`, { waitUntil: 'networkidle' });
  expect(response?.status()).toBe(200);
  return { page, errors, cspViolations, scripts, requests };
}

describe.each(['light', 'dark'] as const)(
  'a post with code, math, figures, two charts and citations (%s)',
  (scheme) => {
    test('renders everything, with no console error and no CSP violation', async () => {
      const { page, errors, cspViolations } = await open(STUDY, scheme);
      const captions = await page.locator('figure > figcaption').allTextContents();
      expect(captions).toEqual([
        'Figure 1: The machine under test',
        'Figure 2: Latency by batch size',
        'Figure 3: Memory by precision',
      ]);
      for (const name of ['Latency by batch size', 'Memory by precision']) {
        const chart = page.getByRole('img', { name });
        expect(await chart.evaluate((svg) => svg.localName)).toBe('svg');
        expect((await chart.boundingBox())?.width).toBeGreaterThan(200);
      }
      expect(await page.locator('math').count()).toBe(3);
      expect(await page.getByText('measure.py', { exact: true }).isVisible()).toBe(true);
      const references = page.getByRole('region', { name: 'References' });
      expect(await references.getByRole('listitem').allTextContents()).toEqual([
        expect.stringMatching(/^Touvron, H\., Lavril, T\. and Izacard, G\. \(2023\) “LLaMA/),
        expect.stringMatching(/^Vaswani, A\., Shazeer, N\. and Parmar, N\. \(2017\) “Attention Is All You Need,”/),
      ]);
      expect(errors).toEqual([]);
      expect(await cspViolations()).toEqual([]);
    });
  },
);

test('its page loads the same scripts as a plain post: no highlighter, TeX engine or chart library', async () => {
  const study = await open(STUDY);
  const studyScripts = [...study.scripts].sort();
  const studyRequests = study.requests;
  await context?.close();
  const plain = await open(PLAIN);
  expect(studyScripts).toEqual([...plain.scripts].sort());
  // By name, not by content hash (a hash may hold "d3").
  const named = (path: string) => path.replace(/-[\w-]{8}(\.\w+)$/, '$1');
  expect(studyRequests.map(named).filter((path) => /shiki|katex|d3|citation|mathjax|highlight/i.test(path))).toEqual(
    [],
  );
});

test('a citation leads to its reference, and the reference list reads in citation order', async () => {
  const { page } = await open(STUDY);
  const first = page.locator('a[role="doc-biblioref"]', { hasText: '1' }).first();
  expect(await first.getAttribute('href')).toBe('#ref-touvron2023');
  await first.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#ref-touvron2023');
  const entry = page.locator('#ref-touvron2023');
  await expect.poll(() => entry.evaluate((li) => li.matches(':target'))).toBe(true);
  expect(await entry.isVisible()).toBe(true);
});

test('the copy buttons work from the keyboard', async () => {
  const { page, errors } = await open(STUDY);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.site.url });
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

  await page.getByRole('button', { name: 'Copy measure.py' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(clipboard).toMatch(/^import time\nstart = time\.perf_counter\(\)\n/);

  await page.getByRole('button', { name: 'Copy BibTeX' }).focus();
  await page.keyboard.press('Enter');
  await expect
    .poll(clipboard)
    .toMatch(/^@online\{zaker2023latency,\n {2}title = \{\{Latency of a 7B model by batch size\}\}/);
  expect(errors).toEqual([]);
});

test('a section link appears beside its heading on focus and on hover', async () => {
  const { page } = await open(STUDY);
  const anchor = page.getByRole('link', { name: 'Link to this section: Results' });
  const opacity = () => anchor.evaluate((a) => getComputedStyle(a).opacity);
  expect(await opacity()).toBe('0');
  await anchor.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect.poll(opacity).toBe('1');
  expect(await anchor.evaluate((a) => getComputedStyle(a).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate(() => location.hash)).toBe('#results');

  await page.locator('body').focus();
  await page.getByRole('heading', { name: 'Discussion' }).hover();
  await expect
    .poll(() =>
      page.getByRole('link', { name: 'Link to this section: Discussion' }).evaluate((a) => getComputedStyle(a).opacity),
    )
    .toBe('1');
  // The heading's name is its own text, not the link's.
  expect(await page.getByRole('heading', { name: 'Results', exact: true }).count()).toBe(1);
});
