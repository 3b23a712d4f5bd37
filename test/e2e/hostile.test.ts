import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../site-build.ts';
import { INLINE_SCRIPT } from '../../src/inline-script.ts';
import { launchChromium } from './browser.ts';
import { serveStatic, type StaticServer } from '../../scripts/static-server.mjs';

/**
 * Everything in a document that could run code or change where it loads from, except the
 * site's own bundle and stylesheet, theme script and menu, newsletter form, policy tag and
 * the post's JSON-LD. Runs in the page.
 */
function findActiveContent({
  base,
  html,
  inlineScript,
  siteStyle,
}: {
  base: string;
  html?: string;
  inlineScript: string;
  /** The site's stylesheet, which every page has inline (the policy allows it by its hash). */
  siteStyle: string;
}): string[] {
  const found: string[] = [];
  // The page itself, or a fragment of HTML (a feed entry) parsed as a browser would.
  const scope = html === undefined ? document.documentElement : new DOMParser().parseFromString(html, 'text/html').body;
  const ours = (element: Element) =>
    // The loader of the app's script, and the site's stylesheet.
    (element.matches('head > script[defer]') &&
      (element.getAttribute('src') ?? '').startsWith(`${base}assets/load-`)) ||
    (element.matches('head > style') && element.textContent === siteStyle) ||
    element.matches('.newsletter form, .newsletter input, .newsletter button') ||
    // The citation's copy button, and the copy buttons the script adds to code blocks.
    element.matches(
      '.cite button, .code-block > .code-header > button.copy-button, .code-block > button.copy-button',
    ) ||
    // What a task list renders, and what the sanitiser leaves of any other <input>.
    element.matches('input[type="checkbox"][disabled]') ||
    element.matches('meta[http-equiv="Content-Security-Policy"]') ||
    // The inline script, exactly as src/inline-script.ts has it (the policy allows it by its
    // hash), loading the app from the site's assets; and the theme menu it runs.
    (element.matches('head > script:not([src]):not([type])') &&
      element.textContent === inlineScript &&
      (element.getAttribute('data-app') ?? `${base}assets/`).startsWith(`${base}assets/`)) ||
    element.matches('.site-header .theme-control select') ||
    // The header's search form, which goes to the site's own search page.
    (element.matches('.site-header form.site-search') && element.getAttribute('action') === `${base}search/`) ||
    element.matches('.site-header form.site-search input[type="search"]') ||
    // Data for search engines, which browsers never run; it must still be one JSON value.
    (element.matches('head > script[type="application/ld+json"]') && isJson(element.textContent ?? ''));
  function isJson(text: string): boolean {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  }
  const dangerousTags =
    'script, iframe, frame, object, embed, applet, form, input, button, textarea, select, base, style, link[rel="stylesheet"], link[rel="import"], meta[http-equiv], svg, math, template';
  for (const element of scope.querySelectorAll(dangerousTags)) {
    if (!ours(element)) found.push(`<${element.localName}> ${element.outerHTML.slice(0, 80)}`);
  }
  for (const element of [scope, ...scope.querySelectorAll('*')]) {
    for (const attribute of element.attributes) {
      const name = attribute.name.toLowerCase();
      // As a browser reads a scheme: whitespace and control characters inside it do not count.
      const value = [...attribute.value]
        .filter((char) => char.charCodeAt(0) > 0x20)
        .join('')
        .toLowerCase();
      if (name.startsWith('on')) found.push(`${name}= on <${element.localName}>`);
      if (name === 'style' || name === 'srcdoc') found.push(`${name}= on <${element.localName}>`);
      if (/^(javascript|vbscript|data:text|data:application)/.test(value)) {
        found.push(`${name}="${attribute.value}" on <${element.localName}>`);
      }
    }
  }
  return found;
}

let browser: Browser;
let server: StaticServer;
let outDir = '';
let siteStyle = '';
const base = '/';
const hostilePosts = ['raw-script', 'event-handlers', 'embeds', 'urls', 'front-matter', 'ids'];

beforeAll(async () => {
  const site = await buildSite('hostile', { SITE_URL: 'https://example.org' });
  if (site.code !== 0) throw new Error(site.output);
  outDir = site.outDir;
  const css = (await readdir(path.join(outDir, 'assets'))).find((file) => file.endsWith('.css'));
  siteStyle = (await readFile(path.join(outDir, 'assets', css!), 'utf8')).trim();
  server = await serveStatic(outDir, base);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(outDir, { recursive: true, force: true });
});

async function open(path: string, javaScriptEnabled: boolean): Promise<{ page: Page; dialogs: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${server.url}${base}${path}`, { waitUntil: 'networkidle' });
  return { page, dialogs };
}

describe('hostile posts build into pages with no active content', () => {
  test('the build reports what it removed, naming file and line', async () => {
    const site = await buildSite('hostile');
    await rm(site.outDir, { recursive: true, force: true });
    expect(site.code).toBe(0);
    expect(site.output).toContain(
      'test/fixtures/hostile/raw-script.md:8 <script> is not allowed in posts and was removed',
    );
    expect(site.output).toContain(
      'test/fixtures/hostile/event-handlers.md:6 the onerror attribute on <img> is not allowed and was removed',
    );
    expect(site.output).toContain(`test/fixtures/hostile/urls.md:6 the unsafe URL "javascript:window.__pwned='md'"`);
  });

  const pages = ['', ...hostilePosts.map((slug) => `posts/${slug}/`), 'no/such/page'];

  test.each(pages)('/%s, read without JavaScript', async (path) => {
    const { page } = await open(path, false);
    expect(await page.evaluate(findActiveContent, { base, inlineScript: INLINE_SCRIPT, siteStyle })).toEqual([]);
    await page.context().close();
  });

  test.each(pages)('/%s, after hydration', async (path) => {
    const { page, dialogs } = await open(path, true);
    // Hover and click everything a reader might, to give any handler its chance.
    for (const element of await page.getByRole('article').locator('*').all()) {
      await element.hover({ timeout: 1000, trial: false }).catch(() => undefined);
    }
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(findActiveContent, { base, inlineScript: INLINE_SCRIPT, siteStyle })).toEqual([]);
    expect(await page.locator('[id="root"]').count()).toBe(1);
    expect(await page.locator('[id="main"]').count()).toBe(1);
    await page.context().close();
  });

  test('a hostile title, description and tags stay text in the head, the page and the feeds', async () => {
    const { page } = await open('posts/front-matter/', true);
    const title = `<script>window.__pwned = 'title'</script><img src=x onerror="window.__pwned = 'title-img'">`;
    expect(await page.title()).toBe(`${title} · Mehrdad Zaker's Blog`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
    expect(await page.locator('head img').count()).toBe(0);
    // In the head, only the theme script and the post's JSON-LD, where the title is a JSON string.
    expect(await page.locator('head script:not([src]):not([type])').allTextContents()).toEqual([INLINE_SCRIPT]);
    const jsonLd = await page.locator('head script[type="application/ld+json"]').allTextContents();
    expect(jsonLd).toHaveLength(1);
    expect(jsonLd[0]).not.toContain('</');
    expect(JSON.parse(jsonLd[0]!).headline).toBe(title);
    expect(await page.locator('meta[name="description"]').getAttribute('content')).toBe(
      `"><img src=x onerror="window.__pwned = 'description'"><meta http-equiv=refresh content=0>`,
    );

    // Each feed's entries as a feed reader gets them: title and HTML content.
    const atom = await page.evaluate(
      (xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        if (doc.querySelector('parsererror')) return null;
        // An Atom title of type="html" is HTML: a reader shows what it displays.
        const shown = (element: Element | null) =>
          element?.getAttribute('type') === 'html'
            ? new DOMParser().parseFromString(element.textContent ?? '', 'text/html').body.textContent
            : element?.textContent;
        return [...doc.querySelectorAll('entry')].map((entry) => ({
          title: shown(entry.querySelector('title')),
          content: entry.querySelector('content')?.textContent ?? '',
        }));
      },
      await readFile(path.join(outDir, 'atom.xml'), 'utf8'),
    );
    const rss = await page.evaluate(
      (xml) => {
        const doc = new DOMParser().parseFromString(xml, 'application/xml');
        if (doc.querySelector('parsererror')) return null;
        return [...doc.querySelectorAll('item')].map((item) => ({
          title: item.querySelector('title')?.textContent,
          content:
            item.getElementsByTagNameNS('http://purl.org/rss/1.0/modules/content/', 'encoded')[0]?.textContent ?? '',
        }));
      },
      await readFile(path.join(outDir, 'rss.xml'), 'utf8'),
    );
    const json = (
      JSON.parse(await readFile(path.join(outDir, 'feed.json'), 'utf8')) as {
        items: { title: string; content_html: string }[];
      }
    ).items.map((item) => ({ title: item.title, content: item.content_html }));
    for (const entries of [atom, rss, json]) {
      expect(entries).toHaveLength(hostilePosts.length);
      expect(entries?.map((entry) => entry.title)).toContain(title);
      for (const entry of entries ?? []) {
        expect(
          await page.evaluate(findActiveContent, { base, html: entry.content, inlineScript: INLINE_SCRIPT, siteStyle }),
        ).toEqual([]);
      }
    }
    await page.context().close();
  });
});
