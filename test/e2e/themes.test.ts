import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { axeViolations, recordCspViolations, setUpServedSite, watchForErrors } from './browser.ts';

const suite = setUpServedSite('site');
let context: BrowserContext | undefined;

afterEach(async () => {
  await context?.close();
  context = undefined;
});

const DARK_BACKGROUND = 'rgb(13, 17, 23)';
const LIGHT_BACKGROUND = 'rgb(255, 255, 255)';
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** A page whose app script never arrives: what a reader sees before it does. */
async function withoutAppScript(page: Page) {
  await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
}

test('follows the system by default; the control chooses light or dark, and the choice persists', async () => {
  context = await suite.browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  const errors = watchForErrors(page);
  const cspViolations = await recordCspViolations(page);
  await page.goto(`${suite.site.url}/posts/latency-study/`, { waitUntil: 'networkidle' });
  expect(await background(page)).toBe(DARK_BACKGROUND);
  const theme = page.getByRole('combobox', { name: 'Theme' });
  expect(await theme.inputValue()).toBe('system');
  await theme.selectOption('light');
  expect(await background(page)).toBe(LIGHT_BACKGROUND);
  // Code and charts follow the chosen theme, not the system's.
  const keyword = page.locator('pre.shiki span.shl-d73a49').first();
  const { color, light } = await keyword.evaluate((span) => ({
    color: getComputedStyle(span).color,
    light: getComputedStyle(span).getPropertyValue('--shl').trim(),
  }));
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(light.slice(i, i + 2), 16));
  expect(color).toBe(`rgb(${r}, ${g}, ${b})`);
  expect(await axeViolations(page)).toEqual([]);

  await page.reload({ waitUntil: 'networkidle' });
  expect(await background(page)).toBe(LIGHT_BACKGROUND);
  expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('light');
  await page.getByRole('combobox', { name: 'Theme' }).selectOption('system');
  expect(await background(page)).toBe(DARK_BACKGROUND);
  expect(errors).toEqual([]);
  expect(await cspViolations()).toEqual([]);
});

test("a returning reader's first paint is in their theme before the app's script arrives", async () => {
  context = await suite.browser.newContext({ colorScheme: 'light' });
  const first = await context.newPage();
  await first.goto(`${suite.site.url}/`, { waitUntil: 'networkidle' });
  await first.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  await first.close();

  const page = await context.newPage();
  const cspViolations = await recordCspViolations(page);
  await withoutAppScript(page);
  // The background of the first frame that paints anything.
  await page.addInitScript(() => {
    new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-paint').length > 0) {
        (window as { __firstPaintBackground?: string }).__firstPaintBackground = getComputedStyle(
          document.documentElement,
        ).backgroundColor;
      }
    }).observe({ type: 'paint', buffered: true });
  });
  await page.goto(`${suite.site.url}/posts/hello-world/`, { waitUntil: 'load' });
  await expect
    .poll(() => page.evaluate(() => (window as { __firstPaintBackground?: string }).__firstPaintBackground))
    .toBe(DARK_BACKGROUND);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Hello, world');
  // No app: the inline script alone shows the stored choice in the menu and applies a new one.
  const theme = page.getByRole('combobox', { name: 'Theme' });
  expect(await theme.inputValue()).toBe('dark');
  await theme.selectOption('light');
  expect(await background(page)).toBe(LIGHT_BACKGROUND);
  expect(await page.evaluate(() => localStorage.getItem('theme'))).toBe('light');
  expect(await cspViolations()).toEqual([]);
});

test('without JavaScript there is no theme menu, and the page follows the system', async () => {
  context = await suite.browser.newContext({ colorScheme: 'dark', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${suite.site.url}/`);
  expect(await background(page)).toBe(DARK_BACKGROUND);
  expect(await page.getByRole('combobox', { name: 'Theme' }).count()).toBe(0);
  expect(await page.getByRole('searchbox', { name: 'Search posts' }).isVisible()).toBe(true);
});

test('the inline theme script is the only inline script, allowed by its hash in the meta tag and the header', async () => {
  context = await suite.browser.newContext();
  const page = await context.newPage();
  const response = await page.goto(`${suite.site.url}/`);
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  const header = response?.headers()['content-security-policy'] ?? '';
  const inline = await page.locator('script:not([src]):not([type="application/ld+json"])').allTextContents();
  expect(inline).toHaveLength(1);
  const digest = await page.evaluate(async (source) => {
    const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(source));
    return btoa(String.fromCharCode(...new Uint8Array(bytes)));
  }, inline[0]!);
  for (const policy of [meta ?? '', header]) {
    expect(policy).toContain(`script-src 'self' 'sha256-${digest}' 'wasm-unsafe-eval';`);
    expect(policy).not.toContain('unsafe-inline');
  }
});
