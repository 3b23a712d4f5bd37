// @ts-check
// The JavaScript floor: the least a React + react-dom + react-router (BrowserRouter) app
// ships, built with this project's Vite the same way as the blog. The budgets
// (test/budgets.ts) and the benchmark measure every page against it.
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pageWeight } from '../plugins/page-weight.js';

const root = path.resolve(import.meta.dirname, '..');

/** @returns {Promise<number>} gzip bytes of first-load JavaScript */
export async function measureFloor() {
  const dir = await mkdtemp(path.join(tmpdir(), 'blog-floor-'));
  try {
    await mkdir(path.join(dir, 'src'));
    await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
    await writeFile(
      path.join(dir, 'index.html'),
      '<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>',
    );
    await writeFile(
      path.join(dir, 'src/main.tsx'),
      `import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
createRoot(document.getElementById('root')!).render(
  <BrowserRouter><Routes><Route path="/" element={<p>hello</p>} /></Routes></BrowserRouter>,
);\n`,
    );
    await writeFile(
      path.join(dir, 'vite.config.mjs'),
      "import react from '@vitejs/plugin-react';\nexport default { plugins: [react()] };\n",
    );
    const { NODE_ENV: _nodeEnv, ...env } = process.env;
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'silent'],
      {
        cwd: dir,
        env,
      },
    );
    return (await pageWeight(path.join(dir, 'dist'), 'index.html')).js;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
