import { describe, expect, test } from 'vitest';
import { axeViolations, pageOpener, setUpServedSite } from './browser.ts';

/**
 * Posts written the way real blogs are written (test/fixtures/real/): math from ML blogs,
 * as the reader's browser draws it.
 */
const MATH = 'posts/loss-landscapes/';
const VIDEO = 'posts/video-notes/';
const VIDEO_SITES = /youtube|ytimg|googlevideo|vimeo|vimeocdn/;

const suite = setUpServedSite('real');
const open = pageOpener(suite);

describe('math as the ML blogs write it', () => {
  test('styled letters are drawn as such: each is its own glyph, unlike the plain letter', async () => {
    const { page, errors, csp } = await open(MATH);
    // 𝔼, ℒ, 𝐱 and 𝜽 are letters of their own in the text, so no browser needs mathvariant.
    const widths = await page.evaluate(() => {
      const measure = (text: string) => {
        const math = document.createElementNS('http://www.w3.org/1998/Math/MathML', 'math');
        const mi = document.createElementNS('http://www.w3.org/1998/Math/MathML', 'mi');
        mi.textContent = text;
        math.append(mi);
        document.querySelector('.prose')!.append(math);
        const width = mi.getBoundingClientRect().width;
        math.remove();
        return width;
      };
      const text = document.querySelector('.prose math')!.textContent ?? '';
      return { text, styled: ['𝔼', 'ℒ', '𝐱', '𝜽'].map(measure), plain: ['E', 'L', 'x', 'θ'].map(measure) };
    });
    for (const letter of ['𝔼', 'ℒ', '𝐱', '𝜽']) expect(widths.text).toContain(letter);
    widths.styled.forEach((width, i) => {
      expect(width).toBeGreaterThan(0);
      expect(Math.abs(width - widths.plain[i]!)).toBeGreaterThan(0.1);
    });
    expect(await page.locator('.prose [mathvariant]:not([mathvariant="normal"])').count()).toBe(0);
    expect(await page.locator('.prose [style]').count()).toBe(0);
    expect(errors).toEqual([]);
    expect(await csp()).toEqual([]);
  });

  test('the rows of an aligned block line up on their = signs; cases and matrices keep their columns', async () => {
    const { page } = await open(MATH);
    const aligned = page.locator('#eq-elbo');
    const equals = await aligned
      .locator('mo', { hasText: /^=$/ })
      .evaluateAll((nodes) => nodes.map((node) => Math.round(node.getBoundingClientRect().left)));
    expect(equals).toHaveLength(2);
    expect(Math.abs(equals[0]! - equals[1]!)).toBeLessThanOrEqual(1);
    // The left column of cases starts at the same x in both rows.
    const cases = await page
      .locator('.math-display', { hasText: 'otherwise' })
      .locator('mtr > mtd:first-child')
      .evaluateAll((cells) => cells.map((cell) => Math.round(cell.firstElementChild!.getBoundingClientRect().left)));
    expect(cases).toHaveLength(2);
    expect(cases[0]).toBe(cases[1]);
  });

  test('on a 320-pixel phone no formula widens the page: display math scrolls in its box, inline math wraps', async () => {
    const { page } = await open(MATH, { width: 320 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    const boxes = await page.locator('.math-display').evaluateAll((nodes) =>
      nodes.map((node) => ({
        scrolls: node.scrollWidth > node.clientWidth,
        right: node.getBoundingClientRect().right,
      })),
    );
    expect(boxes.some((box) => box.scrolls)).toBe(true);
    for (const box of boxes) expect(box.right).toBeLessThanOrEqual(320);
    const inline = await page
      .locator('.math-inline')
      .evaluateAll((nodes) => nodes.map((node) => node.getBoundingClientRect().right));
    for (const right of inline) expect(right).toBeLessThanOrEqual(320);
  });
});

describe('video in a post', () => {
  test('a video beside the post plays, with its poster and captions', async () => {
    const { page, errors, csp } = await open(VIDEO);
    const video = page.locator('video').first();
    expect(await video.getAttribute('poster')).toMatch(/^\/assets\/demo-[0-9a-f]{8}\.png$/);
    const played = await page
      .locator('video')
      .first()
      .evaluate(async (element: HTMLVideoElement) => {
        element.muted = true;
        await element.play();
        await new Promise((resolve) => setTimeout(resolve, 400));
        return { time: element.currentTime, tracks: [...element.textTracks].map((track) => track.kind) };
      });
    expect(played.time).toBeGreaterThan(0);
    expect(played.tracks).toEqual(['captions']);
    expect(errors).toEqual([]);
    expect(await csp()).toEqual([]);
  });

  test('a YouTube or Vimeo preview asks the video site for nothing until the reader clicks it', async () => {
    const { page, csp, requests } = await open(VIDEO);
    const previews = page.locator('.video-embed a');
    expect(await previews.count()).toBe(3);
    expect(requests.filter((url) => VIDEO_SITES.test(url))).toEqual([]);
    await page.getByRole('link', { name: /A walk through the profiler/ }).click();
    const player = page.locator('.video-embed iframe');
    await expect.poll(() => player.count()).toBe(1);
    expect(await player.getAttribute('src')).toBe('https://player.vimeo.com/video/76979871?autoplay=1&dnt=1');
    expect(await player.getAttribute('title')).toBe('A walk through the profiler');
    await expect
      .poll(() => requests.filter((url) => VIDEO_SITES.test(url)))
      .toEqual(['https://player.vimeo.com/video/76979871?autoplay=1&dnt=1']);
    // The policy allows that frame: no violation was reported for it.
    expect(await csp()).toEqual([]);
  });

  test('without JavaScript, a preview is a link to the video on its site', async () => {
    const { page } = await open(VIDEO, { javaScriptEnabled: false });
    expect(
      await page.locator('.video-embed a').evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
    ).toEqual([
      'https://www.youtube.com/watch?v=aircAruvnKk&t=42',
      'https://vimeo.com/76979871',
      'https://www.youtube.com/watch?v=aircAruvnKk',
    ]);
  });
});

describe('accessibility of posts as real blogs write them', () => {
  test.each([1000, 320])(
    'axe finds nothing at %i pixels wide (a formula that scrolls takes the focus)',
    async (width) => {
      for (const path of [MATH, VIDEO, 'posts/updated-notes/', 'posts/tpu-notes/']) {
        const { page, context } = await open(path, { width });
        expect(await axeViolations(page), `${path} at ${width}`).toEqual([]);
        await context.close();
      }
    },
  );
});
