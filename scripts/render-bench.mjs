// @ts-check
// How long rendering one post takes, in one thread and without the build around it: the
// markdown pipeline (plugins/markdown/pipeline.ts) on synthetic posts, several rounds (the
// first includes loading the pipeline and Shiki). For work on the pipeline's speed:
//   node scripts/render-bench.mjs [--posts 300] [--rounds 4]
// (`node --cpu-prof scripts/render-bench.mjs` writes a profile to read with Chrome's tools.)
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runnerImport } from 'vite';
import { writeSyntheticPosts } from './synthetic-posts.mjs';

process.env.NODE_ENV ??= 'production'; // as in a build: React's production code
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { posts: { type: 'string', default: '300' }, rounds: { type: 'string', default: '4' } },
});
const count = Number(values.posts);
const rounds = Number(values.rounds);

const dir = await mkdtemp(path.join(tmpdir(), 'blog-render-bench-'));
try {
  await writeSyntheticPosts(dir, count);
  const posts = await Promise.all(
    (await readdir(dir)).map(async (name) => {
      const file = name.endsWith('.md') ? path.join(dir, name) : path.join(dir, name, 'index.md');
      return { key: path.join(dir, name), file, slug: name.replace(/\.md$/, ''), source: await readFile(file, 'utf8') };
    }),
  );
  const slugs = Object.fromEntries(posts.map((post) => [post.key, post.slug]));
  /** @type {{ module: typeof import('../plugins/markdown/pipeline.ts') }} */
  const { module } = await runnerImport(path.join(root, 'plugins/markdown/pipeline.ts'), {
    root,
    configFile: false,
    logLevel: 'silent',
  });
  const times = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (const post of posts) {
      const context = { file: post.file, slug: post.slug, postsDir: dir, base: '/', slugs };
      const rendered = await module.renderMarkdown(post.source, context);
      if (rendered.problems.length > 0) throw new Error(`${post.slug}: ${rendered.problems[0]?.message}`);
    }
    times.push((performance.now() - started) / posts.length);
  }
  const later = times.slice(1).sort((a, b) => a - b);
  console.log(`ms per post, by round: ${times.map((time) => time.toFixed(2)).join(' ')}`);
  console.log(
    `median after the first round: ${(later[Math.floor(later.length / 2)] ?? times[0] ?? 0).toFixed(2)} ms (${count} posts)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
