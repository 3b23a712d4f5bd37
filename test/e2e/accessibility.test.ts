import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { axeViolations, setUpServedSite } from './browser.ts';

const suite = setUpServedSite('site');
const url = (path: string) => `${suite.site.url}/${path}`;

describe.each(['light', 'dark'] as const)('axe finds no violations in the %s scheme', (colorScheme) => {
  test.each([
    ['the post list', ''],
    ['a post with code, a table and a figure', 'posts/markdown-tour/'],
    ['a post with a figure', 'posts/with-figure/'],
    ['a post with code, math, charts and citations', 'posts/latency-study/'],
    ['a tag page', 'tags/notes/'],
    ['the not-found page', 'no/such/page'],
  ])('%s', async (_name, path) => {
    const page = await suite.browser.newPage({ colorScheme });
    await page.goto(url(path), { waitUntil: 'networkidle' });
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  test('the newsletter showing an error', async () => {
    const page = await suite.browser.newPage({ colorScheme });
    await page.goto(url(''), { waitUntil: 'networkidle' });
    await page.getByLabel('Email address').fill('nope');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('alert').filter({ hasText: 'not an email address' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });
});

describe('a keyboard-only reader', () => {
  /** What has focus, and whether a sighted reader can see where. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return { name: 'body', visible: false };
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      return {
        name: `${element.localName}:${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60)}`,
        visible: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 && box.width > 0 && box.height > 0,
      };
    });

  test('skips to the content, reaches every control with a visible focus, and leaves without a trap', async () => {
    const page = await suite.browser.newPage();
    await page.goto(url('posts/with-figure/'), { waitUntil: 'networkidle' });
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ name: 'a:Skip to content', visible: true });
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      if (now.name === 'body' || seen.includes(now.name)) break;
      expect(now.visible, now.name).toBe(true);
      seen.push(now.name);
    }
    expect(seen).toEqual(
      expect.arrayContaining([
        'a:#notes',
        'a:the data file',
        'a:the first post',
        'input:',
        'button:Subscribe',
        'a:All posts',
      ]),
    );
    // Tabbing on past the last control leaves the page content: no trap.
    expect(seen.length).toBeLessThan(40);
    await page.close();
  });

  test('follows a link with Enter, lands on the new heading and can use the newsletter', async () => {
    const page = await suite.browser.newPage();
    await page.goto(url(''), { waitUntil: 'networkidle' });
    await page.getByRole('link', { name: 'Hello, world', exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => `${document.activeElement?.localName}: ${document.activeElement?.textContent}`))
      .toBe('h1: Hello, world');
    await page.getByLabel('Email address').focus();
    await page.keyboard.type('reader@example.org');
    await page.keyboard.press('Enter');
    const signup = page.getByRole('region', { name: 'Sign Up for My Newsletter!' });
    await expect.poll(() => signup.getByRole('status').textContent()).toContain('was not sent or saved anywhere');
    await page.close();
  });
});

describe('layout', () => {
  test('reflows at 320 CSS pixels (400 % zoom) without scrolling sideways', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 320, height: 640 } });
    for (const path of ['', 'posts/markdown-tour/', 'posts/with-figure/', 'posts/latency-study/']) {
      await page.goto(url(path), { waitUntil: 'networkidle' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    await page.close();
  });

  test('prints the post without navigation, search, theme menu or signup', async () => {
    const page = await suite.browser.newPage({ colorScheme: 'dark' });
    await page.goto(url('posts/latency-study/'), { waitUntil: 'networkidle' });
    await page.emulateMedia({ media: 'print' });
    for (const [name, locator] of [
      ['site navigation', page.getByRole('navigation', { name: 'Site' })],
      ['theme menu', page.getByRole('combobox', { name: 'Theme' })],
      ['newsletter', page.getByRole('region', { name: 'Sign Up for My Newsletter!' })],
      ['more posts', page.getByRole('navigation', { name: 'More posts' })],
    ] as const) {
      expect(await locator.isVisible(), name).toBe(false);
    }
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    expect(await page.getByRole('region', { name: 'References' }).isVisible()).toBe(true);
    // Printed on white whatever the screen's scheme.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      'rgb(255, 255, 255)',
    );
    await page.close();
  });

  test('text doubled in size (200 %) stays readable without loss', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url('posts/markdown-tour/'), { waitUntil: 'networkidle' });
    await page.evaluate(() => {
      document.documentElement.style.fontSize = '200%';
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(true);
    await page.close();
  });

  test('respects reduced motion: nothing animates, even a transition added later', async () => {
    const page = await suite.browser.newPage({ reducedMotion: 'reduce' });
    await page.goto(url(''), { waitUntil: 'networkidle' });
    const animated = await page.evaluate(() => {
      // A transition set the way a future component might (through the CSSOM, which the CSP allows).
      const link = document.querySelector<HTMLElement>('header a[href]');
      link?.style.setProperty('transition', 'color 300ms ease');
      link?.style.setProperty('scroll-behavior', 'smooth');
      return [...document.querySelectorAll('*')].filter((element) => {
        const style = getComputedStyle(element);
        return (
          parseFloat(style.transitionDuration) > 0 ||
          parseFloat(style.animationDuration) > 0 ||
          style.scrollBehavior === 'smooth'
        );
      }).length;
    });
    expect(animated).toBe(0);
    await page.close();
  });
});
