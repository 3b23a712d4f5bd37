import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { root } from './site-build.ts';

const DOCS = ['README.md', ...readdirSync(path.join(root, 'docs')).map((name) => `docs/${name}`)];
const TOP_LEVEL = new Set(readdirSync(root).filter((name) => !['node_modules', 'dist', '.git'].includes(name)));
const read = (doc: string) => readFileSync(path.join(root, doc), 'utf8');

/** Paths of this repository a doc names: in backticks, as links, and in the README's folder tree. */
function namedPaths(doc: string): string[] {
  const text = read(doc);
  // Code blocks hold examples (a post's own `./figure-6.png`); the folder tree is read apart.
  const prose = text.replace(/```[\s\S]*?```/g, '');
  const inBackticks = [...prose.matchAll(/`([^`\s<>*]+)`/g)].map((match) => match[1]!);
  const linked = [...prose.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)#\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
    .map((target) => path.join(path.dirname(doc), target));
  const fromRoot = inBackticks.filter((token) => TOP_LEVEL.has(token.split('/')[0]!) && token.includes('/'));
  return [...fromRoot, ...linked, ...treePaths(text)];
}

/** The folder tree: each name (`a.ts, b.ts`) inside the folder it is indented under, two spaces a level. */
function treePaths(text: string): string[] {
  const tree = /```\n(posts\/[\s\S]*?)```/.exec(text)?.[1];
  if (!tree) return [];
  const paths: string[] = [];
  const folders: string[] = [];
  for (const line of tree.split('\n')) {
    const depth = Math.floor((line.length - line.trimStart().length) / 2);
    // The names column ends where two spaces begin the description.
    const names = (/^\s*(.*?)(?: {2,}|$)/.exec(line)?.[1] ?? '').split(/,\s*/).filter(Boolean);
    if (names.length === 0) continue;
    folders.length = depth;
    const parent = folders.join('');
    paths.push(...names.map((name) => `${parent}${name}`));
    if (names[0]!.endsWith('/')) folders.push(names[0]!);
  }
  return paths;
}

describe('the docs', () => {
  test.each(DOCS)('%s names only files that exist', (doc) => {
    const missing = namedPaths(doc).filter((file) => !existsSync(path.join(root, file)));
    expect(missing).toEqual([]);
  });

  test("the README's command table is package.json's scripts", () => {
    const scripts = Object.keys(JSON.parse(read('package.json')).scripts as Record<string, string>).sort();
    const rows = [...read('README.md').matchAll(/^\| `npm (?:run )?([\w:-]+)`/gm)].map((match) => match[1]!);
    expect(rows.sort()).toEqual(scripts);
  });
});
