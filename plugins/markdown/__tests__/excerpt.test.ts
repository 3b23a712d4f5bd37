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

describe('a <!-- more --> line ends the summary', () => {
  test('the paragraphs, quotations and lists before it are the excerpt', async () => {
    const { excerpt } = await render(
      'The first paragraph, with $x^2$.\n\n> A quoted line.\n\n- one\n- two\n\n## Not this\n\n<!-- more -->\n\nThe rest of the post.\n',
    );
    expect(excerpt).toBe('The first paragraph, with x2. A quoted line. one two');
  });

  test('without one, or with one inside a paragraph, the excerpt is the first paragraph', async () => {
    expect((await render('One.\n\nTwo.\n')).excerpt).toBe('One.');
    expect((await render('One.\n\nTwo <!-- more --> three.\n\nFour.\n')).excerpt).toBe('One.');
  });
});
