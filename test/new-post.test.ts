import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';
import { readPosts } from '../plugins/posts/read.ts';
import { personEnv, root } from './site-build.ts';

const run = promisify(execFile);
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function newPost(postsDir: string, title: string) {
  try {
    const { stdout } = await run(process.execPath, ['scripts/new-post.mjs', title], {
      cwd: root,
      env: personEnv({ POSTS_DIR: postsDir }),
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

test('npm run new-post creates a dated draft that the build reads, and never overwrites', async () => {
  const postsDir = await mkdtemp(path.join(tmpdir(), 'blog-new-post-'));
  folders.push(postsDir);
  const created = await newPost(postsDir, 'Profiling XLA: "HLO" dumps & more');
  expect(created.code, created.output).toBe(0);
  const file = path.join(postsDir, 'profiling-xla-hlo-dumps-more/index.md');
  const text = await readFile(file, 'utf8');
  expect(text).toMatch(/^---\ntitle: "Profiling XLA: \\"HLO\\" dumps & more"\ndate: \d{4}-\d{2}-\d{2}\n/);
  expect(text).toContain('draft: true');

  const { posts, problems, warnings } = await readPosts({ postsDir, root, base: '/', includeDrafts: true });
  expect(problems).toEqual([]);
  expect(warnings).toEqual([]);
  expect(posts.map((post) => [post.title, post.draft])).toEqual([['Profiling XLA: "HLO" dumps & more', true]]);

  const again = await newPost(postsDir, 'Profiling XLA: HLO dumps, & more');
  expect(again.code).toBe(1);
  expect(again.output).toContain('profiling-xla-hlo-dumps-more already exists');
  expect(await readFile(file, 'utf8')).toBe(text);
});
