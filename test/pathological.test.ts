import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readPosts } from '../plugins/posts/read.ts';
import { formatProblem } from '../plugins/problems.ts';
import { PATHOLOGICAL_POSTS } from './pathological-posts.ts';
import { buildSite, listFiles, root } from './site-build.ts';

/** A hang guard, not a benchmark: each of these builds takes a few seconds. */
const BUILD_BOUND_MS = 30_000;
const cleanup: string[] = [];
afterAll(async () => {
  await Promise.all(cleanup.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('one pathological post beside a good one', () => {
  test.each(PATHOLOGICAL_POSTS)('$slug', { timeout: 120_000 }, async ({ slug, text, problem }) => {
    const postsDir = await mkdtemp(path.join(tmpdir(), `blog-${slug}-`));
    cleanup.push(postsDir);
    await writeFile(path.join(postsDir, `${slug}.md`), text);
    await writeFile(path.join(postsDir, 'good.md'), '---\ntitle: Good\ndate: 2024-02-01\n---\n\nA good post.\n');
    const started = performance.now();
    const site = await buildSite(postsDir);
    cleanup.push(site.outDir);
    expect(performance.now() - started, 'the build took longer than its bound').toBeLessThan(BUILD_BOUND_MS);

    if (!problem) {
      expect(site.code, site.output).toBe(0);
      expect(await listFiles(site.outDir)).toEqual(
        expect.arrayContaining([`posts/${slug}/index.html`, 'posts/good/index.html']),
      );
      return;
    }
    expect(site.code).not.toBe(0);
    const file = `${postsDir}/${slug}.md`;
    const lines = site.output.split('\n').filter((line) => line.startsWith(file));
    expect(lines, site.output.slice(0, 2000)).toHaveLength(1);
    expect(lines[0]!.slice(file.length)).toMatch(problem);
    // The good post is checked too, and nothing is wrong with it.
    expect(site.output).not.toContain(`${postsDir}/good.md`);
    expect(site.output).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('a post that takes too long to render', () => {
  test('is stopped at the time limit and named, while the post beside it renders', { timeout: 120_000 }, async () => {
    const postsDir = await mkdtemp(path.join(tmpdir(), 'blog-slow-'));
    cleanup.push(postsDir);
    const section = `## Section\n\n${'XLA compiles **graphs** once and runs them many times. '.repeat(40)}\n\n`;
    await writeFile(
      path.join(postsDir, 'slow.md'),
      `---\ntitle: Slow\ndate: 2024-01-01\n---\n\n${section.repeat(2_000)}`,
    );
    await writeFile(path.join(postsDir, 'good.md'), '---\ntitle: Good\ndate: 2024-02-01\n---\n\nA good post.\n');
    const { posts, problems } = await readPosts({
      postsDir,
      root,
      base: '/',
      includeDrafts: false,
      renderTimeLimitMs: 2_000,
    });
    expect(problems.map(formatProblem)).toEqual([
      `${postsDir}/slow.md took longer than 2 s to render; the limit is 2 s`,
    ]);
    expect(posts.map((post) => post.slug)).toEqual(['good']);
  });
});
