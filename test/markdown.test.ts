import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import { h } from 'hastscript';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, test } from 'vitest';
import { EMAIL_AUTOLINK, TABLE, unusedConstructs, withoutConstructs } from '../plugins/markdown/unused-constructs.ts';
import { CODE_THEMES, codeThemeCss } from '../plugins/markdown/code-classes.ts';
import { EXIT, SKIP, eachElement, eachNode } from '../plugins/markdown/walk.ts';
import { readPosts } from '../plugins/posts/read.ts';
import { formatProblem } from '../plugins/problems.ts';
import { random } from '../scripts/synthetic-posts.mjs';
import { PNG, render, tempFolder } from './render-post.ts';
import { root } from './site-build.ts';

describe('figures', () => {
  test('an image alone in its paragraph is a numbered figure captioned by its title, else its alt', async () => {
    const { html, problems } = await render(
      '\n![A chart](./a.png "Latency by batch size")\n\nText with ![inline](./a.png) image.\n\n![Throughput](./a.png)\n',
      { 'a.png': PNG },
    );
    expect(problems).toEqual([]);
    expect(html).toMatch(
      /<figure id="figure-1"><img src="\/assets\/a-[0-9a-f]{8}\.png" alt="A chart" decoding="async" width="3" height="2"\/><figcaption>Figure 1: Latency by batch size<\/figcaption><\/figure>/,
    );
    expect(html).toMatch(/<p>Text with <img [^>]*alt="inline"[^>]*loading="lazy"[^>]*\/> image.<\/p>/);
    expect(html).toContain('<figcaption>Figure 2: Throughput</figcaption>');
  });

  test('{#id} at the end of the title sets the id, and links to figures are checked', async () => {
    const { html, problems } = await render(
      '\n![A](./a.png "Memory {#memory}")\n\nSee [it](#memory), [the second](#figure-2) and [a missing one](#figure-9).\n\n![B](./a.png)\n',
      { 'a.png': PNG },
    );
    expect(html).toContain('<figure id="memory">');
    expect(html).toContain('<figcaption>Figure 1: Memory</figcaption>');
    expect(html).toContain('<figure id="figure-2">');
    expect(problems).toEqual(['post:8 broken link: no heading or anchor "figure-9" in this post']);
  });

  test('a figure id that is not a name, or that another element has, is a problem with its line', async () => {
    const { problems } = await render('\n## Figure 1\n\n![A](./a.png)\n\n![B](./a.png "B {#1st}")\n', {
      'a.png': PNG,
    });
    expect(problems).toEqual([
      'post:8 figure id "figure-1" is already the id of another element; set one with {#another-id}',
      'post:10 figure id {#1st} must start with a letter and hold only letters, digits, - and _',
    ]);
  });
});

describe('images', () => {
  test('an image without alt text fails the build with its line', async () => {
    const { problems } = await render('\nText.\n\n![](./a.png)\n', { 'a.png': PNG });
    expect(problems).toEqual([
      'post:8 the image ./a.png has no alt text; say what it shows: ![what it shows](./a.png)',
    ]);
  });
});

describe('tables', () => {
  test('scroll in a focusable region of their own, with alignment as classes', async () => {
    const { html } = await render('\n| a | b |\n| :-: | --: |\n| 1 | 2 |\n');
    expect(html).toMatch(
      /^<div class="table-scroll" role="region" aria-label="Table 1" tabindex="0"><table><thead><tr><th class="align-center">a<\/th><th class="align-right">b<\/th>/,
    );
    expect(html).not.toContain('style=');
  });
});

describe('the table of contents', () => {
  const sections = '\n## One\n\nText.\n\n### One and a half\n\nText.\n\n## Two\n\nText.\n\n## Three `code`\n\nText.\n';

  test('lists the section headings of a post that has three or more', async () => {
    const dir = await tempFolder('blog-toc-');
    await writeFile(path.join(dir, 'long.md'), `---\ntitle: Long\ndate: 2024-01-02\n---\n${sections}`);
    await writeFile(path.join(dir, 'off.md'), `---\ntitle: Off\ndate: 2024-01-03\ntoc: false\n---\n${sections}`);
    await writeFile(path.join(dir, 'short.md'), '---\ntitle: Short\ndate: 2024-01-01\n---\n\n## One\n\n## Two\n');
    const { posts } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    const toc = new Map(posts.map((post) => [post.slug, post.toc]));
    expect(toc.get('long')).toEqual([
      { id: 'one', text: 'One', depth: 2 },
      { id: 'one-and-a-half', text: 'One and a half', depth: 3 },
      { id: 'two', text: 'Two', depth: 2 },
      { id: 'three-code', text: 'Three code', depth: 2 },
    ]);
    expect(toc.get('off')).toBeUndefined();
    expect(toc.get('short')).toBeUndefined();
  });
});

describe('code', () => {
  test('is highlighted at build time with classes, a title, the language and marked lines', async () => {
    const { html, problems } = await render(
      '\n```py title="train.py" {2}\nimport torch\nx = torch.ones(3)  # marked\nprint(x)\n```\n',
    );
    expect(problems).toEqual([]);
    expect(html).toMatch(
      /^<div class="code-block"><div class="code-header"><span class="code-title">train.py<\/span><span class="code-language">Python<\/span><\/div><pre class="shiki" tabindex="0"><code>/,
    );
    expect(html).toContain('<span class="line highlighted">');
    expect(html.match(/class="line"/g)).toHaveLength(2);
    expect(html).toMatch(/<span class="shl-[0-9a-f]{6} shd-[0-9a-f]{6}">import<\/span>/);
    expect(html).not.toContain('style=');
  });

  test('in an unknown language is plain text, with a warning naming its line', async () => {
    const dir = await tempFolder('blog-code-');
    await writeFile(path.join(dir, 'a.md'), '---\ntitle: A\ndate: 2024-01-01\n---\n\n```klingon\nQapla!\n```\n');
    const { posts, warnings } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(warnings.map((warning) => formatProblem({ ...warning, file: 'a.md' }))).toEqual([
      'a.md:6 unknown language "klingon" in a code block: shown as plain text (see https://shiki.style/languages)',
    ]);
    expect(posts[0]?.html).toContain(
      '<pre class="shiki" tabindex="0"><code><span class="line"><span>Qapla!</span></span>',
    );
  });

  test('```text (and txt, plaintext) is plain text, without a warning or a language label', async () => {
    const dir = await tempFolder('blog-code-');
    const fences = ['text', 'txt', 'plaintext'].map((lang) => `\`\`\`${lang}\nloss 0.31\n\`\`\`\n`).join('\n');
    await writeFile(path.join(dir, 'a.md'), `---\ntitle: A\ndate: 2024-01-01\n---\n\n${fences}`);
    const { posts, warnings } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(warnings).toEqual([]);
    expect(
      posts[0]?.html.match(/<pre class="shiki" tabindex="0"><code><span class="line"><span>loss 0.31/g),
    ).toHaveLength(3);
    expect(posts[0]?.html).not.toContain('code-language');
  });

  test('every class a token gets has a rule in the stylesheet generated from the themes', async () => {
    const { bundledThemes } = await import('shiki');
    const [light, dark] = await Promise.all([bundledThemes[CODE_THEMES.light](), bundledThemes[CODE_THEMES.dark]()]);
    const css = codeThemeCss(light.default, dark.default);
    const languages = ['python', 'ts', 'bash', 'cpp', 'json', 'yaml', 'rust', 'go', 'diff', 'sql'];
    const body = languages.map((lang) => `\n\`\`\`${lang}\n${SAMPLES}\n\`\`\`\n`).join('');
    const { html } = await render(body);
    const used = new Set([...html.matchAll(/\bsh[ld]-[a-z0-9]+/g)].map((match) => match[0]));
    expect(used.size).toBeGreaterThan(10);
    expect([...used].filter((name) => !css.includes(`.${name} {`))).toEqual([]);
  });

  test('every token colour reads at 4.5:1 or better, on a marked line too', async () => {
    const { bundledThemes } = await import('shiki');
    const [light, dark] = await Promise.all([bundledThemes[CODE_THEMES.light](), bundledThemes[CODE_THEMES.dark]()]);
    const css = codeThemeCss(light.default, dark.default);
    const pairs = (pattern: RegExp) => [...css.matchAll(pattern)].map((m) => [m[1]!, m[2]!] as const);
    const [block, marked] = pairs(/background: light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/g);
    const [foreground] = pairs(/[{;] color: light-dark\((#[0-9a-f]{6}), (#[0-9a-f]{6})\)/g);
    for (const [scheme, index, variable] of [
      ['light', 0, '--shl'],
      ['dark', 1, '--shd'],
    ] as const) {
      const backgrounds = [block![index], marked![index]];
      const colours = [
        foreground![index],
        ...[...css.matchAll(new RegExp(`${variable}: (#[0-9a-f]{6})`, 'g'))].map((m) => m[1]!),
      ];
      expect(colours.length, scheme).toBeGreaterThan(5);
      for (const colour of colours) {
        for (const background of backgrounds) {
          expect(contrastRatio(colour, background), `${scheme} ${colour} on ${background}`).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
    // github-light's orange, 3.3:1 on white as the theme has it, is darkened.
    expect(css).toContain('.shl-e36209 {');
    expect(css).not.toContain('.shl-e36209 { --shl: #e36209; }');
  });
});

/** WCAG 2's contrast ratio of two #rrggbb colours, written out here to check the generator's. */
function contrastRatio(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high! + 0.05) / (low! + 0.05);
}

const SAMPLES = `// comment
# comment
import os, sys  /* block */ <tag attr="v">
def f(x: int) -> str: return f"{x!r}" if x else 'no'  # note
const y = await fetch(\`/api/\${id}\`, { method: "POST" }); let z = 0x1F + 1e3;
fn main() { let v: Vec<u8> = vec![1, 2]; println!("{}", v.len()); }
SELECT a, COUNT(*) FROM t WHERE b = 'c' GROUP BY a;
+ added line
- removed line
key: value
echo "$HOME" | grep -E '^x' && exit 1`;

describe('charts', () => {
  const CSV = 'batch,p50,p99\n1,41,60\n8,44,71\n64,60,98\n';
  const chart = (spec: string) => `\n![A](./a.png)\n\n\`\`\`chart\n${spec}\n\`\`\`\n`;

  test('a line chart from a CSV file is a numbered figure: an SVG, the data as a table, a download link', async () => {
    const { html, problems } = await render(
      chart('data: ./latency.csv\nx: batch\ny: p50\ntitle: Latency by batch size\ny-label: ms'),
      { 'a.png': PNG, 'latency.csv': CSV },
    );
    expect(problems).toEqual([]);
    expect(html).toContain(
      '<figure class="chart-figure" id="figure-2"><svg class="chart" viewBox="0 0 640 360" role="img" aria-labelledby="chart-1-title"><title id="chart-1-title">Latency by batch size</title>',
    );
    expect(html).toMatch(
      /<g class="chart-series-1"><path class="chart-line" d="M[\d.,LM]+"><\/path>(<circle class="chart-point" [^>]+><\/circle>){3}<\/g>/,
    );
    expect(html).toContain(
      '<text class="chart-label" transform="translate(16 160) rotate(-90)" text-anchor="middle">ms</text>',
    );
    expect(html).toContain(
      '<details><summary>The data</summary><div class="table-scroll" role="region" aria-label="Table 1" tabindex="0"><table><thead><tr><th>batch</th><th>p50</th></tr></thead><tbody><tr><td>1</td><td>41</td></tr>',
    );
    expect(html).toMatch(/<a href="\/assets\/latency-[0-9a-f]{8}\.csv" download="">Download latency.csv<\/a>/);
    expect(html).toContain('<figcaption>Figure 2: Latency by batch size</figcaption></figure>');
    expect(html).not.toContain('style=');
  });

  test("a chart's title, labels and column names stay text in the SVG, the table and the caption", async () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const { html, problems } = await render(
      chart(`data: ./latency.csv\nx: batch\ny: ["a<b"]\ntitle: '${hostile}'\nx-label: '</text><script>x</script>'`),
      { 'a.png': PNG, 'latency.csv': 'batch,a<b\n1,2\n2,3\n' },
    );
    expect(problems).toEqual([]);
    expect(html).not.toMatch(/<img src=x|<script/);
    expect(html).toContain('<title id="chart-1-title">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</title>');
    expect(html).toContain('<th>a&lt;b</th>');
    expect(html).toContain('&lt;/text&gt;&lt;script&gt;x&lt;/script&gt;</text>');
  });

  test('a bar chart of several series from JSON has a bar per value and a legend', async () => {
    const json = JSON.stringify([
      { chip: 'v4-8', p50: 41, p99: 60 },
      { chip: 'A100', p50: 52, p99: 80 },
    ]);
    const { html, problems } = await render(chart('data: ./chips.json\nx: chip\ny: [p50, p99]\ntype: bar'), {
      'a.png': PNG,
      'chips.json': json,
    });
    expect(problems).toEqual([]);
    expect(html.match(/<rect class="chart-bar"/g)).toHaveLength(4);
    expect(html).toContain('<g class="chart-legend">');
    expect(html).toContain('>p99</text>');
    expect(html).toContain('<figcaption>Figure 2: p50, p99 by chip</figcaption>');
  });

  test.each([
    [
      'data: ./nope.csv\nx: batch\ny: p50',
      "chart: data file ./nope.csv not found (paths are relative to the post's file)",
    ],
    [
      'data: ./latency.csv\nx: batch\ny: p90',
      'chart: ./latency.csv has no column "p90"; its columns are batch, p50, p99',
    ],
    ['data: ./bad.csv\nx: batch\ny: p50', 'chart: ./bad.csv line 3: "n/a" in column "p50" is not a number'],
    ['data: ./empty.csv\nx: batch\ny: p50', 'chart: ./empty.csv has no rows of data'],
    [
      'data: ./latency.csv\nx: batch\ny: p50\ncolour: red',
      'chart: colour: unknown field; allowed: data, x, y, type, title, x-label, y-label',
    ],
    ['data: ./latency.csv\nx: batch\ny: p50\ntype: pie', 'chart: type: Invalid option: expected one of "line"|"bar"'],
  ])('%j fails the build naming the problem', async (spec, message) => {
    const { problems } = await render(chart(spec), {
      'a.png': PNG,
      'latency.csv': CSV,
      'bad.csv': 'batch,p50\n1,41\n8,n/a\n',
      'empty.csv': 'batch,p50\n',
    });
    expect(problems).toEqual([`post:8 ${message}`]);
  });
});

const REFS = `@inproceedings{vaswani2017,
  title = {Attention Is All You Need},
  author = {Vaswani, Ashish and Shazeer, Noam},
  booktitle = {Advances in Neural Information Processing Systems},
  year = {2017},
  url = {https://arxiv.org/abs/1706.03762}
}

@article{touvron2023,
  title = {{LLaMA}: Open and Efficient Foundation Language Models},
  author = {Touvron, Hugo and Lavril, Thibaut},
  journal = {arXiv preprint},
  year = {2023},
  doi = {10.48550/arXiv.2302.13971}
}

@misc{unused, title = {Never cited}, year = {2020}}
`;

describe('citations', () => {
  const bibliography = 'bibliography: ./refs.bib\n';

  test('[@key] and [@a; @b] are numbered links, in first-citation order, to a References section', async () => {
    const { html, problems, warnings, excerpt } = await render(
      '\nLLaMA [@touvron2023] builds on transformers [@vaswani2017; @touvron2023, p. 3].\n\nAgain [@vaswani2017]. Not in code: `[@vaswani2017]`.\n',
      { 'refs.bib': REFS },
      bibliography,
    );
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(excerpt).toBe('LLaMA builds on transformers.');
    const link = (key: string, n: number) => `<a href="#ref-${key}" role="doc-biblioref">${n}</a>`;
    expect(html).toContain(`LLaMA <span class="citation">[${link('touvron2023', 1)}]</span> builds`);
    expect(html).toContain(
      `<span class="citation">[${link('vaswani2017', 2)}; ${link('touvron2023', 1)}, p. 3]</span>.`,
    );
    expect(html).toContain(`Again <span class="citation">[${link('vaswani2017', 2)}]</span>.`);
    expect(html).toContain('<code>[@vaswani2017]</code>');
    const section = html.slice(html.indexOf('<section id="references"'));
    expect(section).toMatch(
      /^<section id="references" class="references" aria-label="References"><h2>References<\/h2><ol class="references">/,
    );
    const entries = [...section.matchAll(/<li id="ref-([^"]+)">(.*?)<\/li>/g)].map((m) => [m[1], m[2]]);
    expect(entries).toEqual([
      [
        'touvron2023',
        'Touvron, H. and Lavril, T. (2023) “LLaMA: Open and Efficient Foundation Language Models,” <i>arXiv preprint</i> [Preprint]. Available at: <a href="https://doi.org/10.48550/arXiv.2302.13971">https://doi.org/10.48550/arXiv.2302.13971</a>.',
      ],
      [
        'vaswani2017',
        'Vaswani, A. and Shazeer, N. (2017) “Attention Is All You Need,” <i>Advances in Neural Information Processing Systems</i>. Available at: <a href="https://arxiv.org/abs/1706.03762">https://arxiv.org/abs/1706.03762</a>.',
      ],
    ]);
  });

  test('an unknown key fails with its line; the known ones still link', async () => {
    const { problems } = await render(
      '\nFine [@vaswani2017].\n\nTypo [@vaswani2071] and [@nobody; @touvron2023].\n',
      { 'refs.bib': REFS },
      bibliography,
    );
    expect(problems).toEqual([
      'post:9 citation @vaswani2071 is not in ./refs.bib',
      'post:9 citation @nobody is not in ./refs.bib',
    ]);
  });

  test('a missing or broken BibTeX file and a key defined twice are problems naming the file', async () => {
    const missing = await render('\nSee [@a].\n', {}, bibliography);
    expect(missing.problems).toEqual([
      "post bibliography: ./refs.bib not found (paths are relative to the post's file)",
    ]);
    const broken = await render('\nSee [@a].\n', { 'refs.bib': '@misc{a,\n  title = {Unclosed\n' }, bibliography);
    expect(broken.problems).toEqual([
      'post bibliography: ./refs.bib is not valid BibTeX: expected "text", got EOF at line 3 col 1:',
    ]);
    const twice = await render(
      '\nSee [@a].\n',
      { 'refs.bib': '@misc{a, title={One}}\n\n@misc{a, title={Two}}\n' },
      bibliography,
    );
    expect(twice.problems).toEqual(['post bibliography: ./refs.bib line 3 defines @a a second time']);
  });

  test('without a bibliography, [@key] stays as written, with a warning', async () => {
    const { html, problems, warnings } = await render('\nAsk [@someone] about it.\n');
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'post:6 [@someone] looks like a citation, but the post names no bibliography file in its front matter (bibliography: ./refs.bib)',
    ]);
    expect(html).toContain('<p>Ask [@someone] about it.</p>');
  });

  test("the references go under the author's own References heading, before the footnotes", async () => {
    const { html, problems } = await render(
      '\nText [@vaswani2017] and a note.[^1]\n\n## References\n\n[^1]: The note.\n',
      { 'refs.bib': REFS },
      bibliography,
    );
    expect(problems).toEqual([]);
    expect(html).toMatch(
      /<h2 id="references">References<\/h2><a[^>]*>#<\/a><\/div>\s*<ol class="references"><li id="ref-vaswani2017">.*<\/ol><section data-footnotes/s,
    );
  });

  test('a .bib entry passes the sanitiser like the post', async () => {
    const { html, warnings, problems } = await render(
      '\nSee [@x].\n',
      { 'refs.bib': '@book{x, title={<script>alert(1)</script> in \\emph{Emphasised}}, url={javascript:alert(1)}}' },
      bibliography,
    );
    expect(problems).toEqual([]);
    expect(warnings).toEqual([
      'post bibliography: ./refs.bib @x: the url "javascript:alert(1)" is not a web address (http or https) and was left out',
    ]);
    const entry = html.match(/<li id="ref-x">(.*?)<\/li>/)?.[1];
    // The title's markup is text; \emph inside the italic title is upright, by a class.
    expect(entry).toMatch(
      /^<i>&lt;script&gt;alert\(1\)&lt;\/script&gt; in <span class="csl-upright">Emphasised<\/span><\/i>/,
    );
    expect(html).not.toMatch(/<script|href="javascript:/);
  });
});

describe('heading anchors', () => {
  test('each section heading has a link to itself beside it, named for the section', async () => {
    const { html, problems } = await render('\n## Results: *p50* latency\n\nText.\n\n### Über alles\n');
    expect(problems).toEqual([]);
    expect(html).toContain(
      '<div class="heading"><h2 id="results-p50-latency">Results: <em>p50</em> latency</h2><a class="heading-anchor" href="#results-p50-latency" aria-label="Link to this section: Results: p50 latency">#</a></div>',
    );
    expect(html).toContain('<h3 id="über-alles">Über alles</h3><a class="heading-anchor" href="#%C3%BCber-alles"');
  });

  test("a heading never takes an id of the app's own (the search field, the theme menu, the newsletter box)", async () => {
    const { html } = await render('\n## Main\n\n## Site search\n\n## Theme menu\n\n## Newsletter\n\n## Intro\n');
    const ids = [...html.matchAll(/<h2 id="([^"]+)"/g)].map((match) => match[1]);
    expect(ids).toEqual(['main-section', 'site-search-section', 'theme-menu-section', 'newsletter-section', 'intro']);
  });
});

describe('constructs a post cannot use are left out of its parse (unused-constructs.ts)', () => {
  test('web addresses are links in every post, email addresses in posts that have one; tables are tables', async () => {
    const { html } = await render('\nSee www.example.org, https://example.com/a?b=1 and [a link](https://x.org).\n');
    expect(html).toContain('<a href="http://www.example.org">www.example.org</a>');
    expect(html).toContain('<a href="https://example.com/a?b=1">https://example.com/a?b=1</a>');
    const withEmail = await render('\nWrite to someone@example.org or see www.example.org.\n');
    expect(withEmail.html).toContain('<a href="mailto:someone@example.org">someone@example.org</a>');
    expect(withEmail.html).toContain('<a href="http://www.example.org">www.example.org</a>');
    for (const table of ['| a | b |\n| - | - |\n| 1 | 2 |', 'a\n-:', '> a | b\n> --|--']) {
      expect((await render(`\n${table}\n`)).html, table).toContain('<table');
    }
  });

  const parse = (source: string, omit: string[]) => {
    const processor = unified().use(remarkParse).use(remarkGfm);
    if (omit.length > 0) processor.use(withoutConstructs, omit);
    return JSON.stringify(processor.parse(source));
  };
  /** Sources made of `pieces` at random, seeded: the same every run. */
  const sources = (seed: number, pieces: string[], count: number) => {
    const next = random(seed);
    return Array.from({ length: count }, () =>
      Array.from({ length: 2 + Math.floor(next() * 14) }, () => pieces[Math.floor(next() * pieces.length)]!).join(''),
    );
  };

  test('a source without an @ parses the same without the email construct', () => {
    // The construct is still named as unused-constructs.ts expects: without it, the email is text.
    expect(parse('a x@y.org', [EMAIL_AUTOLINK])).not.toEqual(parse('a x@y.org', []));
    expect(unusedConstructs('a x@y.org')).not.toContain(EMAIL_AUTOLINK);
    // Links, labels, brackets and web addresses mixed at random.
    const pieces = [
      '[',
      ']',
      '(',
      ')',
      '![',
      '](x)',
      'a',
      'b c',
      ' ',
      '\n',
      '\n\n',
      '`',
      '*',
      '_',
      '~',
      '<',
      '>',
      '\\',
    ];
    const addresses = [
      'https://x.io',
      'www.y.org',
      'http://z',
      'Www.Q.com',
      'x.org/',
      'mailto:',
      'a+b.c',
      '[^1]',
      '> ',
      '- ',
    ];
    for (const source of sources(20_261_127, [...pieces, ...pieces, ...addresses], 2000)) {
      expect(unusedConstructs(source)).toContain(EMAIL_AUTOLINK);
      expect(parse(source, [EMAIL_AUTOLINK]), source).toEqual(parse(source, []));
    }
  });

  test('a source without a line that could be a delimiter row parses the same without the table construct', () => {
    expect(parse('a | b\n--|--', [TABLE])).not.toEqual(parse('a | b\n--|--', []));
    expect(unusedConstructs('---\ntitle: T\n---\n\nText\n---\n* * *\n')).toContain(TABLE);
    // Rows, delimiters, rules, headings' underlines, quotes and lists mixed at random.
    const pieces = ['a', 'b c', ' ', '  ', '    ', '\t', '-', '--', '---', ':', ':-', '-:', ':-:', '|', '| ', ' |'];
    const blocks = ['\n', '\n', '\n\n', '> ', '- ', '* ', '1. ', '`', '```', '\\', '#', '=', '[^1]: ', '$$', '\r\n'];
    let checked = 0;
    for (const source of sources(20_261_128, [...pieces, ...blocks], 6000)) {
      if (!unusedConstructs(source).includes(TABLE)) continue;
      checked++;
      expect(parse(source, [TABLE]), source).toEqual(parse(source, []));
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe('tree walks (walk.ts, which the plugins use)', () => {
  const tree = () => h(null, [h('section', [h('h2', 'A'), h('p', ['x', h('em', 'y')])]), h('p', 'z')]);

  test('elements in document order, each with its index and parent; SKIP leaves out what is inside', () => {
    const seen: string[] = [];
    eachElement(tree(), (node, index, parent) => {
      seen.push(`${node.tagName}@${index} in ${parent.type === 'element' ? parent.tagName : 'root'}`);
      return node.tagName === 'p' ? SKIP : undefined;
    });
    expect(seen).toEqual(['section@0 in root', 'h2@0 in section', 'p@1 in section', 'p@1 in root']);
  });

  test('EXIT stops the walk; a node replaced by its visitor is walked into as it was', () => {
    const texts: string[] = [];
    eachNode(tree(), (node) => {
      if (node.type === 'text') texts.push(node.value);
      return node.type === 'text' && node.value === 'y' ? EXIT : undefined;
    });
    expect(texts).toEqual(['A', 'x', 'y']);

    const root = tree();
    const visited: string[] = [];
    eachElement(root, (node, index, parent) => {
      visited.push(node.tagName);
      if (node.tagName === 'section') parent.children[index] = h('div', 'replaced');
    });
    expect(visited).toEqual(['section', 'h2', 'p', 'em', 'p']);
    expect(root.children[0]).toMatchObject({ tagName: 'div' });
  });
});
