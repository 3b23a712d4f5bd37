import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';

describe("pandoc's inline footnotes", () => {
  test('text^[a note] is a numbered footnote, with the others, holding emphasis, math and brackets', async () => {
    const { html, problems, excerpt } = await render(
      '\nThe loss^[Of *all* the weights $\\theta$ [roughly].] falls,[^a] and then rises.^[Second.]\n\n[^a]: A note written apart.\n',
    );
    expect(problems).toEqual([]);
    expect(excerpt).toBe('The loss falls, and then rises.');
    const refs = [...html.matchAll(/<sup><a href="#user-content-fn-([\w-]+)"[^>]*>(\d+)<\/a><\/sup>/g)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(refs).toEqual([
      ['note-1', '1'],
      ['a', '2'],
      ['note-2', '3'],
    ]);
    expect(html).toMatch(
      /<li id="user-content-fn-note-1">\s*<p>Of <em>all<\/em> the weights <span class="math-inline"><math>.*<\/math><\/span> \[roughly\]\./s,
    );
    expect(html).not.toContain('^[');
  });

  test('a ^[ that never closes stays text', async () => {
    const { html } = await render('\nA caret and bracket ^[ with no end.\n');
    expect(html).toContain('<p>A caret and bracket ^[ with no end.</p>');
  });
});
