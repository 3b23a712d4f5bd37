// @ts-check
// A build of some posts folder, to see what it publishes and refuses: `vite build` into a
// temporary folder (removed after), and its problem and warning lines as file, line and
// message. Used by `npm run corpus` and `npm run import`.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const vite = path.join(root, 'node_modules/vite/bin/vite.js');

/**
 * Runs `vite build` on one blog's posts.
 * @param {string} postsDir
 * @returns {Promise<{ code: number | null, output: string, seconds: number }>}
 */
export async function buildPosts(postsDir) {
  const outDir = await mkdtemp(path.join(tmpdir(), 'blog-corpus-'));
  const started = performance.now();
  const { NODE_ENV: _n, ...env } = process.env;
  const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir'], {
    cwd: root,
    env: { ...env, POSTS_DIR: postsDir, SITE_URL: 'https://example.org', NO_COLOR: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on('close', resolve));
  await rm(outDir, { recursive: true, force: true });
  return { code, output, seconds: (performance.now() - started) / 1000 };
}

/**
 * The problem and warning lines of a build's output, each as file, line and message.
 * @param {string} output
 * @param {string} postsDir
 */
export function findings(output, postsDir) {
  // The build names a post inside the project by its path from there (`posts/a.md`), any other by its absolute path.
  const relative = path.relative(root, postsDir);
  const prefixes = [
    postsDir + path.sep,
    ...(relative.startsWith('..') ? [] : [relative.split(path.sep).join('/') + '/']),
  ];
  /** @typedef {{ file: string, cell?: number, line: number | undefined, message: string }} Finding */
  /** @type {Finding[]} */
  const problems = [];
  /** @type {Finding[]} */
  const warnings = [];
  // eslint-disable-next-line no-control-regex
  for (const raw of output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const warning = raw.startsWith('[posts] warning: ');
    const line = warning ? raw.slice('[posts] warning: '.length) : raw;
    const prefix = prefixes.find((start) => line.startsWith(start));
    if (prefix === undefined) continue;
    const match = /^(\S+?)(?: cell (\d+))?(?::(\d+))?(?:\/)? (.*)$/.exec(line.slice(prefix.length));
    if (!match) continue;
    const [, file = '', cell, number, message = ''] = match;
    (warning ? warnings : problems).push({
      file,
      ...(cell ? { cell: Number(cell) } : {}),
      line: number ? Number(number) : undefined,
      message,
    });
  }
  return { problems, warnings };
}

/**
 * The build of `postsDir` as `npm run import` reports it: its problems and warnings, whether
 * it succeeded, and its last lines when it failed.
 * @param {string} postsDir
 */
export async function firstBuild(postsDir) {
  const { code, output } = await buildPosts(postsDir);
  const lines = output.split('\n').filter((line) => line.trim());
  return { ...findings(output, postsDir), ok: code === 0, ...(code === 0 ? {} : { tail: lines.slice(-2).join(' ') }) };
}
