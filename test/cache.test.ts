import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { readPosts, type ReadOptions } from '../plugins/posts/read.ts';
import { RenderCache, rendererFingerprint } from '../plugins/render-cache.ts';
import { closeRenderer, compiledPipeline, renderAll } from '../plugins/render-pool.ts';

const root = path.resolve(import.meta.dirname, '..');
let work: string;
let postsDir: string;
let cacheDir: string;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'blog-cache-'));
  postsDir = path.join(work, 'posts');
  cacheDir = path.join(work, 'cache');
  await cp(path.join(root, 'test/fixtures/site'), postsDir, { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

/** A read as a fresh build would do it: a new cache object over the same folder on disk. */
async function build(options: Partial<ReadOptions> = {}, fingerprint?: string) {
  const cache = new RenderCache(fingerprint ?? (await rendererFingerprint(root)), cacheDir);
  return readPosts({ postsDir, root, base: '/', includeDrafts: false, cache, ...options });
}
const htmlOf = (result: Awaited<ReturnType<typeof build>>, slug: string) =>
  result.posts.find((post) => post.slug === slug)?.html ?? '';

describe('the render cache never serves stale output', () => {
  test('a second build reuses every rendering from disk', async () => {
    expect((await build()).reused).toBe(0);
    const second = await build();
    expect(second.reused).toBe(5);
    expect(second.problems).toEqual([]);
  });

  test('an edited post is rendered again, the others are reused', async () => {
    await build();
    const file = path.join(postsDir, 'hello-world.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('A second paragraph', 'An edited paragraph'));
    const after = await build();
    expect(after.reused).toBe(4);
    expect(htmlOf(after, 'hello-world')).toContain('An edited paragraph');
  });

  test('a changed base path (a shared setting) renders everything again', async () => {
    await build();
    const moved = await build({ base: '/blog/' });
    expect(moved.reused).toBe(0);
    expect(htmlOf(moved, 'with-figure')).toContain('href="/blog/posts/hello-world/"');
  });

  test('a changed image beside a post renders that post again with the new file name', async () => {
    const before = htmlOf(await build(), 'with-figure');
    await writeFile(path.join(postsDir, 'with-figure/figure-6.png'), Buffer.from('not the same bytes'));
    const after = await build();
    expect(after.reused).toBe(4);
    expect(htmlOf(after, 'with-figure')).not.toBe(before);
  });

  test('removing a post that another links to renders the linking post again and reports the link', async () => {
    await build();
    await rm(path.join(postsDir, 'hello-world.md'));
    const after = await build();
    expect(after.problems).toContainEqual({
      file: path.join(postsDir, 'with-figure/index.md'),
      line: 16,
      message: 'broken link: ../hello-world.md is neither a file beside the post nor another post',
    });
  });

  test('the dev server keeps renderings in memory, only of the posts as they are now', async () => {
    const cache = new RenderCache(await rendererFingerprint(root));
    const read = () => readPosts({ postsDir, root, base: '/', includeDrafts: true, cache });
    expect((await read()).reused).toBe(0);
    expect((await read()).reused).toBe(5);
    const file = path.join(postsDir, 'hello-world.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('A second paragraph', 'An edited paragraph'));
    expect((await read()).reused).toBe(4);
    // The first version was dropped when the edit replaced it, so going back renders again.
    await writeFile(file, original);
    expect((await read()).reused).toBe(4);
  });

  test('a changed dependency version renders everything again', async () => {
    const project = path.join(work, 'project');
    await cp(path.join(root, 'plugins'), path.join(project, 'plugins'), { recursive: true });
    const lock = await readFile(path.join(root, 'package-lock.json'), 'utf8');
    await writeFile(path.join(project, 'package-lock.json'), lock);
    const before = await rendererFingerprint(project);
    await build({}, before);

    const bumped = lock.replace(/("node_modules\/react-markdown": \{\s+"version": ")[^"]+"/, '$110.1.1"');
    expect(bumped).not.toBe(lock);
    await writeFile(path.join(project, 'package-lock.json'), bumped);
    const after = await rendererFingerprint(project);
    expect(after).not.toBe(before);
    expect((await build({}, after)).reused).toBe(0);
  });

  test('a change to the renderer itself renders everything again', async () => {
    const project = path.join(work, 'project');
    await cp(root, project, {
      recursive: true,
      filter: (source) => !source.includes('node_modules') && !source.includes(`${path.sep}.git`),
    });
    const before = await rendererFingerprint(project);
    expect((await build({}, before)).reused).toBe(0);
    expect((await build({}, before)).reused).toBe(5);

    await writeFile(path.join(project, 'plugins/markdown/tables.ts'), '// a changed plugin\n', { flag: 'a' });
    const after = await rendererFingerprint(project);
    expect(after).not.toBe(before);
    expect((await build({}, after)).reused).toBe(0);
  });
});

test('the workers render with the renderer as its source is now', async () => {
  const project = path.join(work, 'project');
  await cp(root, project, {
    recursive: true,
    filter: (source) => !source.includes('node_modules') && !source.includes(`${path.sep}.git`),
  });
  await symlink(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
  const render = async () => {
    const context = { file: path.join(postsDir, 'note.md'), slug: 'note', postsDir, base: '/', slugs: {} };
    const { rendered } = await renderAll([{ source: '## Results\n\nText.\n', context }], { root: project });
    await closeRenderer(project);
    return rendered[0]?.html ?? '';
  };
  const before = await compiledPipeline(project);
  expect(await render()).toContain('aria-label="Link to this section: Results"');

  const anchors = path.join(project, 'plugins/markdown/heading-anchors.ts');
  await writeFile(anchors, (await readFile(anchors, 'utf8')).replace('Link to this section', 'Link to the section'));
  const after = await compiledPipeline(project);
  expect(after).not.toBe(before);
  expect(await render()).toContain('aria-label="Link to the section: Results"');
});
