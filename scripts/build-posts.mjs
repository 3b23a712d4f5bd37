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
  /** @typedef {{ file: string, cell?: number, line: number | undefined, message: string }} Finding */
  /** @type {Finding[]} */
  const problems = [];
  /** @type {Finding[]} */
  const warnings = [];
  // eslint-disable-next-line no-control-regex
  for (const raw of output.replace(/\x1b\[[0-9;]*m/g, '').split('\n')) {
    const warning = raw.startsWith('[posts] warning: ');
    const line = warning ? raw.slice('[posts] warning: '.length) : raw;
    if (!line.startsWith(postsDir + path.sep)) continue;
    const match = /^(\S+?)(?: cell (\d+))?(?::(\d+))?(?:\/)? (.*)$/.exec(line.slice(postsDir.length + 1));
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
