// @vitest-environment jsdom
// The posts written the way real blogs are written (test/fixtures/real/), built as
// `npm run build` builds them: what a reader, a search engine and the search box get.
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, searchRecords } from './site-build.ts';

let outDir = '';
const page = async (file: string) =>
  new DOMParser().parseFromString(await readFile(path.join(outDir, file), 'utf8'), 'text/html');

beforeAll(async () => {
  const site = await buildSite('real', { SITE_URL: 'https://example.org' });
  if (site.code !== 0) throw new Error(site.output);
  outDir = site.outDir;
});
afterAll(() => rm(outDir, { recursive: true, force: true }));

describe('a post that opens with raw HTML and math', () => {
  const excerpt =
    '[Updated on 2024-03-08: the bound 𝔼[X]≤τ holds for every n.] Then the text goes on, with a footnote.';

  test('is described by its visible text, never its TeX or tags', async () => {
    const html = await page('posts/updated-notes/index.html');
    expect(html.querySelector('meta[name="description"]')?.getAttribute('content')).toBe(excerpt);
    const home = await page('index.html');
    const summary = [...home.querySelectorAll('article')].find((each) => each.textContent?.includes('update line'));
    expect(summary?.querySelector('p:not(.meta):not(.read-more)')?.textContent).toBe(excerpt);
  });

  test('is indexed for search by its visible text, once', async () => {
    const record = (await searchRecords(outDir)).find((each) => each.url === '/posts/updated-notes/')!;
    expect(record.content).not.toMatch(/\\mathbb|\\tau|<span|style=/);
    expect(record.content.split('holds for every').length - 1).toBe(1);
    expect(record.content.split('quokkaesque').length - 1).toBe(1);
  });
});
