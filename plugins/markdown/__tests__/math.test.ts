import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { readPosts } from '../../posts/read.ts';
import { render, tempFolder } from '../../../test/render-post.ts';
import { root } from '../../../test/site-build.ts';

describe('math errors', () => {
  test('every one has its line: inline, display on its own lines, and a math block', async () => {
    const { problems } = await render(
      '\nA sum $\\frac{a$ here.\n\n$$\n\\sum_{i}\n\\frac{b\n$$\n\n```math\n\\nope\n```\n\n$$x \\alsonope$$\n',
    );
    expect(problems.map((problem) => /^post:(\d+) math: /.exec(problem)?.[1])).toEqual(['6', '8', '13', '17']);
  });

  test('a $$ whose closing $$ is missing is named as such, once', async () => {
    const { problems } = await render('\nFirst:\n\n$$\na = b\n\nThen $x$ is text.\n\n$$\nc = d\n$$\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^post:8 math: .*is its closing \$\$ missing\?/);
  });
});

describe('math is drawn as MathML Core, which every browser draws alike', () => {
  test('styled letters are Unicode mathematical letters, not mathvariant', async () => {
    const { html, problems } = await render(
      '\n$\\mathbb{E}[\\mathcal{L}] + \\mathbf{x} + \\boldsymbol{\\theta} + \\mathfrak{g} + \\mathbb{R}^n + \\mathrm{d}x$\n',
    );
    expect(problems).toEqual([]);
    for (const letter of ['𝔼', 'ℒ', '𝐱', '𝜽', '𝔤', 'ℝ']) expect(html).toContain(letter);
    expect(html).not.toMatch(/mathvariant="(?!normal")/);
  });

  test('aligned columns are aligned by class, and no element has a style attribute', async () => {
    const dir = await tempFolder('blog-math-styles-');
    await writeFile(
      path.join(dir, 'a.md'),
      '---\ntitle: A\ndate: 2024-01-01\n---\n\n$$\n\\begin{aligned}\na &= b + c \\\\\n\\textcolor{red}{d} &= e\n\\end{aligned}\n$$\n\n' +
        '$$\n\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}\n$$\n',
    );
    const { posts, problems, mathStyles } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(problems).toEqual([]);
    const html = posts[0]?.html ?? '';
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toContain('<mtd class="tml-right');
    expect(html).toContain('<mtd class="tml-left');
    expect(html).toMatch(/<mi mathcolor="#ff0000">d<\/mi>|mathcolor="#ff0000"/);
    // Each class a cell got for its padding has its rule, for the site's stylesheet.
    const used = [...html.matchAll(/\b(m-[0-9a-f]{8})\b/g)].map((match) => match[1]!);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(mathStyles[name]).toMatch(/^padding/);
  });

  test('TeX that MathJax reads, and Jekyll and Hugo posts were written for, is drawn as MathJax draws it', async () => {
    const { html, problems } = await render(
      '\n$n=\\alpha \\times \\text{sentence_length}$, $t_B = t_\\max - t_A$, $Q^\\vec{\\mu}_i$, ' +
        '$\\text{KL} \\text{ & } p$ and $F\\big(\\mathbf{x})$.\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('sentence_length');
    expect(html).toContain('<mi>max</mi>');
  });

  test('a {#eq-label} after a display formula is its id, which links in and across posts reach', async () => {
    const dir = await tempFolder('blog-math-labels-');
    await mkdir(path.join(dir, 'a'));
    await writeFile(
      path.join(dir, 'a/index.md'),
      '---\ntitle: A\ndate: 2024-01-02\n---\n\n$$\nL = \\sum_i \\ell_i\n$$ {#eq-loss}\n\nSee [the loss](#eq-loss).\n',
    );
    await writeFile(
      path.join(dir, 'b.md'),
      '---\ntitle: B\ndate: 2024-01-01\n---\n\n[their loss](/posts/a/#eq-loss)\n',
    );
    const { posts, problems } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(problems).toEqual([]);
    expect(posts[0]?.html).toContain('<div class="math-display" id="eq-loss">');
    expect(posts[0]?.html).toContain('<a href="#eq-loss">the loss</a>');
  });
});

describe('display math over lines', () => {
  test('\\\\ outside any environment starts a new line, as MathJax and KaTeX show it', async () => {
    const { html, problems } = await render(
      '\n$$v_t = \\gamma v_{t-1} + g_t \\\\\n\\theta = \\theta - v_t$$\n\n$$\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}$$\n',
    );
    expect(problems).toEqual([]);
    const tables = [...html.matchAll(/<mtable\b/g)];
    expect(tables).toHaveLength(2);
    expect(html.match(/<mtr>/g)).toHaveLength(4);
  });
});
