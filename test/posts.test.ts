import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { ParsedSources, readNewest, readPosts } from '../plugins/posts/read.ts';
import { formatProblem } from '../plugins/problems.ts';

const root = path.resolve(import.meta.dirname, '..');
const fixture = (name: string) => path.join(root, 'test/fixtures', name);

const folders: string[] = [];
/** A new empty folder, removed after the test. */
async function tempFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function problemsOf(name: string): Promise<string[]> {
  const result = await readPosts({ postsDir: fixture(`bad/${name}`), root, base: '/', includeDrafts: false });
  return result.problems.map(formatProblem);
}

describe('a bad post is reported with its file, line and problem', () => {
  test.each([
    ['missing-title', 'test/fixtures/bad/missing-title/no-title.md:1 title: is required'],
    ['empty-title', 'test/fixtures/bad/empty-title/empty-title.md:2 title: must not be empty'],
    ['missing-date', 'test/fixtures/bad/missing-date/no-date.md:1 date: is required (YYYY-MM-DD)'],
    [
      'impossible-date',
      'test/fixtures/bad/impossible-date/impossible-date.md:3 date: expected a real date as YYYY-MM-DD, got "2024-13-45"',
    ],
    ['unknown-field', 'test/fixtures/bad/unknown-field/typo.md:2 titel: unknown field (did you mean "title"?)'],
    ['bad-slug', 'test/fixtures/bad/bad-slug/My_Post.md slug: "My_Post" must be letters, digits and single hyphens'],
    ['missing-image', 'test/fixtures/bad/missing-image/broken-figure/index.md:8 image not found: ./figure-6.png'],
    ['no-front-matter', 'test/fixtures/bad/no-front-matter/plain.md:1 the file must start with front matter'],
    [
      'unclosed-front-matter',
      'test/fixtures/bad/unclosed-front-matter/unclosed.md:1 the front matter has no closing --- line',
    ],
    ['empty-file', 'test/fixtures/bad/empty-file/empty.md:1 the file is empty'],
    [
      'front-matter-only',
      'test/fixtures/bad/front-matter-only/only-front-matter.md:4 the post has no text after its front matter',
    ],
    ['tabs-in-yaml', 'test/fixtures/bad/tabs-in-yaml/tabs.md:3 YAML syntax error: Tabs are not allowed as indentation'],
    ['date-number', 'test/fixtures/bad/date-number/number-date.md:3 date: expected YYYY-MM-DD, got 20240115'],
    ['non-utf8', 'test/fixtures/bad/non-utf8/latin1.md:6 is not valid UTF-8 text; save the file with UTF-8 encoding'],
    [
      'case-only-slug',
      'test/fixtures/bad/case-only-slug/Hello-World.md slug: "hello-world" is also the slug of test/fixtures/bad/case-only-slug/hello-world.md (names that differ only in capitals publish at one address); rename one of them',
    ],
    ['broken-link', 'test/fixtures/bad/broken-link/links.md:6 broken link: there is no post "no-such-post"'],
    ['broken-link', 'test/fixtures/bad/broken-link/links.md:8 broken link: no post has the tag "nothing"'],
    [
      'broken-anchor',
      'test/fixtures/bad/broken-anchor/anchor.md:8 broken link: no heading or anchor "absent" in this post',
    ],
    [
      'missing-public-image',
      'test/fixtures/bad/missing-public-image/logo.md:8 image not found: /images/logo.png is not a file of this site',
    ],
    ['bad-math', 'test/fixtures/bad/bad-math/math.md:6 math: Unexpected end of input in a macro argument'],
    ['malformed-url', 'test/fixtures/bad/malformed-url/url.md:6 malformed URL: http://'],
    [
      'broken-relative-link',
      'test/fixtures/bad/broken-relative-link/rel.md:6 broken link: ./slides.pdf is neither a file beside the post nor another post',
    ],
    [
      'unsafe-svg',
      'test/fixtures/bad/unsafe-svg/diagram/index.md:8 ./diagram.svg is an SVG with scripts or event handlers',
    ],
    [
      'tags-not-a-list',
      'test/fixtures/bad/tags-not-a-list/tags-string.md:4 tags: expected a list such as [pytorch, tpu], got "pytorch"',
    ],
  ])('%s', async (name, expected) => {
    const problems = await problemsOf(name);
    expect(
      problems.some((problem) => problem.startsWith(expected)),
      problems.join('\n'),
    ).toBe(true);
  });

  test('a YAML syntax error names the line of the unclosed list', async () => {
    const [problem] = await problemsOf('yaml-syntax');
    expect(problem).toMatch(/^test\/fixtures\/bad\/yaml-syntax\/broken-yaml\.md:4 YAML syntax error: /);
  });

  test('two posts with one slug name both files', async () => {
    const problems = await problemsOf('duplicate-slug');
    expect(problems).toEqual([
      'test/fixtures/bad/duplicate-slug/same-name.md slug: "same-name" is also the slug of test/fixtures/bad/duplicate-slug/same-name/index.md; rename one of them',
    ]);
  });

  test('a file name with capitals publishes at its lower-cased slug, and links to it work', async () => {
    const dir = await tempFolder('blog-capitals-');
    await mkdir(path.join(dir, 'From-GAN-to-WGAN'));
    await writeFile(
      path.join(dir, 'From-GAN-to-WGAN/index.md'),
      '---\ntitle: GAN\ndate: 2024-01-02\n---\n\n## Losses\n',
    );
    await writeFile(
      path.join(dir, 'links.md'),
      '---\ntitle: L\ndate: 2024-01-01\n---\n\n[file](./From-GAN-to-WGAN/index.md) and [page](/posts/from-gan-to-wgan/#losses)\n',
    );
    const { problems, posts } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(problems).toEqual([]);
    expect(posts.map((post) => post.slug)).toEqual(['from-gan-to-wgan', 'links']);
    expect(posts[1]?.html).toContain('<a href="/posts/from-gan-to-wgan/">file</a>');
  });

  test('a post refused for a problem of its own is still there for links to it: one fault, one line', async () => {
    const dir = await tempFolder('blog-one-fault-');
    await writeFile(
      path.join(dir, 'refused.md'),
      '---\ntitle: Refused\ndate: 2024-02-30\ntags: [rare]\n---\n\n## Section\n\n<a name="spot"></a>Text.\n',
    );
    await writeFile(path.join(dir, 'unread.md'), '---\ntitle: [unclosed\n---\n\nText.\n');
    await writeFile(path.join(dir, '1.6-release.md'), '---\ntitle: Release\ndate: 2024-01-03\n---\n\nText.\n');
    await writeFile(
      path.join(dir, 'linking.md'),
      '---\ntitle: Linking\ndate: 2024-01-01\n---\n\n' +
        '[a](/posts/refused/) [b](./refused.md) [c](/posts/refused/#section) [d](/tags/rare/) [e](/posts/unread/)\n\n' +
        '[f](/posts/refused/#spot) [g](/posts/refused/#nowhere) [h](/posts/1.6-release/)\n',
    );
    const { problems } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }))).toEqual([
      '1.6-release.md slug: "1.6-release" must be letters, digits and single hyphens; rename it to "1-6-release"',
      'linking.md:8 broken link: no heading or anchor "nowhere" in posts/refused/ (/posts/refused/#nowhere)',
      'refused.md:3 date: expected a real date as YYYY-MM-DD, got "2024-02-30"',
      expect.stringMatching(/^unread\.md:2 YAML syntax error: /),
    ]);
  });

  test('two reads at once (the dev server reads again on a save) each resolve links with their own posts', async () => {
    const folders = await Promise.all([tempFolder('blog-read-a-'), tempFolder('blog-read-b-')]);
    for (const [i, dir] of folders.entries()) {
      await writeFile(path.join(dir, `target-${i}.md`), `---\ntitle: T\ndate: 2024-01-02\n---\n\nText.\n`);
      for (let n = 0; n < 40; n++) {
        const body = `---\ntitle: P${n}\ndate: 2024-01-01\n---\n\n[the target](./target-${i}.md)\n`;
        await writeFile(path.join(dir, `post-${n}.md`), body);
      }
    }
    const reads = await Promise.all(
      folders.map((postsDir) => readPosts({ postsDir, root, base: '/', includeDrafts: false })),
    );
    reads.forEach(({ problems, posts }, i) => {
      expect(problems).toEqual([]);
      for (const post of posts.filter((p) => p.slug.startsWith('post-'))) {
        expect(post.html).toContain(`<a href="/posts/target-${i}/">the target</a>`);
      }
    });
  });

  test('every problem in every post is listed, not just the first', async () => {
    const dir = await tempFolder('blog-many-problems-');
    await writeFile(path.join(dir, 'a.md'), '---\ndate: 2024-13-45\ntitel: x\n---\n\n![gone](./gone.png)\n');
    await writeFile(path.join(dir, 'b.md'), '---\ntitle: B\n---\n\nSee [nothing](/posts/nothing/).\n');
    const { problems } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(problems.map((p) => formatProblem({ ...p, file: path.basename(p.file) }))).toEqual([
      'a.md:1 title: is required',
      'a.md:2 date: expected a real date as YYYY-MM-DD, got "2024-13-45"',
      'a.md:3 titel: unknown field (did you mean "title"?); allowed: title, date, description, tags, draft, updated, toc, bibliography, image, aliases',
      "a.md:6 image not found: ./gone.png (paths are relative to the post's file)",
      'b.md:1 date: is required (YYYY-MM-DD)',
      'b.md:5 broken link: there is no post "nothing" (/posts/nothing/)',
    ]);
  });
});

describe('the image field', () => {
  test('names an image beside the post, which must exist', async () => {
    const dir = await tempFolder('blog-image-');
    await writeFile(path.join(dir, 'a.md'), '---\ntitle: A\ndate: 2024-01-01\nimage: ./cover.png\n---\n\nText.\n');
    const { problems, posts } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(problems.map((p) => formatProblem({ ...p, file: 'a.md' }))).toEqual([
      "a.md:4 image: not found: ./cover.png (paths are relative to the post's file)",
    ]);
    expect(posts).toEqual([]);
  });
});

describe('the posts of a good folder', () => {
  const read = (includeDrafts = false, base = '/') =>
    readPosts({ postsDir: fixture('site'), root, base, includeDrafts });

  test('come newest first, without drafts', async () => {
    const { posts, problems } = await read();
    expect(problems).toEqual([]);
    expect(posts.map((post) => post.slug)).toEqual(['markdown-tour', 'with-figure', 'hello-world', 'latency-study']);
  });

  test("the dev server's first look renders the newest posts only, and counts them all", async () => {
    const progress: number[] = [];
    const look = await readNewest(
      {
        postsDir: fixture('site'),
        root,
        base: '/',
        includeDrafts: false,
        onProgress: (_, total) => progress.push(total),
      },
      2,
    );
    expect(look.posts?.map((post) => post.slug)).toEqual(['markdown-tour', 'with-figure']);
    expect(look.total).toBe(4);
    expect(new Set(progress)).toEqual(new Set([2])); // two posts rendered, not five
    const full = await read();
    expect(look.posts?.[0]?.html).toBe(full.posts[0]?.html);
  });

  test.each([
    [
      'in memory (the dev server)',
      (): ((store: string) => ParsedSources) => {
        const parsed = new ParsedSources();
        return () => parsed;
      },
    ],
    ['in a file, loaded for each read (builds)', () => (store: string) => ParsedSources.load(store, 'parser 1')],
  ])('front matter kept from earlier reads %s: an edited post is read as it is now', async (_, keeping) => {
    const postsDir = await tempFolder('blog-reread-');
    const file = path.join(postsDir, 'note.md');
    const store = path.join(await tempFolder('blog-kept-store-'), 'front-matter.json');
    const kept = keeping();
    const read = async () => {
      const options = { postsDir, root, base: '/', includeDrafts: true, parsed: kept(store) };
      const result = await readPosts(options);
      options.parsed.save();
      return result;
    };
    const write = (title: string, tags: string) =>
      writeFile(file, `---\ntitle: ${title}\ndate: 2024-01-01\ntags: [${tags}]\n---\n\nText.\n`);
    await write('First', 'gpu');
    expect((await read()).posts[0]?.title).toBe('First');
    // Same length, other bytes: a reuse keyed on anything but the bytes would miss it.
    await write('Fixed', 'tpu');
    const again = await read();
    expect(again.posts[0]?.title).toBe('Fixed');
    expect(again.posts[0]?.tags.map((tag) => tag.slug)).toEqual(['tpu']);
    await writeFile(file, '---\ntitle: Broken\n---\n\nText.\n');
    expect((await read()).problems.map(formatProblem)).toEqual([`${file}:1 date: is required (YYYY-MM-DD)`]);
  });

  test('front matter kept in a file is reused only by the parser that made it', async () => {
    const postsDir = await tempFolder('blog-kept-');
    await writeFile(path.join(postsDir, 'note.md'), '---\ntitle: Real title\ndate: 2024-01-01\n---\n\nText.\n');
    const store = path.join(await tempFolder('blog-kept-store-'), 'front-matter.json');
    const read = async (fingerprint: string) => {
      const parsed = ParsedSources.load(store, fingerprint);
      const result = await readPosts({ postsDir, root, base: '/', includeDrafts: true, parsed });
      parsed.save();
      return result.posts[0]?.title;
    };
    expect(await read('parser 1')).toBe('Real title');
    // What the next read finds kept is what it shows: it parsed nothing again.
    const kept = await readFile(store, 'utf8');
    await writeFile(store, kept.replace('Real title', 'Kept title'));
    expect(await read('parser 1')).toBe('Kept title');
    // Another parser (its source or a package changed) parses every post again.
    expect(await read('parser 2')).toBe('Real title');
  });

  test('the first look picks the same newest posts as the full read, however their dates are written', async () => {
    const postsDir = await tempFolder('blog-newest-');
    const dates = [
      'date: 2024-03-01', // plain
      "date: '2024-03-05'", // quoted
      'date: 2024-03-03T09:30:00Z # morning', // a time and a comment
      'date: >-\n  2024-02-01', // not plain: read in full (and oldest)
      'draft: true\ndate: 2024-03-10', // a draft, newest of all
      'date: 2024-03-08\ntitle_extra: x', // newest, with a problem (an unknown field)
      'date: 2024-03-02\ndate: 2024-03-07', // two dates: a YAML error
      'date: 2024-03-04',
    ];
    for (const [i, lines] of dates.entries()) {
      await writeFile(path.join(postsDir, `post-${i}.md`), `---\ntitle: Post ${i}\n${lines}\n---\n\nText ${i}.\n`);
    }
    for (const includeDrafts of [false, true]) {
      const options = { postsDir, root, base: '/', includeDrafts };
      const full = await readPosts(options);
      for (const count of [1, 2, 3, 6]) {
        const look = await readNewest(options, count);
        expect(look.posts?.map((post) => post.slug)).toEqual(full.posts.slice(0, count).map((post) => post.slug));
      }
    }
    // The newest has a problem: the next newest take its place, not an older post read in full.
    expect(
      (await readNewest({ postsDir, root, base: '/', includeDrafts: false }, 2)).posts?.map((p) => p.slug),
    ).toEqual(['post-1', 'post-7']);
  });

  test('include drafts, marked as such, when asked (the dev server)', async () => {
    const { posts } = await read(true);
    expect(posts.find((post) => post.slug === 'work-in-progress')?.draft).toBe(true);
  });

  test('take the description as excerpt, else the first paragraph', async () => {
    const { posts } = await read();
    const bySlug = new Map(posts.map((post) => [post.slug, post]));
    expect(bySlug.get('with-figure')?.excerpt).toBe('One sentence that summarises the figure post.');
    expect(bySlug.get('hello-world')?.excerpt).toBe('The first paragraph is the excerpt when there is no description.');
  });

  test('format dates for people once, and link newer and older posts', async () => {
    const { posts } = await read();
    const [tour, figure] = posts;
    expect(tour?.dateLabel).toBe('May 20, 2024');
    expect(figure?.updatedLabel).toBe('March 10, 2024');
    expect(figure?.newer).toEqual({ slug: 'markdown-tour', title: 'A tour of GitHub-flavoured markdown' });
    expect(figure?.older).toEqual({ slug: 'hello-world', title: 'Hello, world' });
  });

  test('ship co-located files under hashed names below the base path', async () => {
    const { posts, assets } = await read(false, '/blog/');
    const html = posts.find((post) => post.slug === 'with-figure')?.html ?? '';
    const image = assets.find((asset) => 'source' in asset && asset.source.endsWith('figure-6.png'));
    const data = assets.find((asset) => 'source' in asset && asset.source.endsWith('data.csv'));
    expect(image?.fileName).toMatch(/^assets\/figure-6-[0-9a-f]{8}\.png$/);
    expect(html).toContain(
      `<figure id="figure-1"><img src="/blog/${image?.fileName}" alt="Latency by prompt length" decoding="async" width="8" height="4"/><figcaption>Figure 1: Latency against prompt length, 10 to 1,500 tokens</figcaption></figure>`,
    );
    expect(html).toContain(`<a href="/blog/${data?.fileName}">the data file</a>`);
    expect(html).toContain('<a href="/blog/posts/hello-world/">the first post</a>');
    expect(html).toContain('<a href="/blog/posts/markdown-tour/#table">its table</a>');
  });

  test('render GitHub-flavoured markdown and allow-listed raw HTML', async () => {
    const { posts } = await read();
    const html = posts.find((post) => post.slug === 'markdown-tour')?.html ?? '';
    expect(html).toContain('<h2 id="table">Table</h2>');
    expect(html).toContain('<table>');
    expect(html).toContain('<input type="checkbox" disabled="" aria-label="done" checked=""/> done');
    expect(html).toContain('<del>strikethrough</del>');
    expect(html).toContain('<span class="code-language">Python</span>');
    expect(html).toMatch(/<span class="math-inline"><math><mrow><mi>O<\/mi>/);
    expect(html).toContain('<div class="math-display"><math display="block" class="tml-display">');
    expect(html).not.toContain('style=');
    expect(html).toContain('<kbd>Ctrl</kbd>');
    expect(html).toContain('<details><summary>Raw HTML from the allow-list</summary>');
    // Footnote references still reach their notes after the sanitiser prefixed the ids.
    expect(html).toMatch(/<a href="#user-content-fn-1" id="user-content-fnref-1" data-footnote-ref/);
    expect(html).toContain('<li id="user-content-fn-1">');
    expect(html).toContain('href="#user-content-fnref-1"');
  });
});

describe('unusual but valid posts', () => {
  const read = () => readPosts({ postsDir: fixture('edge'), root, base: '/', includeDrafts: false });

  test('a BOM and Windows line endings are read like any other post', async () => {
    const { posts, problems } = await read();
    expect(problems).toEqual([]);
    const post = posts.find((p) => p.slug === 'bom-crlf');
    expect(post).toMatchObject({ title: 'BOM and CRLF', date: '2024-01-03', excerpt: 'Written on Windows.' });
    expect(post?.tags).toEqual([{ name: 'windows', slug: 'windows' }]);
  });

  test('two posts may share a title', async () => {
    const { posts } = await read();
    expect(posts.filter((p) => p.title === 'Same title').map((p) => p.slug)).toEqual([
      'same-title-two',
      'same-title-one',
    ]);
  });

  test('a 5 MB post builds', { timeout: 120_000 }, async () => {
    const dir = await tempFolder('blog-big-post-');
    const section = (i: number) =>
      `## Section ${i}\n\n${'XLA compiles **graphs** once and runs them many times. '.repeat(40)}\n\n\`\`\`python\nx = ${i}\n\`\`\`\n\n`;
    const body = Array.from({ length: Math.ceil(5_000_000 / section(0).length) }, (_, i) => section(i)).join('');
    await writeFile(path.join(dir, 'big.md'), `---\ntitle: Big\ndate: 2024-01-01\n---\n\n${body}`);
    const { posts, problems } = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false });
    expect(problems).toEqual([]);
    expect(posts[0]?.html.length).toBeGreaterThan(5_000_000);
  });
});

describe('files beside a post', () => {
  test('a post that is a symbolic link is refused', async () => {
    const dir = await tempFolder('blog-symlink-');
    await mkdir(path.join(dir, 'posts'));
    await writeFile(path.join(dir, 'outside.md'), '---\ntitle: Outside\ndate: 2024-01-01\n---\n\nText.\n');
    await symlink(path.join(dir, 'outside.md'), path.join(dir, 'posts/linked.md'));
    const result = await readPosts({ postsDir: path.join(dir, 'posts'), root, base: '/', includeDrafts: false });
    expect(result.posts).toEqual([]);
    expect(result.problems.map(formatProblem)).toEqual([
      `${path.join(dir, 'posts/linked.md')} is a symbolic link; a post must be a real file or folder in posts/`,
    ]);
  });

  test('a symbolic link out of the posts folder is not published', async () => {
    const dir = await tempFolder('blog-symlink-');
    await mkdir(path.join(dir, 'posts/leak'), { recursive: true });
    await writeFile(path.join(dir, 'outside.txt'), 'a file of the build machine');
    await symlink(path.join(dir, 'outside.txt'), path.join(dir, 'posts/leak/secret.png'));
    await writeFile(
      path.join(dir, 'posts/leak/index.md'),
      '---\ntitle: Leak\ndate: 2024-01-01\n---\n\n![x](./secret.png)\n',
    );
    const { posts, assets, problems } = await readPosts({
      postsDir: path.join(dir, 'posts'),
      root,
      base: '/',
      includeDrafts: false,
    });
    expect(assets).toEqual([]);
    expect(posts[0]?.html).not.toContain('assets/');
    expect(problems.map(formatProblem)).toEqual([
      `${path.join(dir, 'posts/leak/index.md')}:6 image not found: ./secret.png (paths are relative to the post's file)`,
    ]);
  });
});
