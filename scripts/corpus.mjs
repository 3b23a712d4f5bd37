// @ts-check
// `npm run corpus -- <folder> [--json corpus.json]`
//
// Builds real posts written for other tools and says what happened: posts published and
// refused, the problems by kind, the warnings by kind, and the time, for each blog in the
// folder. `<folder>` is one blog's posts folder (post files and post folders, as in posts/),
// or a folder of such folders, one per blog. The corpus itself is other people's writing:
// keep it outside the repository (docs/corpus.md says how ours was gathered).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildPosts as build, findings } from './build-posts.mjs';
import { flag } from './cli.mjs';

/**
 * Problems and warnings by kind: the first pattern that matches names it.
 * @type {[string, RegExp][]}
 */
const KINDS = [
  ['broken link to a post', /broken link: there is no post/],
  ['broken anchor', /broken link: no heading or anchor/],
  ['broken link', /broken link/],
  ['missing image', /image not found/],
  ['image without alt text', /has no alt text/],
  ['math', /^math: /],
  ['file name', /^slug: /],
  [
    'front matter',
    /^(title|date|description|tags|draft|updated|toc|image|bibliography)\b|YAML|front matter|unknown field/,
  ],
  ['citation', /citation|bibliography/],
  ['malformed URL', /malformed URL/],
  ['unknown code language', /unknown language/],
  ['removed HTML', /is not allowed|was removed|was replaced/],
  ['image on another site', /is on another site/],
  ['figure id', /figure id/],
  ['limit', /nested|the limit is|took longer|memory/],
  ['notebook output left out', /is interactive|has no form the page can show/],
  ['notebook image without description', /says nothing of what it shows/],
  ['notebook', /notebook|nbformat|attachment/],
];

/** @param {string} message */
function kindOf(message) {
  return KINDS.find(([, pattern]) => pattern.test(message))?.[0] ?? 'other';
}

/** Whether a folder is a post: it holds `index.md` or `index.ipynb`. */
const isPostFolder = (/** @type {string} */ dir) =>
  existsSync(path.join(dir, 'index.md')) || existsSync(path.join(dir, 'index.ipynb'));

/** Post sources in a posts folder: `<slug>.md`, `<slug>.ipynb` and post folders (what plugins/posts/sources.ts reads). */
function countPosts(/** @type {string} */ dir) {
  return readdirSync(dir, { withFileTypes: true }).filter(
    (entry) =>
      !entry.name.startsWith('.') &&
      ((entry.isFile() && /\.(md|ipynb)$/.test(entry.name)) ||
        (entry.isDirectory() && isPostFolder(path.join(dir, entry.name)))),
  ).length;
}

/** The blogs in `folder`: itself when it holds posts, else each of its folders that does. */
function blogsIn(/** @type {string} */ folder) {
  if (
    countPosts(folder) > 0 &&
    readdirSync(folder).some((name) => /\.(md|ipynb)$/.test(name) || isPostFolder(path.join(folder, name)))
  )
    return [folder];
  return readdirSync(folder)
    .map((name) => path.join(folder, name))
    .filter((dir) => statSync(dir).isDirectory() && countPosts(dir) > 0)
    .sort();
}

/** @param {{ message: string }[]} list */
function byKind(list) {
  /** @type {Record<string, number>} */
  const counts = {};
  for (const { message } of list) counts[kindOf(message)] = (counts[kindOf(message)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}

const folder = process.argv[2] && !process.argv[2].startsWith('--') ? path.resolve(process.argv[2]) : undefined;
if (!folder || !existsSync(folder)) {
  console.error('usage: npm run corpus -- <folder of posts, or of blogs> [--json corpus.json]');
  process.exit(2);
}
/** @type {{ blog: string, posts: number, published: number, refused: number, built: boolean }[]} */
const results = [];
for (const postsDir of blogsIn(folder)) {
  const posts = countPosts(postsDir);
  const { code, output, seconds } = await build(postsDir);
  const { problems, warnings } = findings(output, postsDir);
  // A post is refused when a problem names it: its file, or a file in its folder.
  const refusedPosts = new Set(problems.map((problem) => problem.file.split('/')[0]?.replace(/\.(md|ipynb)$/, '')));
  const published = Number(/pages from (\d+) posts/.exec(output)?.[1] ?? posts - refusedPosts.size);
  const result = {
    blog: path.relative(folder, postsDir) || path.basename(postsDir),
    posts,
    published: code === 0 ? published : 0,
    refused: refusedPosts.size,
    problems: byKind(problems),
    warnings: byKind(warnings),
    seconds: Number(seconds.toFixed(1)),
    built: code === 0,
    problemLines: problems,
    warningLines: warnings,
  };
  if (code !== 0 && problems.length === 0) {
    result.problems = { 'build failed without a post problem': 1 };
    console.error(output.slice(-3000));
  }
  results.push(result);
  console.log(
    `${result.blog}: ${posts} posts, ${result.refused} refused${code === 0 ? `, ${published} published` : ' (the build stops: nothing published)'}, ` +
      `${problems.length} problems, ${warnings.length} warnings, ${result.seconds} s`,
  );
  for (const [kind, count] of Object.entries(result.problems))
    console.log(`  problem  ${String(count).padStart(4)} ${kind}`);
  for (const [kind, count] of Object.entries(result.warnings))
    console.log(`  warning  ${String(count).padStart(4)} ${kind}`);
}
const total = (/** @type {'posts' | 'refused' | 'published'} */ key) =>
  results.reduce((sum, result) => sum + result[key], 0);
console.log(
  `\nall: ${results.length} blogs, ${total('posts')} posts, ${total('refused')} refused, ` +
    `${results.filter((result) => result.built).length} blogs built`,
);
const json = flag('json');
if (json) await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
