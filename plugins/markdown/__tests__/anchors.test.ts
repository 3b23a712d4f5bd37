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

describe('heading ids', () => {
  test('{#id} at the end of a heading is its id, as pandoc, kramdown, Hugo and Docusaurus read it', async () => {
    const { html, problems } = await render(
      '\n## What is **SWoR** {#swor}\n\n## Appendix {#appendix .unnumbered}\n\n## Unnumbered {-}\n\n## The set {a}\n\n' +
        '[swor](#swor), [appendix](#appendix), [unnumbered](#unnumbered)\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<h2 id="swor">What is <strong>SWoR</strong></h2>');
    expect(html).toContain('<h2 id="appendix">Appendix</h2>');
    expect(html).toContain('<h2 id="unnumbered">Unnumbered</h2>');
    expect(html).toContain('<h2 id="the-set-a">The set {a}</h2>');
  });

  test("an id that reads like a script's global gets the raw ids' prefix; links in the post follow it", async () => {
    const { html, problems } = await render('\n## Scheduling {#setImmediate}\n\n[scheduling](#setImmediate)\n');
    expect(problems).toEqual([]);
    expect(html).toContain('<h2 id="user-content-setImmediate">Scheduling</h2>');
    expect(html).toContain('<a href="#user-content-setImmediate">scheduling</a>');
  });
});
