import { existsSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkAliases, oldTagPages } from '../plugins/posts/aliases.ts';
import { readPosts } from '../plugins/posts/read.ts';
import { redirectPage } from '../plugins/redirects.ts';
import { formatProblem } from '../plugins/problems.ts';
import { tempFolder } from './render-post.ts';
import { buildSite, root } from './site-build.ts';

/** Posts of these front matter lines (each after title and date), read as the build reads them. */
async function read(posts: Record<string, string>) {
  const dir = await tempFolder('blog-aliases-');
  for (const [name, fields] of Object.entries(posts)) {
    await writeFile(path.join(dir, `${name}.md`), `---\ntitle: ${name}\ndate: 2024-01-01\n${fields}---\n\nText.\n`);
  }
  const result = await readPosts({ postsDir: dir, root, base: '/', includeDrafts: false, siteFiles: ['favicon.svg'] });
  return {
    ...result,
    lines: result.problems.map((problem) => formatProblem({ ...problem, file: path.basename(problem.file) })),
    dir,
  };
}

describe('aliases: the old addresses of a post', () => {
  test('each must be a path of this site', async () => {
    const { lines } = await read({
      a: 'aliases:\n  - old-name\n  - https://old.example/x/\n  - /a/../b/\n  - /search?q=x\n',
      b: 'aliases: /old/\n',
    });
    const fix =
      "write the old address's path, starting with / and without its domain (such as /2018/06/24/old-name.html)";
    expect(lines).toEqual([
      `a.md:4 aliases.0: "old-name" is not an address on this site: ${fix}`,
      `a.md:4 aliases.1: "https://old.example/x/" is not an address on this site: ${fix}`,
      `a.md:4 aliases.2: "/a/../b/" is not an address on this site: ${fix}`,
      `a.md:4 aliases.3: "/search?q=x" is not an address on this site: ${fix}`,
      'b.md:4 aliases: expected a list of old addresses such as ["/2018/06/24/old-name.html"], got "/old/"',
    ]);
  });

  test("none may be an address the site answers, or another post's alias; each collision names both", async () => {
    const { lines, redirects, dir } = await read({
      a: 'tags: [tpu]\naliases: [/tags/tpu/, /posts/b/, /favicon.svg, /assets/old.png, /index.html, /old/]\n',
      b: 'aliases: [/old, /posts/a-first-draft/]\n',
    });
    expect(lines).toEqual([
      'a.md:5 aliases: /tags/tpu/ is the page of the tag "tpu"; an alias must be an address the site does not have',
      'a.md:5 aliases: /posts/b/ is the post "b"; an alias must be an address the site does not have',
      'a.md:5 aliases: /favicon.svg is the file /favicon.svg; an alias must be an address the site does not have',
      'a.md:5 aliases: /assets/old.png is an address the build keeps for its own files; an alias must be an address the site does not have',
      'a.md:5 aliases: /index.html is the home page; an alias must be an address the site does not have',
      `b.md:4 aliases: /old is also an alias of ${path.join(dir, 'a.md')}; an old address can lead to one post`,
    ]);
    // A post's former slug is free once no post has it: renaming a post keeps its old address.
    expect(redirects.map((redirect) => `${redirect.from} → ${redirect.to}`)).toEqual([
      '/old/ → /posts/a/',
      '/posts/a-first-draft/ → /posts/b/',
    ]);
  });
});

describe('a build with aliases', () => {
  test('writes a redirect page at each old address and _redirects, under the base path', async () => {
    const site = await buildSite('moved', { BASE_PATH: '/blog/', SITE_URL: 'https://example.org' });
    try {
      expect(site.code, site.output).toBe(0);
      const page = await readFile(path.join(site.outDir, '2024/03/02/profiling-llama.html'), 'utf8');
      expect(page).toContain('<meta http-equiv="refresh" content="0; url=/blog/posts/profiling-llama-on-tpu/">');
      expect(page).toContain('<link rel="canonical" href="https://example.org/blog/posts/profiling-llama-on-tpu/">');
      expect(page).toContain('<a href="/blog/posts/profiling-llama-on-tpu/">Profiling LLaMA on a TPU</a>');
      expect(page).not.toMatch(/<script|style=/);
      for (const file of [
        'blog/profiling-llama/index.html',
        'notes/profiling/index.html',
        'posts/profiling-llama/index.html',
        '2024/03/über-profiling/index.html',
      ]) {
        expect(await readFile(path.join(site.outDir, file), 'utf8'), file).toContain(
          'url=/blog/posts/profiling-llama-on-tpu/',
        );
      }
      expect(await readFile(path.join(site.outDir, '_redirects'), 'utf8')).toBe(
        [
          '/blog/2024/03/02/profiling-llama.html /blog/posts/profiling-llama-on-tpu/ 301',
          '/blog/blog/profiling-llama/ /blog/posts/profiling-llama-on-tpu/ 301',
          '/blog/notes/profiling /blog/posts/profiling-llama-on-tpu/ 301',
          '/blog/posts/profiling-llama/ /blog/posts/profiling-llama-on-tpu/ 301',
          '/blog/2024/03/%C3%BCber-profiling/ /blog/posts/profiling-llama-on-tpu/ 301',
          '',
        ].join('\n'),
      );
    } finally {
      await rm(site.outDir, { recursive: true, force: true });
    }
  });

  test('a rebuild into the same folder removes the page of an alias the post no longer has', async () => {
    const posts = await tempFolder('blog-aliases-moved-');
    await cp(path.join(root, 'test/fixtures/moved'), posts, { recursive: true });
    const outDir = await tempFolder('blog-aliases-out-');
    const first = await buildSite(posts, {}, root, outDir, { emptyOutDir: false });
    expect(first.code, first.output).toBe(0);
    const file = path.join(posts, 'profiling-llama-on-tpu.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('  - /notes/profiling\n', ''));
    const second = await buildSite(posts, {}, root, outDir, { emptyOutDir: false });
    expect(second.code, second.output).toBe(0);
    expect(existsSync(path.join(outDir, 'notes/profiling/index.html'))).toBe(false);
    expect(existsSync(path.join(outDir, 'blog/profiling-llama/index.html'))).toBe(true);
    expect(await readFile(path.join(outDir, '_redirects'), 'utf8')).not.toContain('/notes/profiling');
  });
});

describe('oldTagPages: where the tag pages were on the old site', () => {
  const posts = [
    {
      tags: [
        { name: 'PyTorch/XLA', slug: 'pytorch-xla' },
        { name: 'TPU', slug: 'tpu' },
      ],
    },
    { tags: [{ name: 'TPU', slug: 'tpu' }] },
  ];
  const targets = {
    base: '/',
    posts: new Map(),
    tags: new Map([
      ['tpu', 2],
      ['pytorch-xla', 1],
    ]),
    postsPerPage: 10,
    files: new Set<string>(),
  };

  test('each published tag gets a redirect page at each old address, to its page here', () => {
    const { redirects, problems } = checkAliases(
      oldTagPages(posts, ['/tag/{tag}/', '/categories/{tag}.html']),
      targets,
    );
    expect(problems).toEqual([]);
    expect(redirects.map((redirect) => `${redirect.from} → ${redirect.to}`)).toEqual([
      '/tag/pytorch-xla/ → /tags/pytorch-xla/',
      '/tag/tpu/ → /tags/tpu/',
      '/categories/pytorch-xla.html → /tags/pytorch-xla/',
      '/categories/tpu.html → /tags/tpu/',
    ]);
    const page = redirectPage(redirects[1]!, { base: '/blog/', siteUrl: 'https://example.org' } as Parameters<
      typeof redirectPage
    >[1]);
    expect(page).toContain('<meta http-equiv="refresh" content="0; url=/blog/tags/tpu/">');
    expect(page).toContain('<link rel="canonical" href="https://example.org/blog/tags/tpu/">');
    expect(page).toContain('The posts of this tag are here now: <a href="/blog/tags/tpu/">TPU</a>.');
  });

  test('an old tag page at an address the site has is a problem naming the setting', () => {
    const { problems } = checkAliases(oldTagPages(posts, ['/tags/{tag}/']), targets);
    expect(problems.map(formatProblem)).toEqual([
      'src/settings.ts oldTagPages: /tags/pytorch-xla/ is the page of the tag "pytorch-xla"; an alias must be an address the site does not have',
      'src/settings.ts oldTagPages: /tags/tpu/ is the page of the tag "tpu"; an alias must be an address the site does not have',
    ]);
  });
});
