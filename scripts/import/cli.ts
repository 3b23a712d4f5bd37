// `npm run import -- <old blog> [--from jekyll|hugo|astro|docusaurus] [--dry-run]`: the
// steps, in order. docs/importing.md explains each.
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readBlog } from './detect.ts';
import { planImport } from './plan.ts';
import { count, importReport, type FirstBuild, type TagPages } from './report.ts';
import type { Plan } from './plan.ts';
import { TOOLS, type Blog, type Tool } from './types.ts';
import { writePosts } from './write.ts';
import { tagPagesToRedirect, withOldTagPages } from './settings-file.ts';

/** Adds the old tag pages to src/settings.ts's `oldTagPages`; what the report says of them. */
async function setOldTagPages(
  root: string,
  blog: Blog,
  plan: Plan,
  dryRun: boolean,
  log: (line: string) => void,
): Promise<TagPages> {
  const { redirect: patterns, refused } = plan.posts.some((post) => (post.fields.tags ?? []).length > 0)
    ? tagPagesToRedirect(blog.tagPages)
    : { redirect: [], refused: [] };
  for (const pattern of refused)
    log(`the old tag pages ${JSON.stringify(pattern)} are not a plain path: not added to oldTagPages`);
  if (patterns.length === 0) return { patterns, set: true, refused };
  const file = path.join(root, 'src/settings.ts');
  const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const next = text === undefined ? undefined : withOldTagPages(text, patterns);
  if (next === undefined) return { patterns, set: false, refused };
  if (next !== text && !dryRun) {
    await writeFile(file, next);
    log(`src/settings.ts: the old tag pages (${patterns.join(', ')}) added to oldTagPages`);
  }
  return { patterns, set: true, refused };
}

export interface ImportOptions {
  /** The project's folder (posts/ is in it, import-report.md beside posts/). */
  root: string;
  args: string[];
  /** Where the posts go; else POSTS_DIR, else posts/ (relative to root). */
  postsDir?: string;
  /** Builds the posts folder (scripts/build-posts.mjs); left out, the report has no first build. */
  build?: (postsDir: string) => Promise<FirstBuild>;
  log?: (line: string) => void;
}

/** Runs the import; resolves to the exit code. */
export async function runImport({ root, args, build, log = console.log, ...options }: ImportOptions): Promise<number> {
  const from = args.includes('--from') ? args[args.indexOf('--from') + 1] : undefined;
  const dryRun = args.includes('--dry-run');
  const folder = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--from');
  if (!folder || (from !== undefined && !TOOLS.includes(from as Tool))) {
    log('usage: npm run import -- <folder of the old blog> [--from jekyll|hugo|astro|docusaurus] [--dry-run]');
    return 2;
  }
  const oldRoot = path.resolve(folder);
  if (!existsSync(oldRoot)) {
    log(`${folder}: no such folder`);
    return 2;
  }
  const blog = readBlog(oldRoot, from as Tool | undefined);
  if ('error' in blog) {
    log(blog.error);
    return 2;
  }
  const postsDir = path.resolve(root, options.postsDir ?? process.env.POSTS_DIR ?? 'posts');
  // The report is beside the posts folder: it names posts as `posts/<slug>/index.md`.
  const postsFolder = path.basename(postsDir);
  const plan = planImport(blog);
  const written = await writePosts(plan.posts, postsDir, dryRun);
  const outcomes = (outcome: string) => written.filter((item) => item.outcome === outcome).length;
  log(
    `${blog.posts.length} ${blog.tool} posts in ${folder}: ${outcomes('written')} ${dryRun ? 'to write' : 'written'}, ${outcomes('unchanged')} already imported, ${outcomes('kept') + plan.refused.length} not imported`,
  );
  for (const item of written.filter((item) => item.outcome === 'kept'))
    log(`  ${item.post.old.relative}: ${postsFolder}/${item.existing} is there already; not overwritten`);
  const tagPages = await setOldTagPages(root, blog, plan, dryRun, log);
  const result = !dryRun && build ? await build(postsDir) : undefined;
  const report = importReport({
    blog,
    plan,
    written,
    postsFolder,
    dryRun,
    tagPages,
    ...(result ? { build: result } : {}),
  });
  log(report);
  const left = plan.posts.reduce((sum, post) => sum + post.left.length, 0);
  log(
    `${count(left, 'thing')} left for the author${result ? `; the build refuses ${count(new Set(result.problems.map((p) => p.file.split('/')[0])).size, 'post')}` : ''}`,
  );
  if (dryRun) return 0;
  const reportFile = path.join(path.dirname(postsDir), 'import-report.md');
  // The same import twice writes the same report: leave the file as it is.
  if (!existsSync(reportFile) || readFileSync(reportFile, 'utf8') !== report) await writeFile(reportFile, report);
  log(`The report is in ${path.relative(root, reportFile) || reportFile} too.`);
  return 0;
}
