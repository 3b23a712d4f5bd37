import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';
import { root } from '../../../test/site-build.ts';

describe('the excerpt is the first paragraph as the page shows it', () => {
  test('raw HTML as what it displays, math as its letters, no footnote mark', async () => {
    const source = await readFile(path.join(root, 'test/fixtures/real/updated-notes.md'), 'utf8');
    const { excerpt, warnings } = await render(source.slice(source.indexOf('\n---\n') + 4));
    expect(warnings).toEqual(['post:7 the style attribute on <span> is not allowed and was removed']);
    expect(excerpt).toBe(
      '[Updated on 2024-03-08: the bound 𝔼[X]≤τ holds for every n.] Then the text goes on, with a footnote.',
    );
  });
});
