import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { findings, firstBuild } from '../../build-posts.mjs';
import { runImport } from '../cli.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const fixture = (tool: string) => path.join(root, 'test/fixtures/import', tool);

/** Imports a fixture blog into a fresh project folder; the posts, the report and what was printed. */
async function importBlog(tool: string, options: { into?: string; args?: string[]; build?: boolean } = {}) {
  const project = options.into ?? mkdtempSync(path.join(tmpdir(), 'blog-import-'));
  const printed: string[] = [];
  const code = await runImport({
    root: project,
    args: [fixture(tool), ...(options.args ?? [])],
    postsDir: path.join(project, 'posts'),
    log: (line) => printed.push(line),
    ...(options.build ? { build: firstBuild } : {}),
  });
  const post = (slug: string) => readFileSync(path.join(project, 'posts', slug, 'index.md'), 'utf8');
  const reportFile = path.join(project, 'import-report.md');
  return {
    project,
    code,
    printed: printed.join('\n'),
    post,
    report: existsSync(reportFile) ? readFileSync(reportFile, 'utf8') : '',
  };
}

/** Every file under `dir` with its bytes and modification time. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(dir, full)] = `${statSync(full).mtimeMs} ${readFileSync(full, 'base64')}`;
    }
  };
  walk(dir);
  return files;
}

describe('a Jekyll blog', () => {
  test('front matter mapped, Liquid and kramdown converted, files beside the post, the old address kept', async () => {
    const { post, project, report } = await importBlog('jekyll');
    const loss = post('loss-curves');
    expect(report).toContain('3 posts found, 3 imported with 2 files beside them, 0 not imported.');
    expect(loss).toContain('title: Reading loss curves\ndate: 2023-05-14T09:30:00+02:00\n');
    expect(loss).toMatch(
      /tags:\n {2}- training\n {2}- plots\n {2}- ML\nimage: \.\/cover\.svg\naliases:\n {2}- \/ml\/2023\/05\/14\/Loss_Curves\.html\n---/,
    );
    expect(loss).not.toMatch(/layout|mathjax|comments|\{:|\{%\s*(raw|highlight|post_url)/);
    expect(loss).toContain('![The loss falling over 2,000 steps](./loss-curve.svg)\n');
    expect(loss).toContain('The loss is $L = -\\log p$ per token');
    expect(loss).toContain('$$\n\\bar{L} = \\frac{1}{N} \\sum_i L_i\n$$');
    expect(loss).toContain('```python\nprint(sum(losses) / len(losses))\n```');
    expect(loss).toContain('Templates write {{ value }} literally.');
    expect(loss).toContain('[the warm-up post](/posts/warmup/) and [the image](./cover.svg)');
    expect(loss).toContain('A loss curve tells more than its last value.\n\n<!-- more -->\n\n## The curve');
    expect(readFileSync(path.join(project, 'posts/loss-curves/cover.svg'))).toEqual(
      readFileSync(path.join(fixture('jekyll'), 'assets/img/cover.svg')),
    );
    // published: false is a draft; a link to the old address (with the old base path) is the new one.
    expect(post('warmup')).toContain('draft: true');
    expect(post('warmup')).toContain('[old link](/posts/loss-curves/#the-curve)');
    expect(post('half-precision')).toContain('draft: true');
    expect(report).toContain(
      '- `_posts/2023-05-14-Loss_Curves.md:40` Liquid tag {% include %}: write what the include showed',
    );
    expect(report).toContain('- `_drafts/half-precision.md:1` the post has no date');
    expect(report).toMatch(/\| `comments` \| not kept \| 1 \|/);
    expect(report).toMatch(/\| `mathjax` \| dropped: math is always on \| 1 \|/);
  });

  test('the first build is in the report: what it refuses, by file and line', async () => {
    const { report, printed } = await importBlog('jekyll', { build: true });
    expect(report).toContain('`npm run build` refuses 2 imported posts');
    expect(report).toContain('- `posts/half-precision/index.md:1` date: is required');
    expect(report).toContain('- `posts/loss-curves/index.md:33` broken link: there is no post "warmup"');
    expect(printed).toContain('the build refuses 2 posts');
  });
});

describe('the first build', () => {
  test('reads the build’s problems whether it names posts from the project (posts/…) or by their whole path', () => {
    const postsDir = path.join(root, 'posts');
    const output = [
      'posts/a/index.md:3 broken link: there is no post "b" (/posts/b/)',
      `${path.join(tmpdir(), 'elsewhere/c/index.md')}:4 not ours`,
      '[posts] warning: posts/a/index.md:5 <iframe> is not allowed in posts and was removed',
    ].join('\n');
    expect(findings(output, postsDir)).toEqual({
      problems: [{ file: 'a/index.md', line: 3, message: 'broken link: there is no post "b" (/posts/b/)' }],
      warnings: [{ file: 'a/index.md', line: 5, message: '<iframe> is not allowed in posts and was removed' }],
    });
  });

  test('says so when the build stops on a post that was there before, not on an imported one', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'blog-import-'));
    mkdirSync(path.join(project, 'posts'));
    writeFileSync(path.join(project, 'posts/mine.md'), '---\ntitle: Mine\n---\n\nNo date.\n');
    const { report } = await importBlog('hugo', { into: project, build: true });
    expect(report).toContain(
      '`npm run build` stops, though on no imported post: 1 problem in the posts that were there before.',
    );
  });
});

describe('a Hugo blog', () => {
  test('TOML front matter, shortcodes, escaped formulas, bundles and static files', async () => {
    const { post, report } = await importBlog('hugo', { build: true });
    const steps = post('step-times');
    expect(steps).toMatch(
      /^---\ntitle: Step times on one device\ndate: 2024-03-02T10:00:00-05:00\ndescription: Where a training step spends its time\.\ntags:\n {2}- profiling\n {2}- XLA\nupdated: 2024-04-01\naliases:\n {2}- \/2024\/03\/step-times-on-one-device\/\n---/,
    );
    expect(steps).toContain('$t = t_{\\text{fwd}} + t_{\\text{bwd}} + t_{\\text{opt}}$');
    expect(steps).toContain('![Bar chart of the three parts](./chart.svg "Time per part of a step")');
    expect(steps).toContain('```go {2}\nstart := time.Now()\nstep()\n```');
    expect(steps).toContain('\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n');
    expect(steps).toContain('[the memory post](/posts/memory-measured/)');
    expect(steps).toContain('[Gist octocat/12345](https://gist.github.com/octocat/12345)');
    expect(steps).toContain('`{{< figure src="x.png" >}}`');
    expect(post('memory-measured')).toContain('![The timeline of allocations](./timeline.svg)');
    expect(post('memory-measured')).toContain('aliases:\n  - /2024/02/memory-measured/');
    expect(report).toContain('- `content/posts/step-times/index.md:25` Hugo shortcode {{< notice >}}');
    expect(report).toMatch(/\| `author` \| not kept \| 1 \|/);
    expect(report).toContain('`npm run build` publishes every imported post.');
  });
});

describe('an Astro blog', () => {
  test('collection posts at their route, imports gone, imported images used, components listed', async () => {
    const { post, report } = await importBlog('astro');
    const cache = post('cache-warmup');
    expect(cache).toMatch(
      /^---\ntitle: Warming the compilation cache\ndate: 2024-07-08\ndescription: Keep compiled graphs between runs\.\ntags:\n {2}- xla\n {2}- cache\nupdated: 2024-07-20\nimage: \.\/og\.svg\naliases:\n {2}- \/blog\/cache-warmup\/\n---/,
    );
    expect(cache).not.toContain('import ');
    expect(cache).toContain('<img src="./hit-rate.svg" alt="Cache hit rate by run" />');
    expect(cache).toContain('<!-- a note for the author -->');
    expect(post('first-run')).toContain('[the cache](/posts/cache-warmup/)');
    expect(report).toContain('- `src/content/blog/cache-warmup/index.mdx:14` component <Chart>');
  });
});

describe('a Docusaurus blog', () => {
  test('dates from file names, slugs, titles from headings, admonitions, links to the old docs', async () => {
    const { post, report } = await importBlog('docusaurus');
    const sharding = post('sharding-a-model');
    expect(sharding).toMatch(
      /^---\ntitle: Sharding a model over a mesh\ndate: 2024-02-10\ntags:\n {2}- sharding\n {2}- tpu\ntoc: false\naliases:\n {2}- \/blog\/sharding-a-model\n---\n\nThe mesh has two axes\.\n\n<!-- more -->/,
    );
    expect(sharding).toContain(
      '> **Tip: Before you start**\n> Check the [device count](https://docs.example.org/docs/devices).',
    );
    expect(sharding).toContain('```python title="mesh.py"');
    const meshes = post('meshes');
    expect(meshes).toContain('tags:\n  - TPU\naliases:\n  - /blog/2024/01/05/meshes\n');
    expect(meshes).toContain('![the mesh](./mesh.svg)');
    expect(report).toContain('- `blog/2024-01-05-meshes.mdx:12` component <Tabs>');
    expect(report).toMatch(/\| `authors` \| not kept \| 1 \|/);
  });
});

describe('importing', () => {
  test('twice changes nothing the second time', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'blog-import-'));
    mkdirSync(path.join(project, 'src'));
    writeFileSync(path.join(project, 'src/settings.ts'), readFileSync(path.join(root, 'src/settings.ts')));
    const first = await importBlog('hugo', { into: project });
    const before = snapshot(first.project);
    const second = await importBlog('hugo', { into: first.project });
    expect(second.printed).toContain('0 written, 2 already imported, 0 not imported');
    expect(snapshot(first.project)).toEqual(before);
  });

  test('into a blog with posts keeps them, and says which old post was not imported', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'blog-import-'));
    mkdirSync(path.join(project, 'posts'));
    writeFileSync(path.join(project, 'posts/warmup.md'), '---\ntitle: Mine\ndate: 2020-01-01\n---\n\nMy own post.\n');
    const { printed, report } = await importBlog('jekyll', { into: project });
    expect(readFileSync(path.join(project, 'posts/warmup.md'), 'utf8')).toContain('My own post.');
    expect(existsSync(path.join(project, 'posts/warmup'))).toBe(false);
    expect(printed).toContain('_posts/2023-06-01-warmup.markdown: posts/warmup.md is there already; not overwritten');
    expect(report).toContain('not imported: `posts/warmup.md` is there already');
  });

  test('--dry-run writes nothing and prints the report', async () => {
    const { project, printed } = await importBlog('docusaurus', { args: ['--dry-run'] });
    expect(readdirSync(project)).toEqual([]);
    expect(printed).toContain('2 to write');
    expect(printed).toContain('# Import report (dry run: nothing was written)');
  });

  test('a folder that is no blog, or two kinds at once, is refused with the reason', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'blog-import-'));
    const printed: string[] = [];
    const log = (line: string) => printed.push(line);
    expect(await runImport({ root: project, args: [project], log })).toBe(2);
    expect(printed.join('\n')).toContain('is not a Jekyll, Hugo, Astro or Docusaurus blog');
    writeFileSync(path.join(project, '_config.yml'), 'title: x\n');
    writeFileSync(path.join(project, 'hugo.toml'), 'title = "x"\n');
    expect(await runImport({ root: project, args: [project], log })).toBe(2);
    expect(printed.join('\n')).toContain(
      'has the settings of hugo (hugo.toml) and jekyll (_config.yml): say which with --from',
    );
    expect(await runImport({ root: project, args: [project, '--from', 'wordpress'], log })).toBe(2);
  });
});

describe('the old tag pages', () => {
  test('go into oldTagPages in src/settings.ts, and nothing else there changes', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'blog-import-'));
    mkdirSync(path.join(project, 'src'));
    const settings = readFileSync(path.join(root, 'src/settings.ts'), 'utf8');
    writeFileSync(path.join(project, 'src/settings.ts'), settings);
    const { report } = await importBlog('hugo', { into: project });
    const after = readFileSync(path.join(project, 'src/settings.ts'), 'utf8');
    expect(after).toBe(
      settings.replace('oldTagPages: [] as string[],', "oldTagPages: ['/categories/{tag}/'] as string[],"),
    );
    expect(report).toContain("`oldTagPages` in `src/settings.ts` holds '/categories/{tag}/'");
    // Jekyll's archives are somewhere else again: both kept.
    await importBlog('jekyll', { into: project });
    expect(readFileSync(path.join(project, 'src/settings.ts'), 'utf8')).toContain(
      "oldTagPages: ['/categories/{tag}/', '/tag/{tag}/', '/category/{tag}/'] as string[],",
    );
  });

  test('without that setting to edit, the report gives the line to add', async () => {
    const { report } = await importBlog('docusaurus');
    expect(report).toContain(
      "add this line to the settings in `src/settings.ts`: `oldTagPages: ['/blog/tags/{tag}'] as string[],`",
    );
  });
});

describe('a hostile old blog', () => {
  test('copies no file from outside its folder, and writes no code into src/settings.ts', async () => {
    const blog = mkdtempSync(path.join(tmpdir(), 'blog-hostile-'));
    mkdirSync(path.join(blog, '_posts'));
    mkdirSync(path.join(blog, 'assets'));
    const outside = path.join(mkdtempSync(path.join(tmpdir(), 'blog-secret-')), 'secret.png');
    writeFileSync(outside, 'not the blog’s');
    symlinkSync(outside, path.join(blog, 'assets/linked.png'));
    writeFileSync(
      path.join(blog, '_config.yml'),
      'plugins: [jekyll-archives]\njekyll-archives:\n  permalinks:\n    tag: "/t/:name/\'] as string[], x: process.exit(3), y: [\'"\n',
    );
    const depth = '../'.repeat(12);
    writeFileSync(
      path.join(blog, '_posts/2024-01-01-escape.md'),
      `---\ntitle: Escape\nslug: ../../../escape\ntags: [a]\n---\n\n![one](${depth}${outside.slice(1)})\n![two](/${depth}${outside.slice(1)})\n![three](/assets/linked.png)\n`,
    );
    const project = mkdtempSync(path.join(tmpdir(), 'blog-import-'));
    mkdirSync(path.join(project, 'src'));
    const settings = readFileSync(path.join(root, 'src/settings.ts'), 'utf8');
    writeFileSync(path.join(project, 'src/settings.ts'), settings);
    const printed: string[] = [];
    await runImport({
      root: project,
      args: [blog],
      postsDir: path.join(project, 'posts'),
      log: (line) => printed.push(line),
    });
    expect(readdirSync(path.join(project, 'posts'))).toEqual(['escape']);
    expect(readdirSync(path.join(project, 'posts/escape'))).toEqual(['index.md']);
    // The category pages' default address is kept; the tag pages' hostile one is not.
    expect(readFileSync(path.join(project, 'src/settings.ts'), 'utf8')).toBe(
      settings.replace('oldTagPages: [] as string[],', "oldTagPages: ['/category/{tag}/'] as string[],"),
    );
    expect(printed.join('\n')).toContain('are not a plain path: not added to oldTagPages');
    const report = readFileSync(path.join(project, 'import-report.md'), 'utf8');
    expect(report.match(/no such file in the old blog/g)).toHaveLength(3);
  });
});
