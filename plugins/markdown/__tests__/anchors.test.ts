import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';

describe('anchors written as raw HTML', () => {
  test('<a name> and <a id> keep their name, and links to them in the post are checked', async () => {
    const { html, problems } = await render(
      '\n<a name="setup"></a>Setup text.\n\n<a id="results"></a>Results text.\n\n' +
        '[to setup](#setup), [to results](#results), [nowhere](#elsewhere)\n',
    );
    expect(html).toContain('<a name="setup"></a>');
    expect(html).toContain('<a name="results"></a>');
    expect(html).toContain('<a href="#setup">to setup</a>, <a href="#results">to results</a>');
    expect(problems).toEqual(['post:10 broken link: no heading or anchor "elsewhere" in this post']);
  });

  test('other raw ids stay prefixed, and links in the post follow the prefix', async () => {
    const { html, problems, warnings } = await render(
      '\n<span id="note">A note.</span> <a id="link" href="https://example.org">a link with an id</a>\n\n' +
        '<img name="cookie" alt="a cookie" src="https://example.org/c.png">\n\n[the note](#note)\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<span id="user-content-note">');
    expect(html).toContain('<a id="user-content-link" href="https://example.org">');
    expect(html).toContain('<a href="#user-content-note">the note</a>');
    // A name on an <img> would shadow document.cookie: removed.
    expect(html).not.toContain('name="cookie"');
    expect(warnings, warnings.join('\n')).toContain(
      'post:8 the name attribute on <img> is not allowed and was removed',
    );
  });
});
