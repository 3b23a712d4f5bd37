import { cp, mkdir, mkdtemp, readFile, readdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PATHOLOGICAL_POSTS } from '../pathological-posts.ts';
import { root } from '../site-build.ts';
import { launchChromium, recordDocumentLoads } from './browser.ts';
import { startDevServer, type DevServer } from './dev-server.ts';

/** `npm run dev` on a copy of the fixture posts, as an author would run it. */
describe('the dev server while an author edits posts', () => {
  let browser: Browser;
  let server: DevServer;
  let postsDir: string;
  let page: Page;

  beforeAll(async () => {
    postsDir = await mkdtemp(path.join(tmpdir(), 'blog-dev-posts-'));
    await cp(path.join(root, 'test/fixtures/site'), postsDir, { recursive: true });
    server = await startDevServer(postsDir);
    browser = await launchChromium();
    page = await browser.newPage();
    await page.goto(server.url, { waitUntil: 'networkidle' });
  });

  afterAll(async () => {
    await browser?.close();
    server?.stop();
    await rm(postsDir, { recursive: true, force: true });
  });

  const heading = () => page.getByRole('heading', { level: 1 }).textContent();
  const titles = () => page.getByRole('main').getByRole('article').getByRole('heading', { level: 2 }).allTextContents();

  test('lists the posts, drafts included and marked', async () => {
    expect(await heading()).toBe('Latest posts');
    expect(await titles()).toEqual([
      'Not finished',
      'A tour of GitHub-flavoured markdown',
      'A post with a figure',
      'Hello, world',
      'Latency of a 7B model by batch size',
    ]);
    expect(
      await page
        .getByRole('article')
        .filter({ hasText: 'Not finished' })
        .getByText('Draft', { exact: true })
        .isVisible(),
    ).toBe(true);
  });

  test('a broken post shows its problem in the page and the terminal while the others are served', async () => {
    const documents = recordDocumentLoads(page);
    const broken = path.join(postsDir, 'new-post.md');
    await writeFile(broken, '---\ndate: 2024-07-01\n---\n\nA post still being written.\n');
    const alert = page.getByRole('alert').filter({ hasText: 'problem' });
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain(`${broken}:1 title: is required`);
    expect(server.output()).toContain(`${broken}:1 title: is required`);
    expect(await titles()).toHaveLength(5);

    await writeFile(broken, '---\ntitle: A brand new post\ndate: 2024-07-01\n---\n\nA post still being written.\n');
    await expect.poll(titles, { timeout: 10_000 }).toContain('A brand new post');
    expect(await alert.count()).toBe(0);
    expect(documents).toEqual([]);
    await unlink(broken);
    await expect.poll(titles, { timeout: 10_000 }).not.toContain('A brand new post');
  });

  test('survives every kind of broken post, showing each problem until the file is fixed', async () => {
    const cases = await readdir(path.join(root, 'test/fixtures/bad'));
    expect(cases.length).toBeGreaterThan(15);
    const alert = page.getByRole('alert').filter({ hasText: 'problem' });
    const goodTitles = await titles();
    for (const name of cases) {
      const caseDir = path.join(root, 'test/fixtures/bad', name);
      // Add the case's files beside the good posts, never over one of them.
      const existing = new Set(await readdir(postsDir));
      const added = (await readdir(caseDir)).filter((entry) => !existing.has(entry));
      for (const entry of added) await cp(path.join(caseDir, entry), path.join(postsDir, entry), { recursive: true });
      await expect.poll(() => alert.textContent(), { timeout: 10_000, message: name }).toContain(`${postsDir}/`);
      // The good posts keep being served (a post whose only fault is a broken link is shown too).
      expect(await titles(), name).toEqual(expect.arrayContaining(goodTitles));
      await Promise.all(added.map((entry) => rm(path.join(postsDir, entry), { recursive: true, force: true })));
      await expect.poll(() => alert.count(), { timeout: 10_000, message: name }).toBe(0);
    }
  });

  test('a post built to crash or hang the build shows its problem within seconds, and the others stay', async () => {
    const alert = page.getByRole('alert').filter({ hasText: 'problem' });
    const goodTitles = await titles();
    for (const { slug, text, problem } of PATHOLOGICAL_POSTS.filter((post) => post.problem)) {
      const file = path.join(postsDir, `${slug}.md`);
      await writeFile(file, text);
      await expect.poll(() => alert.textContent(), { timeout: 5_000, message: slug }).toContain(file);
      const line = (await alert.getByRole('listitem').allTextContents()).find((item) => item.startsWith(file));
      expect(line?.slice(file.length), slug).toMatch(problem!);
      expect(await titles(), slug).toEqual(goodTitles);
      await unlink(file);
      await expect.poll(() => alert.count(), { timeout: 5_000, message: slug }).toBe(0);
    }
  });

  test('an edit to an open post shows on save', async () => {
    await page.getByRole('link', { name: 'Hello, world' }).first().click();
    await expect.poll(heading).toBe('Hello, world');
    const file = path.join(postsDir, 'hello-world.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace('A second paragraph', 'An edited second paragraph'));
    await expect.poll(() => page.getByText('An edited second paragraph').count(), { timeout: 10_000 }).toBe(1);
  });

  test('a notebook saved from Jupyter publishes, its plot served, and a saved edit shows', async () => {
    const notebook = await readFile(path.join(root, 'test/fixtures/notebooks/step-times/index.ipynb'), 'utf8');
    const folder = path.join(postsDir, 'step-times');
    // Jupyter saves as a new file renamed over the old one.
    const save = async (text: string) => {
      await writeFile(path.join(folder, '.~index.ipynb'), text);
      await rename(path.join(folder, '.~index.ipynb'), path.join(folder, 'index.ipynb'));
    };
    await mkdir(folder);
    await save(notebook);
    await page.goto(server.url, { waitUntil: 'networkidle' });
    await expect.poll(titles, { timeout: 10_000 }).toContain('Step times of a small MLP, eager and compiled');
    await page.getByRole('link', { name: 'Step times of a small MLP, eager and compiled' }).first().click();
    const plot = page.locator('#fig-step-times img');
    await plot.scrollIntoViewIfNeeded();
    await expect
      .poll(() => plot.evaluate((image: HTMLImageElement) => image.naturalWidth), { timeout: 10_000 })
      .toBe(960);
    const documents = recordDocumentLoads(page);
    await save(notebook.replace('A quick measurement before a longer post', 'A measurement, edited in Jupyter'));
    await expect.poll(() => page.getByText('A measurement, edited in Jupyter').count(), { timeout: 10_000 }).toBe(1);
    expect(documents).toEqual([]);
    await rm(folder, { recursive: true });
  });

  test("a post's old address, saved into its aliases, leads to it", async () => {
    const file = path.join(postsDir, 'hello-world.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace(/^---\n/, '---\naliases: [/2019/01/01/hello.html]\n'));
    const old = `${server.url}2019/01/01/hello.html`;
    await expect
      .poll(async () => (await fetch(old)).text(), { timeout: 10_000 })
      .toContain('<meta http-equiv="refresh" content="0; url=/posts/hello-world/">');
    const visitor = await browser.newPage();
    await visitor.goto(old);
    await expect.poll(() => new URL(visitor.url()).pathname, { timeout: 10_000 }).toBe('/posts/hello-world/');
    await visitor.close();
    await writeFile(file, original);
  });

  test('math saved into a post is styled as in a build, without reloading the page', async () => {
    await page.goto(`${server.url}posts/hello-world/`, { waitUntil: 'networkidle' });
    const documents = recordDocumentLoads(page);
    const file = path.join(postsDir, 'hello-world.md');
    const original = await readFile(file, 'utf8');
    await writeFile(file, `${original}\n$$\n\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}\n$$\n`);
    const cell = page.locator('.math-display mtd').first();
    await expect.poll(() => cell.count(), { timeout: 10_000 }).toBe(1);
    // The first cell's left padding is 0 (a browser's own is 0.4em): a class whose rule the
    // app's stylesheet receives from the posts.
    await expect
      .poll(() => cell.evaluate((element) => getComputedStyle(element).paddingLeft), { timeout: 10_000 })
      .toBe('0px');
    const className = await cell.getAttribute('class');
    expect(className).toMatch(/\bm-[0-9a-f]{8}\b/);
    expect(documents).toEqual([]);
    await writeFile(file, original);
  });
});
