import { describe, expect, test } from 'vitest';
import { render } from '../../../test/render-post.ts';

/** The formulas of a rendering, as the text of their MathML. */
function formulas(html: string): string[] {
  return [...html.matchAll(/<math\b[^>]*>(.*?)<\/math>/gs)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&gt;/g, '>')
      .replace(/&lt;/g, '<')
      .replace(/&amp;/g, '&'),
  );
}

/** Whether each formula is display math. */
function displays(html: string): boolean[] {
  return [...html.matchAll(/<math\b([^>]*)>/g)].map((m) => m[1]!.includes('display="block"'));
}

describe('dollars are read as pandoc reads them', () => {
  test.each([
    'A v4-8 costs $12.88 an hour, and a v5e costs $1.20 per chip-hour.',
    'Budgets run from $5 to $10 million, or $5-$10 million at most.',
    'Put the wheel in $HOME and add it to $PATH before you start.',
    'Write \\$x\\$ to show dollars around a letter.',
    'It cost $20,000 in 2023 and $30,000 in 2024.',
    'Spaces after the opening dollar mean money: $ 5 and $ 6.',
    'A dollar before a digit never closes: $x$5 stays text.',
  ])('prose with dollars stays text: %s', async (sentence) => {
    const { html, problems, post } = await render(`\n${sentence}\n`);
    expect(problems).toEqual([]);
    expect(html).not.toContain('<math');
    expect(post?.excerpt).toBe(sentence.replace(/\\\$/g, '$'));
  });

  test('math opens before a non-space and closes after one, not before a digit', async () => {
    const { html, problems } = await render(
      "\nThe loss $L$ falls as $n^{-\\alpha}$, for $\\alpha > 0$; $\\$5$ is TeX's dollar, and $a +\nb$ spans a line.\n",
    );
    expect(problems).toEqual([]);
    expect(formulas(html)).toEqual(['L', 'n−α', 'α>0', '$5', 'a+b']);
  });

  test('$$…$$ inside a line is inline math; alone in its paragraph or on lines of its own, display math', async () => {
    const { html, problems } = await render(
      '\nwhere $$\\sigma$$ sets the step.\n\n$$ E = mc^2 $$\n\n$$\n\\sum_i x_i\n$$\n',
    );
    expect(problems).toEqual([]);
    expect(formulas(html)).toEqual(['σ', 'E=mc2', '∑ixi']);
    expect(displays(html)).toEqual([false, true, true]);
  });
});

describe('display math ends at the next $$, wherever it is', () => {
  test('started on the line of its opening $$ and ended on the line of its last row', async () => {
    const { html, problems } = await render(
      '\nMomentum:\n\n$$v_t = \\gamma v_{t-1} + g_t \\\\\n\\theta = \\theta - v_t$$\n\nand so on.\n',
    );
    expect(problems).toEqual([]);
    expect(formulas(html)).toEqual(['vt=γvt−1+gtθ=θ−vt']);
    expect(displays(html)).toEqual([true]);
    expect(html).toContain('<p>and so on.</p>');
  });

  test('text after the closing $$ is a paragraph of its own; a list item can hold display math', async () => {
    const { html, problems } = await render(
      '\nEstimate the mean:\n\n$$\n\\mu = \\frac{1}{n}\\sum_i x_i\n$$<br/>\nthen repeat.\n\n- $$\n  a = b\n\n  c = d\n  $$\n',
    );
    expect(problems).toEqual([]);
    expect(formulas(html)).toEqual(['μ=1n∑ixi', 'a=bc=d']);
    expect(displays(html)).toEqual([true, true]);
    expect(html).toContain('<p><br/></p>\n<p>then repeat.</p>');
  });

  test('a stray $$ with no closing $$ of its own is one problem, on its line', async () => {
    const { problems } = await render('\nA stray $$ here.\n\n$$\n\nThen $x$ and\n\n$$\ny = 1\n$$\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^post:8 math: /);
  });

  test('$$…$$ starting a line of text is inline math in that paragraph', async () => {
    const { html } = await render('\n$$\\rho(s)$$ is the state distribution.\n');
    expect(displays(html)).toEqual([false]);
    expect(html).toMatch(/^<p><span class="math-inline"><math>.*<\/math><\/span> is the state distribution\.<\/p>$/s);
  });
});
