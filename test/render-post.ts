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
