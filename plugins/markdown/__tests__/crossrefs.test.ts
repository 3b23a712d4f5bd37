import { describe, expect, test } from 'vitest';
import { PNG, render } from '../../../test/render-post.ts';

describe("Quarto's cross-references: @fig-, @eq- and @sec- labels", () => {
  test('each reads as what it names, with its number, and links to it', async () => {
    const { html, problems } = await render(
      [
        'As @fig-latency shows, and @eq-loss says, see @sec-results.',
        '',
        '![The first](./a.png)',
        '',
        '![Latency by batch size](./a.png "Latency by batch size {#fig-latency}")',
        '',
        '$$',
        'L = \\sum_i \\ell_i',
        '$$ {#eq-loss}',
        '',
        '## Results {#sec-results}',
        '',
        'Mail me@fig-tree.example; `@fig-latency` in code stays.',
      ].join('\n'),
      { 'a.png': PNG },
    );
    expect(problems).toEqual([]);
    const links = [...html.matchAll(/<a href="(#[^"]+)">([^<]+)<\/a>/g)].map((match) => `${match[2]} → ${match[1]}`);
    // The first figure has no label; the labelled one is still numbered among all figures.
    expect(links.slice(0, 3)).toEqual([
      'Figure 2 → #fig-latency',
      'Equation 1 → #eq-loss',
      'Section “Results” → #sec-results',
    ]);
    // The formula shows its number, as Quarto shows it.
    expect(html).toMatch(/<div class="math-display" id="eq-loss">.*<mtext class="tml-tag">\(1\)<\/mtext>/s);
    expect(html).toContain('me@fig-tree.example');
    expect(html).toContain('<code>@fig-latency</code>');
  });

  test('a reference to nothing in the post is a problem at its line', async () => {
    const { problems } = await render('Intro.\n\nSee @fig-lost, @eq-gone and @sec-none.\n');
    expect(problems).toEqual([
      'post:7 @fig-lost refers to no figure of this post; label one with {#fig-lost} on an image (or #| label: fig-lost in a notebook)',
      'post:7 @eq-gone refers to no formula of this post; label one with {#eq-gone} after a $$ formula',
      'post:7 @sec-none refers to no section of this post; label one with {#sec-none} after a heading',
    ]);
  });
});
