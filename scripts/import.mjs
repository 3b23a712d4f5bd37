// @ts-check
// `npm run import -- <old blog> [--from jekyll|hugo|astro|docusaurus] [--dry-run]`: moves a
// Jekyll, Hugo, Astro or Docusaurus blog into posts/ (docs/importing.md). The importer is
// TypeScript (scripts/import/), run through Vite's module runner as the build's plugins are.
import path from 'node:path';
import { runnerImport } from 'vite';
import { firstBuild } from './build-posts.mjs';

const root = path.resolve(import.meta.dirname, '..');
/** @type {{ module: typeof import('./import/cli.ts') }} */
const { module } = await runnerImport(path.join(root, 'scripts/import/cli.ts'));
process.exitCode = await module.runImport({
  root,
  args: process.argv.slice(2),
  build: firstBuild,
});
