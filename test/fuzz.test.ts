// Seeded mutations of the fixture posts: each must be built or refused with a problem that
// names its file: never an exception, a crash of the renderer or a hang. A failure prints
// the mutant's seed; replay it alone with
//   FUZZ_SEED=<seed> FUZZ_COUNT=1 npx vitest run --config test/vitest.config.ts test/fuzz.test.ts
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { readPosts } from '../plugins/posts/read.ts';
import { formatProblem } from '../plugins/problems.ts';
import { random as seeded } from '../scripts/synthetic-posts.mjs';
import { root } from './site-build.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_126);
const COUNT = Number(process.env.FUZZ_COUNT ?? 300);
const BATCH = 50;

const SPECIALS = ['[', ']', '(', '*', '_', '~', '`', '$', '<', '>', '&', '|', '\\', '\u0000', '\u202e', '\uFEFF', '\r'];

type Mutation = (bytes: Buffer, random: () => number) => Buffer;

const lines = (bytes: Buffer) => bytes.toString('utf8').split('\n');
const join = (parts: string[]) => Buffer.from(parts.join('\n'), 'utf8');
const at = (length: number, random: () => number) => Math.floor(random() * (length + 1));

const MUTATIONS: Record<string, Mutation> = {
  'flip bytes': (bytes, random) => {
    const copy = Buffer.from(bytes);
    for (let i = 0; i < 1 + random() * 8; i++) copy[at(copy.length - 1, random)] = Math.floor(random() * 256);
    return copy;
  },
  truncate: (bytes, random) => bytes.subarray(0, at(bytes.length, random)),
  'duplicate ---': (bytes, random) => {
    const parts = lines(bytes);
    parts.splice(at(parts.length, random), 0, '---');
    return join(parts);
  },
  'remove ---': (bytes) => {
    const parts = lines(bytes);
    const index = parts.lastIndexOf('---');
    if (index !== -1) parts.splice(index, 1);
    return join(parts);
  },
  nest: (bytes, random) => {
    const depth = 1 + Math.floor(random() * 300);
    const shapes = [
      '>'.repeat(depth) + ' quoted',
      Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'),
      `${'<div>'.repeat(depth)}x${'</div>'.repeat(depth)}`,
      `${'*'.repeat(depth)}x${'_'.repeat(depth)}`,
      `${'['.repeat(depth)}x${']('.repeat(depth)}`,
    ];
    const parts = lines(bytes);
    parts.splice(at(parts.length, random), 0, shapes[Math.floor(random() * shapes.length)]!);
    return join(parts);
  },
  'insert specials': (bytes, random) => {
    let text = bytes.toString('utf8');
    for (let i = 0; i < 1 + random() * 20; i++) {
      const position = at(text.length, random);
      const special = SPECIALS[Math.floor(random() * SPECIALS.length)]!.repeat(1 + Math.floor(random() * 50));
      text = text.slice(0, position) + special + text.slice(position);
    }
    return Buffer.from(text, 'utf8');
  },
  'duplicate a chunk': (bytes, random) => {
    const start = at(bytes.length, random);
    const chunk = bytes.subarray(start, start + Math.floor(random() * 400));
    return Buffer.concat([
      bytes,
      chunk.length > 0 ? Buffer.concat(Array(1 + Math.floor(random() * 20)).fill(chunk)) : chunk,
    ]);
  },
};

interface Mutant {
  name: string;
  seed: number;
  /** The fixture it came from and what was done to it. */
  recipe: string;
  bytes: Buffer;
}

async function fixturePosts(): Promise<{ name: string; bytes: Buffer }[]> {
  const folders = ['site', 'edge', 'hostile'].map((folder) => path.join(root, 'test/fixtures', folder));
  const files = (
    await Promise.all(
      folders.map(async (folder) =>
        (await readdir(folder, { recursive: true }))
          .filter((name) => name.endsWith('.md'))
          .map((name) => path.join(folder, name)),
      ),
    )
  ).flat();
  return Promise.all(files.map(async (file) => ({ name: path.relative(root, file), bytes: await readFile(file) })));
}

function mutate(fixtures: { name: string; bytes: Buffer }[], seed: number, index: number): Mutant {
  const random = seeded(seed);
  const fixture = fixtures[Math.floor(random() * fixtures.length)]!;
  const names = Object.keys(MUTATIONS);
  let bytes = fixture.bytes;
  const done: string[] = [];
  for (let i = 0; i < 1 + Math.floor(random() * 3); i++) {
    const name = names[Math.floor(random() * names.length)]!;
    bytes = MUTATIONS[name]!(bytes, random);
    done.push(name);
  }
  return { name: `mutant-${index}`, seed, recipe: `${fixture.name}: ${done.join(', ')}`, bytes };
}

const work = await mkdtemp(path.join(tmpdir(), 'blog-fuzz-'));
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

test(
  `${COUNT} mutated posts are each built or refused naming the file (seed ${SEED})`,
  { timeout: 600_000 },
  async () => {
    const fixtures = await fixturePosts();
    const mutants = Array.from({ length: COUNT }, (_, i) => mutate(fixtures, SEED + i, i));
    const failures: string[] = [];
    for (let start = 0; start < mutants.length; start += BATCH) {
      const postsDir = path.join(work, `batch-${start}`);
      const batch = mutants.slice(start, start + BATCH);
      await rm(postsDir, { recursive: true, force: true });
      await mkdir(postsDir);
      await Promise.all(batch.map((mutant) => writeFile(path.join(postsDir, `${mutant.name}.md`), mutant.bytes)));
      let result;
      try {
        result = await readPosts({ postsDir, root, base: '/', includeDrafts: true });
      } catch (error) {
        failures.push(`batch from seed ${batch[0]!.seed}: readPosts threw ${String(error)}`);
        continue;
      }
      const built = new Set(result.posts.map((post) => post.slug));
      for (const mutant of batch) {
        const file = path.join(postsDir, `${mutant.name}.md`);
        const own = result.problems.filter((problem) => problem.file === file);
        const describe = `${mutant.name} (seed ${mutant.seed}, ${mutant.recipe})`;
        if (!built.has(mutant.name) && own.length === 0) failures.push(`${describe}: neither built nor refused`);
        for (const problem of own) {
          if (/could not be rendered|crashed the renderer|took longer than/.test(problem.message)) {
            failures.push(`${describe}: ${formatProblem(problem)}`);
          }
        }
      }
      const strays = result.problems.filter((problem) => !problem.file.startsWith(postsDir));
      failures.push(...strays.map((problem) => `a problem that names no mutant: ${formatProblem(problem)}`));
    }
    expect(failures).toEqual([]);
  },
);
