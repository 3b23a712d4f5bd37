// @vitest-environment jsdom
// (for DOMParser: each test reads the page as a browser parses it)
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Post } from '../../../src/content.ts';
import { readPosts, type ReadResult } from '../../posts/read.ts';
import { formatProblem } from '../../problems.ts';
import { assetBytes } from '../file-data.ts';
import { PNG, renderNotebook, tempFolder, type TestCell } from '../../../test/render-post.ts';
import { root } from '../../../test/site-build.ts';

const page = (html: string) => new DOMParser().parseFromString(`<main>${html}</main>`, 'text/html');
const texts = (doc: Document, selector: string) =>
  [...doc.querySelectorAll(selector)].map((element) => element.textContent ?? '');

const code = (source: string, outputs: object[] = [], extra: object = {}): TestCell => ({
  cell_type: 'code',
  source,
  execution_count: 1,
  outputs,
  ...extra,
});
const stream = (text: string, name = 'stdout') => ({ output_type: 'stream', name, text });
const display = (data: object, metadata: object = {}) => ({ output_type: 'display_data', data, metadata });
const PNG_BASE64 = PNG.toString('base64');

describe('the fixture notebook (test/fixtures/notebooks/step-times), as the page shows it', () => {
  let read: ReadResult;
  let post: Post;
  let doc: Document;
  beforeAll(async () => {
    read = await readPosts({
      postsDir: path.join(root, 'test/fixtures/notebooks'),
      root,
      base: '/',
      includeDrafts: false,
    });
    post = read.posts.find((candidate) => candidate.slug === 'step-times')!;
    doc = page(post.html);
  });

  test('its front matter comes from its first raw cell', () => {
    expect(read.problems).toEqual([]);
    expect(post.title).toBe('Step times of a small MLP, eager and compiled');
    expect(post.date).toBe('2026-11-30');
    expect(post.tags.map((tag) => tag.slug)).toEqual(['benchmarks', 'notebooks', 'xla']);
    expect(post.excerpt).toMatch(/^A quick measurement before a longer post/);
  });

  test('code cells are highlighted Python titled with their execution count; removed cells are gone', () => {
    expect(texts(doc, '.code-title')).toEqual([
      'In [3]',
      'In [4]',
      'In [5]',
      'In [6]',
      'In [7]',
      'In [8]',
      'In [9]',
      'In [10]',
    ]);
    expect(new Set(texts(doc, '.code-language'))).toEqual(new Set(['Python']));
    expect(doc.querySelectorAll('pre.shiki span[class^="shl-"]').length).toBeGreaterThan(20);
    // `#| include: false` and the remove-cell tag; the option lines themselves are never shown.
    expect(post.html).not.toContain('XLA_FLAGS');
    expect(post.html).not.toContain('old_timer');
    expect(post.html).not.toMatch(/#\| (include|label|fig-cap)/);
  });

  test('streams are output blocks; a progress bar shows its last state', () => {
    const [stdout] = texts(doc, 'pre.cell-output-stdout');
    expect(stdout).toMatch(/^batch {2}1: 41\.2 ms\n[^]*batch 32: 209\.3 ms\n$/);
    const [stderr] = texts(doc, 'pre.cell-output-stderr');
    expect(stderr).toContain('warming up: 100%|##########| 6/6\n');
    expect(stderr).not.toContain('50%');
    expect(stderr).toContain('UserWarning: TF32 is off');
  });

  test('a DataFrame is a table, with the site styling instead of its own', () => {
    const table = doc.querySelector('.cell-output-html table')!;
    expect(texts(doc, '.cell-output-html thead :is(th, td)')).toEqual(['', 'batch', 'cpu_ms', 'xla_ms', 'speedup']);
    expect(table.querySelectorAll('tbody tr')).toHaveLength(6);
    expect(table.closest('.table-scroll')).not.toBeNull();
    expect(doc.querySelector('.cell-output-html style, .cell-output-html [class~="dataframe"]')).toBeNull();
    expect(read.warnings.filter((warning) => /removed/.test(warning.message))).toEqual([]);
  });

  test('the labelled plot is a numbered figure, with its size, in a file of its own; references read its number', () => {
    const figure = doc.querySelector('figure#fig-step-times')!;
    expect(figure.querySelector('figcaption')?.textContent).toBe(
      'Figure 2: Step time against batch size, eager on the CPU and compiled by XLA',
    );
    const image = figure.querySelector('img')!;
    // The notebook saved its size at half the PNG's pixels (a plot for a high-density screen).
    expect([image.getAttribute('width'), image.getAttribute('height')]).toEqual(['480', '300']);
    expect(image.getAttribute('alt')).toMatch(/^Two lines over batch sizes 1 to 32/);
    expect(image.getAttribute('src')).toMatch(/^\/assets\/step-times-cell-7-[0-9a-f]{8}\.png$/);
    const asset = read.assets.find((candidate) => `/${candidate.fileName}` === image.getAttribute('src'))!;
    return assetBytes(asset).then((bytes) => {
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      const links = [...doc.querySelectorAll('a[href="#fig-step-times"]')].map((link) => link.textContent);
      expect(links).toEqual(['Figure 2', 'Figure 2']);
      expect(post.html).not.toContain('@fig-');
    });
  });

  test('an attachment pasted into a markdown cell is an image file too; nothing is base64 in the page', () => {
    const attachment = doc.querySelector('img[alt="Tracing feeds the compiler"]')!;
    expect(attachment.getAttribute('src')).toMatch(/^\/assets\/step-times-pipeline-[0-9a-f]{8}\.png$/);
    expect(post.html).not.toMatch(/data:|base64|iVBOR/);
  });

  test('the hidden-input cell shows its SVG output, its code behind "Show the code"', () => {
    const details = doc.querySelector('details.cell-input')!;
    expect(details.hasAttribute('open')).toBe(false);
    expect(details.querySelector('summary')?.textContent).toBe('Show the code');
    expect(details.querySelector('.code-title')?.textContent).toBe('In [6]');
    const svg = details.nextElementSibling?.querySelector('img');
    expect(svg?.getAttribute('src')).toMatch(/^\/assets\/step-times-cell-8-[0-9a-f]{8}\.svg$/);
    expect(doc.querySelector('.prose svg, main > svg')).toBeNull();
  });

  test('math in markdown cells and a LaTeX output are MathML', () => {
    expect(doc.querySelectorAll('.math-display math')).toHaveLength(1);
    expect(texts(doc, '.math-inline math')).toEqual(['tsample', 'ts']);
  });

  test('the traceback keeps its colours as classes, and no escape code', () => {
    const error = doc.querySelector('pre.cell-output-error')!;
    expect(error.textContent).toContain('RuntimeError: mat1 and mat2 shapes cannot be multiplied (3x256 and 512x512)');
    expect(texts(doc, 'pre.cell-output-error .ansi-red-fg')).toContain('RuntimeError');
    expect(error.querySelectorAll('.ansi-yellow-bg').length).toBeGreaterThan(0);
    expect(post.html).not.toContain('\u001b');
    expect(post.html).not.toContain('[0;31m');
    expect(doc.querySelector('[style]')).toBeNull();
  });

  test('the widget output is left out with a warning naming its cell; the plain result stays', () => {
    expect(read.warnings.map((warning) => formatProblem(warning))).toEqual([
      'test/fixtures/notebooks/step-times/index.ipynb cell 12 output 1 is interactive (application/vnd.jupyter.widget-view+json) and was left out: the page runs no notebook scripts; save a static image with it (a PNG or SVG output) to show it',
    ]);
    expect(post.html).not.toContain('0/6');
    expect(texts(doc, 'pre.cell-output-result')).toEqual(['6']);
  });

  test('the page offers the notebook itself, as a hashed file', async () => {
    expect(post.notebook?.download).toMatch(/^\/assets\/step-times-[0-9a-f]{8}\.ipynb$/);
    const asset = read.assets.find((candidate) => `/${candidate.fileName}` === post.notebook?.download)!;
    expect(JSON.parse((await assetBytes(asset)).toString('utf8')).nbformat).toBe(4);
    // No repository in the settings: no Colab link.
    expect(post.notebook?.colab).toBeUndefined();
  });
});

describe('cell options, as Quarto and Jupyter Book write them', () => {
  test('echo: false shows only the output; output: false only the code; include: false neither', async () => {
    const { html, problems } = await renderNotebook([
      code('#| echo: false\nprint("first")', [stream('shown first\n')]),
      code('#| output: false\nprint("second")', [stream('hidden second\n')]),
      code('#| include: false\nprint("third")', [stream('hidden third\n')]),
    ]);
    expect(problems).toEqual([]);
    const doc = page(html);
    expect(texts(doc, 'pre.shiki')).toEqual(['print("second")']);
    expect(texts(doc, 'pre.cell-output')).toEqual(['shown first\n']);
  });

  test('the tags remove-input, remove-output, remove-cell, hide-input and hide-output', async () => {
    const tagged = (tag: string, name: string) =>
      code(`print("${name} code")`, [stream(`${name} output\n`)], { metadata: { tags: [tag] } });
    const { html } = await renderNotebook([
      tagged('remove-input', 'a'),
      tagged('remove-output', 'b'),
      tagged('remove_cell', 'c'),
      tagged('hide-input', 'd'),
      tagged('hide-output', 'e'),
    ]);
    const doc = page(html);
    expect(html).not.toContain('a code');
    expect(html).toContain('a output');
    expect(html).toContain('b code');
    expect(html).not.toContain('b output');
    expect(html).not.toContain('c code');
    expect(html).not.toContain('c output');
    expect(doc.querySelector('details.cell-input')?.textContent).toContain('d code');
    expect(doc.querySelector('details.cell-output-hidden')?.textContent).toBe('Show the outpute output\n');
  });

  test('options are YAML: a list of captions and alt texts gives each image of the cell its own', async () => {
    const options = [
      '#| label: fig-bills',
      '#| fig-cap:',
      '#|   - "Bill depth: Gentoo\'s are thinner"',
      '#|   - Bill length by species',
      '#| fig-alt:',
      '#|   - Density of bill depth for three species',
      '#|   - Density of bill length for three species',
      '#| layout-ncol: 2',
      'plot()',
    ].join('\n');
    const { html, warnings } = await renderNotebook([
      code(options, [display({ 'image/png': PNG_BASE64 }), display({ 'image/png': PNG_BASE64 })]),
    ]);
    expect(warnings).toEqual([]);
    const doc = page(html);
    expect(texts(doc, 'pre.shiki')).toEqual(['plot()']);
    const figures = [...doc.querySelectorAll('figure')].map((figure) => [
      figure.id,
      figure.querySelector('img')?.getAttribute('alt'),
      figure.querySelector('figcaption')?.textContent,
    ]);
    expect(figures).toEqual([
      ['fig-bills', 'Density of bill depth for three species', "Figure 1: Bill depth: Gentoo's are thinner"],
      ['fig-bills-2', 'Density of bill length for three species', 'Figure 2: Bill length by species'],
    ]);
  });

  test('options that are not YAML are a warning at their line, and ignored', async () => {
    const { html, warnings } = await renderNotebook([code('#| echo: false\n#| fig-cap: [unclosed\nx = 1')]);
    expect(warnings).toEqual([
      expect.stringMatching(/^post cell 2:2 the cell's #\| options are not YAML and were ignored: /),
    ]);
    expect(texts(page(html), 'pre.shiki')).toEqual(['x = 1']);
  });

  test('code-fold: true folds the code, as Quarto does', async () => {
    const { html } = await renderNotebook([code('#| code-fold: true\nx = 1', [])]);
    expect(page(html).querySelector('details.cell-input pre')?.textContent).toBe('x = 1');
  });

  test("an R notebook's cells are R; a %%bash cell is shell", async () => {
    const r = await renderNotebook([code('summary(cars)')], { kernelspec: { name: 'ir', language: 'R' } });
    expect(texts(page(r.html), '.code-language')).toEqual(['R']);
    const magic = await renderNotebook([code('%%bash\nls -l')], { language_info: { name: 'python' } });
    expect(texts(page(magic.html), '.code-language')).toEqual(['Shell']);
  });
});

describe('outputs', () => {
  test('the first representation a page can show: SVG before PNG, PNG before HTML, HTML before text', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20"/></svg>';
    const { html, warnings } = await renderNotebook([
      code('a', [display({ 'image/svg+xml': svg, 'image/png': PNG_BASE64, 'text/plain': 'A' })]),
      code('b', [display({ 'image/png': PNG_BASE64, 'text/html': '<b>B</b>', 'text/plain': 'B' })]),
      code('c', [display({ 'text/html': '<b>C</b>', 'text/markdown': '**c**', 'text/plain': 'C' })]),
      code('d', [display({ 'text/markdown': 'Some **D**', 'text/plain': 'D' })]),
      code('e', [display({ 'text/plain': "'E'" })]),
    ]);
    const doc = page(html);
    const images = [...doc.querySelectorAll('.cell-output-image img')].map((image) => image.getAttribute('src'));
    expect(images).toEqual([expect.stringMatching(/\.svg$/), expect.stringMatching(/\.png$/)]);
    expect(doc.querySelector('.cell-output-html b')?.textContent).toBe('C');
    expect(doc.querySelector('p strong')?.textContent).toBe('D');
    expect(texts(doc, 'pre.cell-output-result')).toEqual(["'E'"]);
    // An image output without fig-alt is described by its cell, and the author told how to say more.
    expect(doc.querySelector('.cell-output-image img')?.getAttribute('alt')).toBe('Output of cell 2');
    expect(warnings).toEqual(
      [2, 3].map(
        (cell) =>
          `post cell ${cell} output 1 is an image that says nothing of what it shows (a screen reader reads "Output of cell ${cell}"); describe it with #| fig-alt: … or #| fig-cap: … at the top of the cell`,
      ),
    );
  });

  test('Plotly with a PNG shows the PNG; without one, and HTML that needs its scripts, are left out with a warning', async () => {
    const { html, warnings } = await renderNotebook([
      code('#| fig-alt: Loss by step\nfig.show()', [
        display({ 'application/vnd.plotly.v1+json': { data: [] }, 'image/png': PNG_BASE64 }),
      ]),
      code('fig.show()', [display({ 'application/vnd.plotly.v1+json': { data: [] }, 'text/html': '<div>plot</div>' })]),
      code('chart', [display({ 'text/html': '<div id="vis"></div><script>vegaEmbed("#vis")</script>' })]),
    ]);
    expect(page(html).querySelectorAll('.cell-output-image img')).toHaveLength(1);
    expect(html).not.toContain('plot</div>');
    expect(warnings).toEqual([
      'post cell 3 output 1 is interactive (application/vnd.plotly.v1+json) and was left out: the page runs no notebook scripts; save a static image with it (a PNG or SVG output) to show it',
      'post cell 4 output 1 is interactive (HTML with scripts) and was left out: the page runs no notebook scripts; save a static image with it (a PNG or SVG output) to show it',
    ]);
  });

  test("an output's HTML passes the sanitiser: what it removes is a warning naming the cell", async () => {
    const { html, warnings } = await renderNotebook([
      code('show()', [
        display({ 'text/html': '<p onclick="steal()">Hi <iframe src="https://x.example"></iframe></p>' }),
      ]),
    ]);
    expect(html).not.toMatch(/onclick|iframe|steal/);
    expect(page(html).querySelector('.cell-output-html p')?.textContent).toBe('Hi ');
    expect(warnings).toEqual([
      'post cell 2 the onclick attribute on <p> is not allowed and was removed',
      'post cell 2 <iframe> is not allowed in posts and was removed',
    ]);
  });

  test('an SVG output with scripts gives way to the PNG beside it, and alone is a problem', async () => {
    const scripted = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    const both = await renderNotebook([code('x', [display({ 'image/svg+xml': scripted, 'image/png': PNG_BASE64 })])]);
    expect(both.problems).toEqual([]);
    expect(page(both.html).querySelector('.cell-output-image img')?.getAttribute('src')).toMatch(/\.png$/);
    const alone = await renderNotebook([code('x', [display({ 'image/svg+xml': scripted })])]);
    expect(alone.problems).toEqual([
      expect.stringMatching(
        /^post cell 2 \.\/\.notebook\/cell-2-output-1\.svg is an SVG with scripts or event handlers/,
      ),
    ]);
  });

  test('a markdown cell that leaves a code fence open keeps it to itself, as Jupyter renders it', async () => {
    const { html } = await renderNotebook([
      { cell_type: 'markdown', source: 'Usage:\n\n```bash\npython train.py' },
      code('print("after")', [stream('after\n')]),
    ]);
    const doc = page(html);
    expect(texts(doc, '.code-title')).toEqual(['In [1]']);
    expect(texts(doc, 'pre.cell-output')).toEqual(['after\n']);
  });

  test('consecutive writes to a stream are one block; stdout and stderr stay apart', async () => {
    const { html } = await renderNotebook([
      code('run()', [stream('a\n'), stream('b\n'), stream('oops\n', 'stderr'), stream('c\n')]),
    ]);
    expect(texts(page(html), 'pre.cell-output')).toEqual(['a\nb\n', 'oops\n', 'c\n']);
  });

  test('terminal colours of every kind become the classes of eight hues', async () => {
    const text =
      '\u001b[1;31mbold red\u001b[0m \u001b[38;5;208morange\u001b[0m \u001b[38;2;30;90;200mblue\u001b[0m plain';
    const { html } = await renderNotebook([code('x', [stream(text)])]);
    const spans = [...page(html).querySelectorAll('pre.cell-output span')].map((span) => [
      span.className,
      span.textContent,
    ]);
    expect(spans).toEqual([
      ['ansi-red-fg ansi-bold', 'bold red'],
      ['ansi-yellow-fg', 'orange'],
      ['ansi-blue-fg', 'blue'],
    ]);
    expect(page(html).querySelector('pre.cell-output')?.textContent).toBe('bold red orange blue plain');
  });

  test('a markdown cell links to its figure with a Quarto cross-reference; one to no figure is a problem', async () => {
    const plot = code('#| label: fig-loss\n#| fig-cap: Loss by step\nplot()', [display({ 'image/png': PNG_BASE64 })]);
    const { html } = await renderNotebook([plot, { cell_type: 'markdown', source: 'As @fig-loss shows.' }]);
    expect(page(html).querySelector('a[href="#fig-loss"]')?.textContent).toBe('Figure 1');
    const { problems } = await renderNotebook([
      plot,
      { cell_type: 'markdown', source: 'Intro.\n\nAnd @fig-lost does not.' },
    ]);
    expect(problems).toEqual([
      'post cell 3:3 @fig-lost refers to no figure of this post; label one with {#fig-lost} on an image (or #| label: fig-lost in a notebook)',
    ]);
  });

  test("a markdown cell's attachment is its image; a missing one is named as written", async () => {
    const attached: TestCell = {
      cell_type: 'markdown',
      source: ['Before.\n', '\n', '![A diagram](attachment:diagram.png)\n'],
      attachments: { 'diagram.png': { 'image/png': PNG_BASE64 } },
    };
    const { html } = await renderNotebook([attached]);
    const { problems } = await renderNotebook([
      attached,
      { cell_type: 'markdown', source: 'See ![the other](attachment:missing.png).' },
    ]);
    expect(page(html).querySelector('img[alt="A diagram"]')?.getAttribute('src')).toMatch(
      /^\/assets\/post-diagram-[0-9a-f]{8}\.png$/,
    );
    expect(problems).toEqual([
      'post cell 3:1 attachment:missing.png is not an attachment of this cell (paste the image into the cell again)',
    ]);
  });
});

describe('notebooks as Colab and training libraries save them', () => {
  test("Colab's table-of-contents links (#scrollTo=<cell id>) reach their cells", async () => {
    const { html, problems } = await renderNotebook([
      { cell_type: 'markdown', source: '- [Setup](#scrollTo=aB3-x)\n- [Results](#scrollTo=results1)' },
      { cell_type: 'markdown', source: '## Setup', metadata: { id: 'aB3-x' } },
      { cell_type: 'code', source: 'x = 1', id: 'results1', metadata: {} },
    ]);
    expect(problems).toEqual([]);
    const doc = page(html);
    for (const link of doc.querySelectorAll<HTMLAnchorElement>('li a')) {
      const target = doc.getElementById(decodeURIComponent(link.getAttribute('href')!.slice(1)));
      expect(target, link.textContent ?? '').not.toBeNull();
    }
    expect(doc.getElementById('user-content-scrollTo=aB3-x')?.nextElementSibling?.textContent).toContain('Setup');
  });

  test("a training loop's HTML progress bar and its table of losses show", async () => {
    const trainer =
      "<div><progress value='30' max='30' style='width:300px'></progress> [30/30 00:22, Epoch 3/3]</div>" +
      '<table border="1" class="dataframe"><thead><tr style="text-align: left;"><th>Step</th><th>Training Loss</th></tr></thead>' +
      '<tbody><tr><td>10</td><td>2.514700</td></tr></tbody></table>';
    const { html, warnings } = await renderNotebook([code('trainer.train()', [display({ 'text/html': trainer })])]);
    expect(warnings).toEqual([]);
    const doc = page(html);
    expect([
      doc.querySelector('progress')?.getAttribute('value'),
      doc.querySelector('progress')?.getAttribute('max'),
    ]).toEqual(['30', '30']);
    expect(texts(doc, '.cell-output-html td')).toEqual(['10', '2.514700']);
  });
});

describe('a bad notebook fails naming its file and cell; the others publish', () => {
  test('a notebook may be posts/<slug>.ipynb; a folder holding index.md and index.ipynb is a problem', async () => {
    const dir = await tempFolder('blog-notebook-files-');
    const notebook = (title: string) =>
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [{ cell_type: 'raw', metadata: {}, source: `---\ntitle: ${title}\ndate: 2024-01-01\n---` }],
      });
    await writeFile(path.join(dir, 'loose.ipynb'), notebook('Loose'));
    await mkdir(path.join(dir, 'both'));
    await writeFile(path.join(dir, 'both/index.ipynb'), notebook('Both'));
    await writeFile(path.join(dir, 'both/index.md'), '---\ntitle: Both\ndate: 2024-01-01\n---\n\nText.\n');
    const result = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(result.posts.map((post) => post.slug)).toEqual(['loose']);
    expect(result.problems).toEqual([
      {
        file: expect.stringMatching(/\/both\/$/),
        message: 'holds both index.md and index.ipynb; a post is one of them',
      },
    ]);
  });

  test('not JSON: the line where it breaks', async () => {
    const { problems } = await renderNotebook('{\n "cells": [\n  {"cell_type": "code",,}\n ]\n}');
    expect(problems).toEqual([expect.stringMatching(/^post:3 is not a Jupyter notebook: its JSON does not parse/)]);
  });

  test('not nbformat 4', async () => {
    const { problems } = await renderNotebook(JSON.stringify({ nbformat: 3, nbformat_minor: 0, worksheets: [] }));
    expect(problems).toEqual([
      'post is a notebook of nbformat 3; save it as nbformat 4 (jupyter nbconvert --to notebook --nbformat 4)',
    ]);
  });

  test('a cell that is not a cell', async () => {
    const { problems } = await renderNotebook([code('fine'), { cell_type: 'code', source: 42 } as unknown as TestCell]);
    expect(problems).toEqual(['post cell 3 is not a notebook cell: source: expected text, or a list of lines of text']);
  });

  test('an output over 5 MB', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024 + 1);
    const { problems } = await renderNotebook([code('print(data)', [stream(big)])]);
    expect(problems).toEqual([
      'post cell 2 output 1 holds 5.0 MB; the limit is 5.0 MB (clear it, or save a smaller image)',
    ]);
  });

  test('no front matter cell, and a front matter mistake at its line in cell 1', async () => {
    const none = await renderNotebook(
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [{ cell_type: 'markdown', metadata: {}, source: '# Hi' }],
      }),
    );
    expect(none.problems).toEqual([
      'post cell 1 a notebook post starts with a raw cell of front matter: a --- line, title: and date:, then ---',
    ]);
    const wrong = await renderNotebook(
      JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: [{ cell_type: 'raw', metadata: {}, source: ['---\n', 'title: Hi\n', 'date: March 3\n', '---'] }],
      }),
    );
    expect(wrong.problems).toEqual(['post cell 1:3 date: expected a real date as YYYY-MM-DD, got "March 3"']);
  });

  test('a broken link in a markdown cell names the cell and its line there', async () => {
    const { problems } = await renderNotebook([
      code('x = 1'),
      { cell_type: 'markdown', source: 'Intro.\n\nSee [the other post](../no-such-post/).' },
    ]);
    expect(problems).toEqual(['post cell 3:3 broken link: there is no post "no-such-post" (/posts/no-such-post/)']);
  });

  test('deep HTML in an output is bounded like a post; a megabyte stream publishes', async () => {
    const deep = '<div>'.repeat(5000) + 'deep' + '</div>'.repeat(5000);
    const bounded = await renderNotebook([code('x', [display({ 'text/html': deep })])]);
    expect(bounded.problems).toEqual([expect.stringMatching(/^post cell 2 .*nested .*the limit is 100/)]);
    const long = 'step 1: loss 0.5\n'.repeat(60_000);
    const streamed = await renderNotebook([code('train()', [stream(long)])]);
    expect(streamed.problems).toEqual([]);
    expect(page(streamed.html).querySelector('pre.cell-output')?.textContent).toHaveLength(long.length);
  });
});
