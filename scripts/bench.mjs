// @ts-check
// `npm run bench [-- --posts 10,100,1000] [--json bench.json] [--no-hugo]`
//
// Builds N synthetic posts (scripts/synthetic-posts.mjs) and prints, for each N: build time
// cold (no cache), warm (nothing changed) and after editing one post; peak memory; the
// first-load JavaScript and HTML (gzip) of `/`, a post and a tag page; dist size and file
// count; `npm run dev` start (cold and warm cache: until Chromium shows the newest post's
// title on the home page) and how soon a saved edit is served. Hugo (Debian's `hugo`) builds the same posts in the same run when installed, and a
// minimal React + react-router app gives the JavaScript floor. A benchmark, not a test: it
// never fails on a time.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { pageWeight } from '../plugins/page-weight.js';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';
import { flag, hasFlag } from './cli.mjs';
import { measureFloor } from './floor.mjs';
import { slugOf, writeSyntheticPosts } from './synthetic-posts.mjs';

const root = path.resolve(import.meta.dirname, '..');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');

const counts = (flag('posts') ?? '10,100,1000').split(',').map(Number);
const jsonFile = flag('json');
const withHugo = !hasFlag('no-hugo') && spawnSync('hugo', ['version']).status === 0;
const timeCommand = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/**
 * Runs a command, timing it. Peak memory is the most its whole process tree held at once:
 * the build's own processes (Pagefind's indexer runs beside Node) are added up, sampled
 * from /proc every 50 ms on Linux, and never less than GNU time's maximum resident size of
 * its largest process (which a run shorter than a sample still gets).
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ seconds: number, peakMiB: number | null, output: string }>}
 */
async function measure(command, args, options = {}) {
  const started = performance.now();
  const child = timeCommand
    ? spawn(timeCommand, ['-f', 'PEAK_KIB %M', command, ...args], options)
    : spawn(command, args, options);
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  let sampledKiB = 0;
  const sampler = setInterval(() => {
    const kib = treeRssKiB(child.pid);
    if (kib !== null) sampledKiB = Math.max(sampledKiB, kib);
  }, 50);
  const status = await new Promise((resolve) => child.on('close', resolve));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  if (status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${output}`);
  const peak = /PEAK_KIB (\d+)/.exec(output);
  const peakKiB = Math.max(peak ? Number(peak[1]) : 0, sampledKiB);
  return { seconds, peakMiB: peakKiB > 0 ? peakKiB / 1024 : null, output };
}

/**
 * The resident memory of a process and all its descendants, in KiB, from /proc; null where
 * there is no /proc.
 * @param {number | undefined} pid
 * @returns {number | null}
 */
function treeRssKiB(pid) {
  if (pid === undefined || !existsSync('/proc')) return null;
  /** @type {Map<number, number[]>} */
  const children = new Map();
  /** @type {Map<number, number>} */
  const rss = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      rss.set(Number(name), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // the process ended while being read
    }
  }
  let total = 0;
  const pending = [pid];
  while (pending.length > 0) {
    const next = /** @type {number} */ (pending.pop());
    total += rss.get(next) ?? 0;
    pending.push(...(children.get(next) ?? []));
  }
  return total;
}

/**
 * `npm run dev` on the posts: time until a browser (Chromium, as the browser tests drive
 * it) shows the newest post's title on the home page, then time from saving an edit to a
 * post until the dev server serves the edited post.
 * @param {string} postsDir
 */
async function measureDev(postsDir) {
  const port = 5300 + Math.floor(Math.random() * 500);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  const started = performance.now();
  const child = spawn(process.execPath, [vite, '--port', String(port), '--strictPort'], {
    cwd: root,
    env: { ...process.env, POSTS_DIR: postsDir },
    stdio: 'ignore',
  });
  /** @param {string} url */
  const get = async (url) => {
    try {
      const response = await fetch(`http://localhost:${port}${url}`);
      return response.ok ? await response.text() : '';
    } catch {
      return '';
    }
  };
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  try {
    const page = await browser.newPage();
    while (!(await page.goto(`http://localhost:${port}/`).then(Boolean, () => false))) await pause();
    await page.locator('.post-list h2').first().waitFor({ timeout: 600_000 });
    const startSeconds = (performance.now() - started) / 1000;
    const marker = `Saved at ${Date.now()}.`;
    const saved = performance.now();
    await appendFile(path.join(postsDir, `${slugOf(2)}.md`), `\n${marker}\n`);
    while (!(await get(`/posts/${slugOf(2)}/page-data.json`)).includes(marker)) await pause();
    return { startSeconds, editSeconds: (performance.now() - saved) / 1000 };
  } finally {
    child.kill();
    await browser.close();
  }
}

/** @param {string} dir */
async function folderSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { bytes, files };
}

const HUGO_LAYOUTS = {
  'layouts/_default/baseof.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><header><a href="/">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>`,
  'layouts/_default/single.html': `{{ define "main" }}<article><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "January 2, 2006" }}</time>{{ .Content }}</article>{{ end }}`,
  'layouts/_default/list.html': `{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>{{ end }}{{ end }}`,
  'layouts/index.html': `{{ define "main" }}{{ range (where .Site.RegularPages "Section" "posts") }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p><a href="{{ .RelPermalink }}">Read more</a></article>{{ end }}{{ end }}`,
};

/**
 * Hugo on the same posts: a minimal site with the same routes (home, posts, tags).
 * @param {string} postsDir
 * @param {string} work
 */
async function hugo(postsDir, work) {
  const site = path.join(work, 'hugo');
  await mkdir(path.join(site, 'content'), { recursive: true });
  await cp(postsDir, path.join(site, 'content/posts'), { recursive: true });
  await writeFile(
    path.join(site, 'hugo.toml'),
    'baseURL = "https://example.org/"\ntitle = "Bench"\ndisableKinds = ["RSS", "sitemap", "robotsTXT"]\n[taxonomies]\ntag = "tags"\n',
  );
  for (const [file, text] of Object.entries(HUGO_LAYOUTS)) {
    await mkdir(path.dirname(path.join(site, file)), { recursive: true });
    await writeFile(path.join(site, file), text);
  }
  const run = () => measure('hugo', ['--quiet', '--destination', path.join(work, 'hugo-public')], { cwd: site });
  const cold = await run();
  const warm = await run();
  await appendFile(path.join(site, 'content/posts', `${slugOf(1)}.md`), '\nOne more sentence.\n');
  const edit = await run();
  return { cold: cold.seconds, warm: warm.seconds, edit: edit.seconds, peakMiB: cold.peakMiB };
}

/** @param {number} count */
async function benchmark(count) {
  const work = await mkdtemp(path.join(tmpdir(), `blog-bench-${count}-`));
  const postsDir = path.join(work, 'posts');
  await writeSyntheticPosts(postsDir, count);
  const dist = path.join(work, 'dist');
  const env = { ...process.env, POSTS_DIR: postsDir, NODE_ENV: 'production' };
  const build = () => measure(process.execPath, [vite, 'build', '--outDir', dist, '--emptyOutDir'], { cwd: root, env });

  // A new folder has no cached renderings, so the first build is cold.
  const cacheDir = path.join(
    root,
    'node_modules/.cache/blog-posts',
    createHash('sha256').update(postsDir).digest('hex').slice(0, 12),
  );
  const cold = await build();
  const warm = await build();
  await appendFile(path.join(postsDir, `${slugOf(1)}.md`), '\nOne more sentence.\n');
  const edit = await build();

  const tag = (await readdir(path.join(dist, 'tags')))[0];
  const pages = {
    home: await pageWeight(dist, 'index.html'),
    post: await pageWeight(dist, `posts/${slugOf(1)}/index.html`),
    tag: await pageWeight(dist, `tags/${tag}/index.html`),
  };
  const size = await folderSize(dist);
  const devWarm = await measureDev(postsDir);
  await rm(cacheDir, { recursive: true, force: true });
  const devCold = await measureDev(postsDir);
  const hugoResult = withHugo ? await hugo(postsDir, work) : null;
  await rm(work, { recursive: true, force: true });
  await rm(cacheDir, { recursive: true, force: true });
  return {
    posts: count,
    build: { coldSeconds: cold.seconds, warmSeconds: warm.seconds, editSeconds: edit.seconds, peakMiB: cold.peakMiB },
    pages,
    dev: {
      coldStartSeconds: devCold.startSeconds,
      warmStartSeconds: devWarm.startSeconds,
      editSeconds: devWarm.editSeconds,
    },
    dist: size,
    hugo: hugoResult,
  };
}

const results = [];
const floor = await measureFloor();
for (const count of counts) {
  process.stderr.write(`building ${count} posts…\n`);
  results.push(await benchmark(count));
}

/** @param {number} seconds */
const s = (seconds) => `${seconds.toFixed(2)} s`;
/** @param {number} bytes */
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
/** @param {number | null} mib */
const mem = (mib) => (mib === null ? 'n/a' : `${mib.toFixed(0)} MiB`);
/**
 * @param {number} ours
 * @param {number | null | undefined} theirs
 */
const vs = (ours, theirs) => (theirs ? ` (${(ours / theirs).toFixed(2)}×)` : '');

const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
console.log(`\nBenchmark ${new Date().toISOString().slice(0, 10)}, commit ${commit}, Node ${process.version}`);
console.log(`JavaScript floor (React + react-dom + react-router, BrowserRouter): ${kib(floor)} gzip\n`);
const header = [
  'posts',
  'build cold',
  'warm',
  'after 1 edit',
  'peak memory',
  'dev start cold / warm',
  'dev edit shown',
  'JS /',
  'JS post',
  'JS tag',
  'HTML /',
  'HTML post',
  'HTML tag',
  'dist',
  'files',
];
const rows = results.map((r) => [
  String(r.posts),
  s(r.build.coldSeconds) + vs(r.build.coldSeconds, r.hugo?.cold),
  s(r.build.warmSeconds) + vs(r.build.warmSeconds, r.hugo?.cold),
  s(r.build.editSeconds) + vs(r.build.editSeconds, r.hugo?.cold),
  mem(r.build.peakMiB) + vs(r.build.peakMiB ?? 0, r.hugo?.peakMiB),
  `${s(r.dev.coldStartSeconds)} / ${s(r.dev.warmStartSeconds)}`,
  s(r.dev.editSeconds),
  `${kib(r.pages.home.js)} (${(r.pages.home.js / floor).toFixed(3)}× floor)`,
  kib(r.pages.post.js),
  kib(r.pages.tag.js),
  kib(r.pages.home.html),
  kib(r.pages.post.html),
  kib(r.pages.tag.html),
  `${(r.dist.bytes / 1024 / 1024).toFixed(1)} MiB`,
  String(r.dist.files),
]);
const table = [header, header.map(() => '---'), ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
console.log(table);
const smallest = results.find((r) => r.posts === 10);
for (const r of results.filter((r) => r !== smallest && smallest)) {
  const ratio = r.dev.coldStartSeconds / (smallest?.dev.coldStartSeconds ?? NaN);
  console.log(`\ndev start with an empty cache, ${r.posts} posts ÷ 10 posts: ${ratio.toFixed(2)}×`);
}
if (results.some((r) => r.hugo)) {
  console.log(
    "\nHugo on the same posts. Ratios above: build cold, warm and after 1 edit ÷ Hugo's full build; peak memory ÷ Hugo's:\n",
  );
  console.log('| posts | build | rebuild after 1 edit | peak memory |\n| --- | --- | --- | --- |');
  for (const r of results) {
    if (r.hugo) console.log(`| ${r.posts} | ${s(r.hugo.cold)} | ${s(r.hugo.edit)} | ${mem(r.hugo.peakMiB)} |`);
  }
} else {
  console.log('\nHugo is not installed (apt-get install hugo), so there is no comparison.');
}
const report = { date: new Date().toISOString(), commit, node: process.version, floorJs: floor, results };
if (jsonFile) await writeFile(jsonFile, `${JSON.stringify(report, null, 2)}\n`);
console.log(`\n${JSON.stringify(report)}`);
