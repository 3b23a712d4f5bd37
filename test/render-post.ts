// One post rendered as the build reads it, for the markdown tests (test/markdown.test.ts and
// plugins/markdown/__tests__/): its HTML, excerpt, problems and warnings.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type { Post } from '../src/content.ts';
import { readPosts } from '../plugins/posts/read.ts';
import { formatProblem } from '../plugins/problems.ts';
import { root } from './site-build.ts';

const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A new empty folder (a posts folder, say), removed after the test file. */
export async function tempFolder(prefix = 'blog-markdown-'): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}

export interface RenderedPost {
  html: string;
  excerpt: string | undefined;
  /** `post:<line> <problem>` */
  problems: string[];
  warnings: string[];
  post: Post | undefined;
}

/**
 * A post of this body (after its front matter, which ends on line 4 plus one line per extra
 * field), with these files beside it, read as the build reads it.
 */
export async function render(
  body: string,
  files: Record<string, Uint8Array | string> = {},
  fields = '',
): Promise<RenderedPost> {
  const dir = await tempFolder();
  const postDir = path.join(dir, 'post');
  await mkdir(postDir);
  await writeFile(path.join(postDir, 'index.md'), `---\ntitle: Post\ndate: 2024-01-01\n${fields}---\n${body}`);
  for (const [name, content] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(postDir, name)), { recursive: true });
    await writeFile(path.join(postDir, name), content);
  }
  const result = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
  const problems = result.problems.map((problem) => formatProblem({ ...problem, file: 'post' }));
  const warnings = result.warnings.map((warning) => formatProblem({ ...warning, file: 'post' }));
  const post = result.posts[0];
  return { html: post?.html ?? '', excerpt: post?.excerpt, problems, warnings, post };
}

/** A 3 × 2 PNG: the smallest real image with a size to read. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAEElEQVR4nGP4z8AARIQZAL3GAf/rg8nbAAAAAElFTkSuQmCC',
  'base64',
);

/** A notebook cell as Jupyter saves it; `outputs` only for code cells. */
export type TestCell =
  | { cell_type: 'markdown' | 'raw'; id?: string; source: string | string[]; metadata?: object; attachments?: object }
  | {
      cell_type: 'code';
      id?: string;
      source: string | string[];
      metadata?: object;
      execution_count?: number | null;
      outputs?: object[];
    };

/** The raw cell of front matter a notebook post starts with. */
export const FRONT_MATTER_CELL: TestCell = {
  cell_type: 'raw',
  source: '---\ntitle: Notebook\ndate: 2024-01-01\n---\n',
};

/**
 * A notebook post `post/index.ipynb` read as the build reads it: `notebook` is its cells
 * (after FRONT_MATTER_CELL), or the whole file's text.
 */
export async function renderNotebook(
  notebook: TestCell[] | string,
  metadata: object = { kernelspec: { language: 'python', name: 'python3' } },
): Promise<RenderedPost & { dir: string }> {
  const dir = await tempFolder('blog-notebook-');
  await mkdir(path.join(dir, 'post'));
  const cells = typeof notebook === 'string' ? [] : [FRONT_MATTER_CELL, ...notebook];
  const text =
    typeof notebook === 'string'
      ? notebook
      : JSON.stringify({
          nbformat: 4,
          nbformat_minor: 5,
          metadata,
          cells: cells.map((cell) =>
            cell.cell_type === 'code'
              ? { metadata: {}, execution_count: null, outputs: [], ...cell }
              : { metadata: {}, ...cell },
          ),
        });
  await writeFile(path.join(dir, 'post/index.ipynb'), text);
  const result = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
  const problems = result.problems.map((problem) => formatProblem({ ...problem, file: 'post' }));
  const warnings = result.warnings.map((warning) => formatProblem({ ...warning, file: 'post' }));
  const post = result.posts[0];
  return { html: post?.html ?? '', excerpt: post?.excerpt, problems, warnings, post, dir };
}
