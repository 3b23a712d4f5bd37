// The import's report, as markdown (printed in short, written in full to import-report.md):
// what was imported, each field's fate, what was converted, what is left for the author
// (old file:line, what, how to fix it), and the first build's problems.
import { slugify } from '../../plugins/slugify.js';
import type { Plan } from './plan.ts';
import type { Blog } from './types.ts';
import type { Written } from './write.ts';

export interface BuildFinding {
  file: string;
  line?: number;
  cell?: number;
  message: string;
}

/** The old tag pages to redirect, and whether src/settings.ts's `oldTagPages` holds them. */
export interface TagPages {
  patterns: string[];
  set: boolean;
  /** Old tag page addresses from the old settings that are no plain path: not written anywhere. */
  refused: string[];
}

/** The build run on the posts folder after the import. */
export interface FirstBuild {
  problems: BuildFinding[];
  warnings: BuildFinding[];
  ok: boolean;
  /** The build's last lines, when it failed. */
  tail?: string;
}

export interface ReportInput {
  tagPages: TagPages;
  blog: Blog;
  plan: Plan;
  written: Written[];
  postsFolder: string;
  dryRun: boolean;
  build?: FirstBuild;
}

const NAMES = { jekyll: 'Jekyll', hugo: 'Hugo', astro: 'Astro', docusaurus: 'Docusaurus' };
const code = (text: string) => `\`${text.replace(/`/g, 'ˋ')}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function importReport(input: ReportInput): string {
  const { blog, plan, written, postsFolder } = input;
  const imported = written.filter((item) => item.outcome !== 'kept');
  const kept = written.filter((item) => item.outcome === 'kept');
  const lines = [
    `# Import report${input.dryRun ? ' (dry run: nothing was written)' : ''}`,
    '',
    `From a ${NAMES[blog.tool]} blog (${code(blog.detectedBy)}) into ${code(postsFolder)}: ${blog.posts.length} posts found, ${imported.length} imported with ${files(imported)} beside them, ${kept.length + plan.refused.length} not imported.`,
    ...blog.notes.map((note) => `- ${note}`),
    '',
    '## Posts',
    '',
    '| old file | new post | old addresses (aliases) |',
    '| --- | --- | --- |',
    ...written.map(({ post, outcome, existing }) => {
      const target =
        outcome === 'kept'
          ? `not imported: ${code(`${postsFolder}/${existing}`)} is there already`
          : code(`${postsFolder}/${post.slug}/index.md`);
      return `| ${code(post.old.relative)} | ${target} | ${(post.fields.aliases ?? []).map(code).join(', ') || '—'} (${cell(post.old.urlRule)}) |`;
    }),
    ...plan.refused.map(
      ({ old, line, why }) => `| ${code(old.relative)} | not imported: line ${line ?? 1}: ${cell(why)} | — |`,
    ),
    '',
    ...fieldsSection(plan),
    ...convertedSection(plan),
    ...leftSection(plan, written),
    ...tagSection(blog, plan, input.tagPages),
    ...buildSection(input),
  ];
  return (
    lines
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

/** `1 post`, `2 posts`. */
export function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

function files(imported: Written[]): string {
  return count(
    imported.reduce((sum, item) => sum + item.post.copies.length, 0),
    'file',
  );
}

function fieldsSection(plan: Plan): string[] {
  const fates = new Map<string, { fate: string; posts: number }>();
  for (const post of plan.posts)
    for (const { field, fate } of post.fates) {
      const key = `${field}\u0000${fate}`;
      fates.set(key, { fate, posts: (fates.get(key)?.posts ?? 0) + 1 });
    }
  if (fates.size === 0) return [];
  return [
    '## Front matter',
    '',
    '| old field | became | posts |',
    '| --- | --- | --- |',
    ...[...fates]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, { fate, posts }]) => `| ${code(key.split('\u0000')[0]!)} | ${cell(fate)} | ${posts} |`),
    '',
  ];
}

function convertedSection(plan: Plan): string[] {
  const counts = new Map<string, number>();
  for (const post of plan.posts)
    for (const [what, times] of Object.entries(post.converted)) counts.set(what, (counts.get(what) ?? 0) + times);
  if (counts.size === 0) return [];
  return [
    '## Converted',
    '',
    '| what | times |',
    '| --- | --- |',
    ...[...counts].sort((a, b) => b[1] - a[1]).map(([what, times]) => `| ${cell(what)} | ${times} |`),
    '',
  ];
}

function leftSection(plan: Plan, written: Written[]): string[] {
  const items = plan.posts.flatMap((post) =>
    post.left.map(
      (item) => `- ${code(`${post.old.relative}${item.line ? `:${item.line}` : ''}`)} ${item.what}: ${item.fix}`,
    ),
  );
  const clashes = written.flatMap(({ post, clashes }) =>
    clashes.map(
      (name) =>
        `- ${code(`${post.slug}/${name}`)} is there already with other bytes: not replaced; compare it with the old blog's file`,
    ),
  );
  if (items.length + clashes.length === 0)
    return ['## Left for the author', '', 'Nothing: every construct the import knows was converted.', ''];
  return [
    '## Left for the author',
    '',
    `${count(items.length + clashes.length, 'thing')}, by old file and line:`,
    '',
    ...items,
    ...clashes,
    '',
  ];
}

function tagSection(blog: Blog, plan: Plan, { patterns, set, refused }: TagPages): string[] {
  const tags = [...new Set(plan.posts.flatMap((post) => post.fields.tags ?? []).map((tag) => slugify(tag)))].sort();
  if (blog.tagPages.length === 0 || tags.length === 0) return [];
  const list = patterns.map((pattern) => `'${pattern}'`).join(', ');
  const example = tags[0]!;
  return [
    '## Tag pages',
    '',
    `The old site's tag pages were ${blog.tagPages.map(code).join(' and ')}; here each tag's page is ${code('/tags/<tag>/')}.`,
    patterns.length === 0 && refused.length === 0
      ? ' They are the same addresses.'
      : patterns.length === 0
        ? ''
        : set
          ? ` ${code('oldTagPages')} in ${code('src/settings.ts')} holds ${list}: each old tag page answers with a redirect page to the tag's page here (${code(patterns[0]!.replaceAll('{tag}', example))} → ${code(`/tags/${example}/`)}).`
          : ` To keep them, add this line to the settings in ${code('src/settings.ts')}: ${code(`oldTagPages: [${list}] as string[],`)}`,
    ...refused.map((pattern) => ` ${code(pattern)} is not a plain path of a site: it is not kept.`),
    '',
  ];
}

function buildSection({ build, written, postsFolder }: ReportInput): string[] {
  if (!build) return [];
  const ours = new Set(written.filter((item) => item.outcome !== 'kept').map((item) => item.post.slug));
  const mine = (finding: BuildFinding) => ours.has(finding.file.split('/')[0]!.replace(/\.(md|ipynb)$/, ''));
  const where = (finding: BuildFinding) =>
    code(
      `${postsFolder}/${finding.file}${finding.cell ? ` cell ${finding.cell}` : ''}${finding.line ? `:${finding.line}` : ''}`,
    );
  const problems = build.problems.filter(mine);
  const warnings = build.warnings.filter(mine);
  const refusedPosts = new Set(problems.map((finding) => finding.file.split('/')[0]));
  return [
    '## First build',
    '',
    problems.length > 0
      ? `${code('npm run build')} refuses ${count(refusedPosts.size, 'imported post')} until these are fixed (the build stops on them):`
      : build.ok
        ? `${code('npm run build')} publishes every imported post.`
        : `${code('npm run build')} stops, though on no imported post: ${build.problems.length > 0 ? `${count(build.problems.length, 'problem')} in the posts that were there before` : (build.tail ?? 'see its output')}.`,
    '',
    ...problems.map((finding) => `- ${where(finding)} ${finding.message}`),
    ...(warnings.length
      ? [
          '',
          `Warnings (published, but worth a look): ${warnings.length}`,
          '',
          ...warnings.map((finding) => `- ${where(finding)} ${finding.message}`),
        ]
      : []),
    '',
  ];
}
