import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { closeRenderer, renderAll } from '../../render-pool.ts';
import { render } from '../../../test/render-post.ts';
import { root } from '../../../test/site-build.ts';

const PROSE = '"Hello," she said -- it\'s done... Pages 10--20 --- and the "end"; myself--they.';

describe('typography in prose', () => {
  test('quotes curl, -- and --- are en and em dashes, ... is an ellipsis', async () => {
    const { html } = await render(`\n${PROSE}\n`);
    expect(html).toContain('<p>“Hello,” she said – it’s done… Pages 10–20 — and the “end”; myself—they.</p>');
  });

  test('never in code, math, addresses or raw HTML attributes', async () => {
    const { html, problems } = await render(
      '\nRun `pip install "torch" -- --pre` and $a--b$.\n\n```sh\necho "x" -- ...\n```\n\n' +
        '[a "link"](https://example.org/a--b) <abbr title="it\'s -- raw">HTML</abbr>\n',
    );
    expect(problems).toEqual([]);
    expect(html).toContain('<code>pip install &quot;torch&quot; -- --pre</code>');
    expect(html).toContain('echo');
    expect(html).not.toMatch(/echo[^\n]*[“–…]/);
    expect(html).toContain('href="https://example.org/a--b"');
    expect(html).toContain('<abbr title="it&#x27;s -- raw">HTML</abbr>');
    expect(html).toContain('<a href="https://example.org/a--b">a “link”</a>');
  });

  test("a heading's {#id} is not prose", async () => {
    const { html } = await render('\n## Results -- "v2" {#results--v2}\n');
    expect(html).toContain('<h2 id="results--v2">Results – “v2”</h2>');
  });
});

test('typography: false in the site settings leaves the characters as written', async () => {
  const work = await mkdtemp(path.join(tmpdir(), 'blog-typography-'));
  try {
    const project = path.join(work, 'project');
    await cp(root, project, {
      recursive: true,
      filter: (source) => !source.includes('node_modules') && !source.includes(`${path.sep}.git`),
    });
    await symlink(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
    const settings = path.join(project, 'src/settings.ts');
    await writeFile(settings, (await readFile(settings, 'utf8')).replace('typography: true', 'typography: false'));
    const postsDir = path.join(work, 'posts');
    const context = { file: path.join(postsDir, 'a.md'), slug: 'a', postsDir, base: '/', slugs: {} };
    const { rendered } = await renderAll([{ source: `${PROSE}\n`, context }], { root: project });
    await closeRenderer(project);
    expect(rendered[0]?.html).toBe(
      '<p>&quot;Hello,&quot; she said -- it&#x27;s done... Pages 10--20 --- and the &quot;end&quot;; myself--they.</p>',
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
