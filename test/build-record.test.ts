import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { appKey } from '../plugins/build-record.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

test("the app's key changes with its sources, lock file, config and options, and not with the posts", async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'blog-app-key-'));
  dirs.push(root);
  await mkdir(path.join(root, 'src/components'), { recursive: true });
  await mkdir(path.join(root, 'posts'), { recursive: true });
  await writeFile(path.join(root, 'src/components/A.tsx'), 'export const A = 1;');
  await writeFile(path.join(root, 'package-lock.json'), '{}');
  await writeFile(path.join(root, 'vite.config.ts'), 'export default {};');
  await writeFile(path.join(root, 'posts/a.md'), '# A');
  const options = { base: '/', siteUrl: undefined };
  const first = await appKey(root, options);
  expect(await appKey(root, options)).toBe(first);

  await writeFile(path.join(root, 'posts/a.md'), '# A, edited');
  expect(await appKey(root, options)).toBe(first);

  expect(await appKey(root, { ...options, base: '/blog/' })).not.toBe(first);
  for (const [file, content] of [
    ['src/components/A.tsx', 'export const A = 2;'],
    ['package-lock.json', '{"lockfileVersion":3}'],
    ['vite.config.ts', 'export default { base: "/x/" };'],
    ['public/icon.svg', '<svg/>'],
  ] as const) {
    const before = await appKey(root, options);
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), content);
    expect(await appKey(root, options), file).not.toBe(before);
  }
});
