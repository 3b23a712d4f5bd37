import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readPosts } from '../../posts/read.ts';
import { render, tempFolder } from '../../../test/render-post.ts';
import { root } from '../../../test/site-build.ts';

/** Every post of a fixture folder, by slug, as rendered; with `extra` appended to each post's text first. */
async function renderFolder(folder: string, extra: string): Promise<Map<string, string>> {
  const dir = await tempFolder('blog-raw-html-');
  await cp(path.join(root, 'test/fixtures', folder), dir, { recursive: true });
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = entry.isDirectory() ? path.join(dir, entry.name, 'index.md') : path.join(dir, entry.name);
    if (!file.endsWith('.md')) continue;
    await writeFile(file, `${await readFile(file, 'utf8')}${extra}`);
  }
  const { posts } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: true });
  return new Map(posts.map((post) => [post.slug, post.html]));
}

describe('raw HTML never changes how the markdown around it renders', () => {
  const key = '<kbd>Probe-key</kbd>';
  test.each(['site', 'edge', 'hostile', 'real'])(
    'every post in test/fixtures/%s, with and without a <kbd>',
    async (folder) => {
      const [without, withKbd] = await Promise.all([
        renderFolder(folder, '\n\nPress Probe-key.\n'),
        renderFolder(folder, `\n\nPress ${key}.\n`),
      ]);
      expect([...withKbd.keys()]).toEqual([...without.keys()]);
      for (const [slug, html] of without) {
        expect(withKbd.get(slug)?.replace(key, 'Probe-key'), slug).toBe(html);
      }
    },
  );
});

describe('raw HTML as the tools it was written for read it', () => {
  test('<a name="x"/> is an empty anchor, as kramdown reads it, not a link around the rest of the paragraph', async () => {
    const { html } = await render('\n<a name="nice"/>A nice property of the process, and an <br/> break.\n');
    expect(html).toContain('<p><a name="nice"></a>A nice property of the process, and an <br/> break.</p>');
  });
});
