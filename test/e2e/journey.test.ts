import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, root } from '../site-build.ts';
import { launchChromium, recordCspViolations, recordDocumentLoads, watchForErrors } from './browser.ts';
import { startDevServer, type DevServer } from './dev-server.ts';
import { serveStatic, type StaticServer } from '../../scripts/static-server.mjs';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const PUBLISHED = [
  'A tour of GitHub-flavoured markdown',
  'A post with a figure',
  'Hello, world',
  'Latency of a 7B model by batch size',
];

/**
 * A reader's journey through the fixture site, the same against `npm run dev` and against
 * the built site (at the root of its host and under a project path): every move after the
 * first page happens client-side, with focus, title and history as a reader expects.
 */
describe.each([
  { target: 'the built site under /', base: '/', dev: false },
  { target: 'the built site under /blog/', base: '/blog/', dev: false },
  { target: 'npm run dev', base: '/', dev: true },
])('a reader on $target', ({ base, dev }) => {
  let url = '';
  let stop = async () => {};
  beforeAll(async () => {
    if (dev) {
      const postsDir = await mkdtemp(path.join(tmpdir(), 'blog-journey-'));
      await cp(path.join(root, 'test/fixtures/site'), postsDir, { recursive: true });
      const server: DevServer = await startDevServer(postsDir);
      url = server.url.replace(/\/$/, '');
      stop = async () => {
        server.stop();
        await rm(postsDir, { recursive: true, force: true });
      };
    } else {
      const site = await buildSite('site', { BASE_PATH: base });
      if (site.code !== 0) throw new Error(site.output);
      const server = await serveStatic(site.outDir, base);
      url = server.url;
      stop = async () => {
        await server.close();
        await rm(site.outDir, { recursive: true, force: true });
      };
    }
  });
  afterAll(() => stop());
  const at = (path: string) => `${url}${base}${path}`;

  test('moves between pages without loading a new document; back and forward work', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchForErrors(page);
    const cspViolations = await recordCspViolations(page);
    const heading = () => page.getByRole('heading', { level: 1 }).textContent();
    await page.goto(at('posts/with-figure/'), { waitUntil: 'networkidle' });
    const documents = recordDocumentLoads(page);

    await page.getByRole('link', { name: '← Newer: A tour of GitHub-flavoured markdown' }).click();
    await expect.poll(heading).toBe('A tour of GitHub-flavoured markdown');
    expect(page.url()).toBe(at('posts/markdown-tour/'));
    expect(await page.title()).toBe("A tour of GitHub-flavoured markdown · Mehrdad Zaker's Blog");
    // Focus moves to the new page's heading, so a screen reader announces it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('A tour of GitHub-flavoured markdown');
    expect(await page.getByRole('table').count()).toBe(1);

    await page.goBack();
    await expect.poll(heading).toBe('A post with a figure');
    await page.goForward();
    await expect.poll(heading).toBe('A tour of GitHub-flavoured markdown');

    await page.getByRole('link', { name: '#notes' }).first().click();
    await expect.poll(heading).toBe('Posts tagged “notes”');
    expect(page.url()).toBe(at('tags/notes/'));

    await page.getByRole('link', { name: "Mehrdad Zaker's Blog" }).click();
    await expect.poll(heading).toBe('Latest posts');
    expect(page.url()).toBe(at(''));
    const titles = await page
      .getByRole('main')
      .getByRole('article')
      .getByRole('heading', { level: 2 })
      .allTextContents();
    // The dev server shows drafts too, first here (newest), marked as such.
    expect(titles).toEqual(dev ? ['Not finished', ...PUBLISHED] : PUBLISHED);

    // A link written inside a post's markdown is followed client-side too.
    await page.getByRole('link', { name: 'Read more about A post with a figure' }).click();
    await page.getByRole('link', { name: 'the first post' }).click();
    await expect.poll(heading).toBe('Hello, world');

    expect(documents).toEqual([]);
    expect(errors).toEqual([]);
    expect(await cspViolations()).toEqual([]);
    await context.close();
  });
});

/** What only the built site, served by a plain static host, can show. */
describe.each(['/', '/blog/'])('the built site served under %s', (base) => {
  let server: StaticServer;
  let outDir = '';
  let page: Page;
  let errors: string[];
  let cspViolations: () => Promise<string[]>;
  const at = (path: string) => `${server.url}${base}${path}`;

  beforeAll(async () => {
    const site = await buildSite('site', { BASE_PATH: base });
    if (site.code !== 0) throw new Error(site.output);
    outDir = site.outDir;
    server = await serveStatic(outDir, base);
  });
  afterAll(async () => {
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await page?.context().close();
  });

  async function openWithJavaScript(path: string) {
    const context = await browser.newContext();
    page = await context.newPage();
    errors = watchForErrors(page);
    cspViolations = await recordCspViolations(page);
    const response = await page.goto(at(path), { waitUntil: 'networkidle' });
    return response;
  }

  test('a deep link is readable without JavaScript', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    const response = await noScript.goto(at('posts/with-figure/'));
    expect(response?.status()).toBe(200);
    expect(await noScript.getByRole('heading', { level: 1 }).textContent()).toBe('A post with a figure');
    expect(await noScript.getByRole('heading', { name: 'Results' }).isVisible()).toBe(true);
    const figure = noScript.getByRole('figure', {
      name: 'Figure 1: Latency against prompt length, 10 to 1,500 tokens',
    });
    const image = figure.getByRole('img', { name: 'Latency by prompt length' });
    expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);
    // A chart drawn at build time: readable without any script.
    const chart = noScript.getByRole('figure', { name: 'Figure 2: Latency by prompt length' });
    expect(await chart.getByRole('img', { name: 'Latency by prompt length' }).count()).toBe(1);
    expect(await chart.getByRole('link', { name: 'Download data.csv' }).getAttribute('href')).toMatch(/assets\/data-/);
    expect(await noScript.getByText('The subscription feature is under development').isVisible()).toBe(true);
    await context.close();
  });

  test("first paint needs only the HTML: the app's script and the page's data are fetched after it", async () => {
    await openWithJavaScript('posts/with-figure/');
    const timing = await page.evaluate(() => {
      const started = (pattern: RegExp) =>
        performance
          .getEntriesByType('resource')
          .filter((entry) => pattern.test(new URL(entry.name).pathname))
          .map((entry) => entry.startTime);
      return {
        firstContentfulPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
        app: started(/\/assets\/index-[\w-]+\.js$/),
        data: started(/\/page-data\.json$/),
        styles: started(/\.css$/),
      };
    });
    expect(timing.styles).toEqual([]);
    expect(timing.app).toHaveLength(1);
    expect(timing.data).toHaveLength(1); // the preload, which the app's own request used
    for (const start of [...timing.app, ...timing.data]) expect(start).toBeGreaterThan(timing.firstContentfulPaint);
    // And the app has taken over: a link is followed without loading a new document.
    const documents = recordDocumentLoads(page);
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Archive' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Archive');
    expect(documents).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('nothing moves when the app arrives after first paint (copy buttons appear in room kept for them)', async () => {
    // The citation's button; a block with a language label; titled blocks.
    for (const path of ['posts/hello-world/', 'posts/markdown-tour/', 'posts/latency-study/']) {
      const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
      const shifts = await context.newPage();
      await shifts.addInitScript(() => {
        const seen: number[] = [];
        (window as { __shifts?: number[] }).__shifts = seen;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) seen.push((entry as PerformanceEntry & { value: number }).value);
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await shifts.goto(at(path), { waitUntil: 'networkidle' });
      // The app has run: the citation's button and one in every code block are there.
      await expect
        .poll(() =>
          shifts.evaluate(
            () =>
              document.querySelector('.cite .copy-button') !== null &&
              document.querySelectorAll('.code-block').length ===
                document.querySelectorAll('.code-block .copy-button').length,
          ),
        )
        .toBe(true);
      expect(await shifts.evaluate(() => (window as { __shifts?: number[] }).__shifts), path).toEqual([]);
      await context.close();
    }
  });

  test('a code block copies by keyboard, says so to screen readers, and has no button without JavaScript', async () => {
    const noScript = await browser.newContext({ javaScriptEnabled: false });
    const plain = await noScript.newPage();
    await plain.goto(at('posts/markdown-tour/'));
    expect(await plain.getByText('Python', { exact: true }).count()).toBe(1);
    expect(await plain.getByRole('button', { name: /^Copy/ }).count()).toBe(0);
    await noScript.close();

    await openWithJavaScript('posts/markdown-tour/');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const copy = page.getByRole('button', { name: 'Copy code' });
    await copy.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Copied' }).count()).toBe(1);
    expect(await copy.textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
      'import torch_xla.core.xla_model as xm\ndevice = xm.xla_device()',
    );
    expect(errors).toEqual([]);
  });

  test('every page kind works under the Content-Security-Policy the site ships', async () => {
    for (const path of ['', 'posts/markdown-tour/', 'posts/with-figure/', 'tags/notes/', 'no/such/page']) {
      const response = await openWithJavaScript(path);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').count()).toBe(1);
      const subscribe = page.getByRole('button', { name: 'Subscribe' });
      if ((await subscribe.count()) > 0) await subscribe.click();
      expect(await cspViolations(), path).toEqual([]);
      expect(
        errors.filter((error) => !error.includes('404')),
        path,
      ).toEqual([]);
      if (path !== 'no/such/page') await page.context().close();
    }
  });

  test('an unknown address gets the not-found page with a link home', async () => {
    const response = await openWithJavaScript('no/such/page');
    expect(response?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
    expect(await page.title()).toBe("Page not found · Mehrdad Zaker's Blog");
    await page.getByRole('link', { name: 'Go to the list of posts' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Latest posts');

    // No request fails but the address itself: the page does not go looking for data it cannot have.
    for (const missing of ['posts/not-a-post/', 'tags/not-a-tag', 'posts/not-a-post/extra']) {
      const failed: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(response.url());
      });
      const response = await page.goto(at(missing), { waitUntil: 'networkidle' });
      expect(response?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      expect(failed).toEqual([at(missing)]);
      page.removeAllListeners('response');
    }
  });

  test('the newsletter form sends nothing and stores nothing', async () => {
    await openWithJavaScript('');
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const email = page.getByLabel('Email address');
    const subscribe = page.getByRole('button', { name: 'Subscribe' });

    await email.fill('not-an-address');
    await subscribe.click();
    expect(await page.getByRole('alert').textContent()).toContain('is not an email address');
    expect(await email.getAttribute('aria-invalid')).toBe('true');

    await email.fill('reader@example.org');
    await subscribe.click();
    expect(await page.getByRole('status').textContent()).toContain('was not sent or saved anywhere');
    expect(await page.getByText('Your email won’t be saved at the moment.').isVisible()).toBe(true);

    expect(requests).toEqual([]);
    expect(page.url()).toBe(at(''));
    const stored = await page.evaluate(() => ({
      cookies: document.cookie,
      local: localStorage.length,
      session: sessionStorage.length,
    }));
    expect(stored).toEqual({ cookies: '', local: 0, session: 0 });
    expect(await page.context().cookies()).toEqual([]);
    expect(errors).toEqual([]);
  });
});
