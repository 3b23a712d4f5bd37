import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';

describe('addresses on other sites', () => {
  test('//host/… is another site (the page’s own scheme), not a file of this one', async () => {
    const { html, problems, warnings } = await render(
      '\n[a shop](//shop.example.org/item?id=1) and ![a badge](//img.example.org/badge.png)\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<a href="//shop.example.org/item?id=1">a shop</a>');
    expect(warnings).toEqual([
      'post:6 the image //img.example.org/badge.png is on another site, which the Content-Security-Policy blocks; save it beside the post',
    ]);
  });
});
