// The search index (plugins/search.ts): what Pagefind is given while posts are read, and
// what it holds once the build writes it.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { Post } from '../src/content.ts';
import { hashOfDocument, SearchIndex, searchDocument } from '../plugins/search.ts';
import { searchContents } from './site-build.ts';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

const post = (slug: string, text: string): Post => ({
  slug,
  title: `About ${slug}`,
  date: '2024-01-01',
  dateLabel: 'January 1, 2024',
  excerpt: '',
  tags: [],
  readingMinutes: 1,
  draft: false,
  html: `<p>${text}</p>`,
  related: [],
});

test('the index holds each post as the build ends it, even one given in an earlier state while reading', async () => {
  const outDir = await mkdtemp(path.join(tmpdir(), 'blog-search-'));
  folders.push(outDir);
  const search = new SearchIndex('/');
  search.start();
  search.add(post('first', 'quartz words'));
  search.add(post('gone', 'never published'));
  const key = await search.write(outDir, [post('first', 'basalt words'), post('second', 'granite words')], undefined);
  const contents = await searchContents(outDir);
  expect([...contents.keys()].sort()).toEqual(['/posts/first/', '/posts/second/']);
  expect(contents.get('/posts/first/')).toContain('basalt');
  expect(contents.get('/posts/first/')).not.toContain('quartz');

  // The same documents again: nothing is indexed or written.
  const entry = path.join(outDir, 'pagefind/pagefind-entry.json');
  const before = (await stat(entry)).mtimeMs;
  const again = new SearchIndex('/');
  expect(await again.write(outDir, [post('first', 'basalt words'), post('second', 'granite words')], key)).toBe(key);
  expect((await stat(entry)).mtimeMs).toBe(before);
});

test("a document's hash, made without making it, is the hash of the document Pagefind is given", () => {
  // What was indexed while reading is checked against the posts by these hashes: were they
  // to differ, every build would index every post twice.
  const tagged = { ...post('tagged', 'text with <em>markup</em> & “quotes”'), tags: [{ name: 'A & B', slug: 'a-b' }] };
  for (const each of [post('plain', 'words'), tagged]) {
    expect(hashOfDocument(each)).toBe(createHash('sha256').update(searchDocument(each)).digest('hex'));
  }
});
