// The one build-time reader of posts: every `posts/<slug>.md` and `posts/<slug>/index.md`
// is read once, its front matter validated against one schema, its markdown rendered to
// HTML once (react-markdown on the build side), and its relative files resolved.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isMap, isScalar, parseDocument } from 'yaml';
import { z } from 'zod';
import { SLUG_PATTERN, type Post, type Tag } from '../src/content.ts';
import { slugify, type Asset, type Finding, type OutgoingLink, type RenderedMarkdown } from './markdown.ts';
import { mapLimited } from './concurrency.ts';
import { renderAll, type RenderCache } from './render.ts';

export type { Asset } from './markdown.ts';

export interface Problem extends Finding {
  /** Path relative to the project root, e.g. `posts/foo.md`. */
  file: string;
}

export interface ReadOptions {
  /** Absolute path of the posts folder. */
  postsDir: string;
  /** Absolute path that problem file names are relative to. */
  root: string;
  /** The public base path, ending in `/`. */
  base: string;
  includeDrafts: boolean;
  /** Files in public/ (`favicon.svg`), which posts may link to. */
  publicFiles?: string[];
  /** Renderings reused across reads and builds; without one every post is rendered. */
  cache?: RenderCache;
  onProgress?: (rendered: number, total: number) => void;
}

export interface ReadResult {
  /** Newest first. */
  posts: Post[];
  assets: Asset[];
  /** What fails the build. */
  problems: Problem[];
  /** What the build reports but publishes (raw HTML that was removed, say). */
  warnings: Problem[];
  /** How many posts' renderings came from the cache. */
  reused: number;
}

/** A path as problems name it: relative to the project (`posts/foo.md`), or absolute when outside it. */
function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;

function isRealDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const timeOk =
    match[4] === undefined || (Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6] ?? 0) < 60);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && timeOk;
}

function describe(value: unknown): string {
  if (value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return JSON.stringify(value);
}

const dateField = z
  .string({
    error: (issue) =>
      issue.input === undefined ? 'is required (YYYY-MM-DD)' : `expected YYYY-MM-DD, got ${describe(issue.input)}`,
  })
  .refine(isRealDate, { error: (issue) => `expected a real date as YYYY-MM-DD, got ${describe(issue.input)}` });

const text = (what: string) =>
  z
    .string({
      error: (issue) => {
        if (issue.input === undefined) return 'is required';
        const quoted =
          typeof issue.input === 'number' || typeof issue.input === 'boolean'
            ? ` (write it in quotes: "${issue.input}")`
            : '';
        return `expected ${what}, got ${describe(issue.input)}${quoted}`;
      },
    })
    .trim()
    .min(1, { error: 'must not be empty' });

/** The front matter schema: the contract's table, and nothing else. */
const frontMatterSchema = z.strictObject({
  title: text('text'),
  date: dateField,
  description: text('one sentence of text').optional(),
  tags: z
    .array(text('a tag name'), {
      error: (issue) => `expected a list such as [pytorch, tpu], got ${describe(issue.input)}`,
    })
    .optional(),
  draft: z.boolean({ error: (issue) => `expected true or false, got ${describe(issue.input)}` }).optional(),
  updated: dateField.optional(),
});

type FrontMatter = z.infer<typeof frontMatterSchema>;
const FIELDS = Object.keys(frontMatterSchema.shape);

function closestField(name: string): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0]!;
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j]!;
        row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length]!;
  };
  const lower = name.toLowerCase();
  return FIELDS.find((field) => distance(lower, field) <= 2);
}

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

function formatDate(value: string): string {
  // The calendar date as written, whatever the build machine's or reader's time zone.
  return dateFormat.format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
}

interface Source {
  slug: string;
  /** Absolute path of the markdown file. */
  file: string;
}

async function findSources(options: ReadOptions, problems: Problem[]): Promise<Source[]> {
  const relative = (file: string) => displayPath(options.root, file);
  let entries;
  try {
    entries = await readdir(options.postsDir, { withFileTypes: true });
  } catch {
    problems.push({ file: relative(options.postsDir), message: 'the posts folder does not exist' });
    return [];
  }
  const sources: Source[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(options.postsDir, entry.name);
    if (entry.isSymbolicLink()) {
      problems.push({
        file: relative(full),
        message: 'is a symbolic link; a post must be a real file or folder in posts/',
      });
      continue;
    }
    if (entry.isDirectory()) {
      const index = path.join(full, 'index.md');
      if (
        await stat(index).then(
          (s) => s.isFile(),
          () => false,
        )
      ) {
        sources.push({ slug: entry.name, file: index });
      } else {
        problems.push({
          file: `${relative(full)}/`,
          message: 'a post folder needs an index.md (or move its files elsewhere)',
        });
      }
    } else if (entry.name.endsWith('.md')) {
      sources.push({ slug: entry.name.slice(0, -'.md'.length), file: full });
    } else if (/\.(markdown|mdx?|md)$/i.test(entry.name)) {
      problems.push({
        file: relative(full),
        message: `posts are read from .md files only: rename it to ${slugify(entry.name.replace(/\.[^.]+$/, ''))}.md`,
      });
    }
  }
  const bySlug = new Map<string, Source>();
  const validSlugs = new Map(sources.filter((s) => SLUG_PATTERN.test(s.slug)).map((s) => [s.slug, s.file]));
  for (const source of sources) {
    if (!SLUG_PATTERN.test(source.slug)) {
      const suggestion = slugify(source.slug) || 'my-post';
      const taken = validSlugs.get(suggestion);
      problems.push({
        file: relative(source.file),
        field: 'slug',
        message: taken
          ? `"${source.slug}" must be lower-case letters, digits and single hyphens, and "${suggestion}" is taken by ${relative(taken)}: give it another name`
          : `"${source.slug}" must be lower-case letters, digits and single hyphens; rename it to "${suggestion}"`,
      });
      continue;
    }
    const other = bySlug.get(source.slug);
    if (other) {
      problems.push({
        file: relative(source.file),
        field: 'slug',
        message: `"${source.slug}" is also the slug of ${relative(other.file)}; rename one of them`,
      });
      continue;
    }
    bySlug.set(source.slug, source);
  }
  return [...bySlug.values()];
}

interface FrontMatterResult {
  data?: FrontMatter;
  problems: Finding[];
}

/** Splits and validates the front matter; line numbers are the file's own. */
function readFrontMatter(lines: string[]): FrontMatterResult {
  if (lines.length === 1 && lines[0]!.trim() === '') return { problems: [{ line: 1, message: 'the file is empty' }] };
  if (lines[0]!.trimEnd() !== '---') {
    return {
      problems: [{ line: 1, message: 'the file must start with front matter: a --- line, title: and date:, then ---' }],
    };
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
  if (end === -1) return { problems: [{ line: 1, message: 'the front matter has no closing --- line' }] };
  const bodyProblems: Finding[] = lines.slice(end + 1).every((line) => line.trim() === '')
    ? [{ line: end + 1, message: 'the post has no text after its front matter' }]
    : [];

  const lineCounter = new LineCounter();
  const doc = parseDocument(lines.slice(1, end).join('\n'), { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fileLine = (offset: number) => lineCounter.linePos(offset).line + 1;
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((error) => ({
        line: fileLine(error.pos[0]),
        message: `YAML syntax error: ${error.message.split(' at line ')[0]}`,
      })),
    };
  }
  const fieldLines = new Map<string, number>();
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      if (isScalar(pair.key) && pair.key.range) fieldLines.set(String(pair.key.value), fileLine(pair.key.range[0]));
    }
  } else if (doc.contents !== null) {
    return { problems: [{ line: 2, message: 'the front matter must be "field: value" lines' }] };
  }

  const parsed = frontMatterSchema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return { data: parsed.data, problems: bodyProblems };
  const problems: Finding[] = [...bodyProblems];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const suggestion = closestField(key);
        problems.push({
          line: fieldLines.get(key),
          field: key,
          message: `unknown field${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; allowed: ${FIELDS.join(', ')}`,
        });
      }
      continue;
    }
    const field = String(issue.path[0] ?? '');
    problems.push({
      line: fieldLines.get(field) ?? 1,
      field: issue.path.map(String).join('.') || undefined,
      message: issue.message,
    });
  }
  return { problems };
}

function truncate(text: string, max = 280): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max).replace(/[\s,.;:]+$/, '')}…`;
}

function tagOf(name: string): Tag {
  return { name, slug: slugify(name) };
}

/** A post's file, read and its front matter checked, waiting for its markdown to be rendered. */
interface LoadedSource {
  source: Source;
  /** Path as problems name it. */
  file: string;
  text?: string;
  frontMatter?: FrontMatterResult;
  problems: Problem[];
}

async function loadSource(source: Source, options: ReadOptions): Promise<LoadedSource> {
  const file = displayPath(options.root, source.file);
  let bytes: Buffer;
  try {
    bytes = await readFile(source.file);
  } catch (error) {
    return { source, file, problems: [{ file, message: `could not be read: ${(error as Error).message}` }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = findInvalidUtf8Line(bytes);
    return {
      source,
      file,
      problems: [{ file, line, message: 'is not valid UTF-8 text; save the file with UTF-8 encoding' }],
    };
  }
  text = text.replace(/^\uFEFF/, '');
  const frontMatter = readFrontMatter(text.split(/\r\n|\r|\n/));
  const problems: Problem[] = frontMatter.problems.map((finding) => ({ file, ...finding }));
  for (const name of frontMatter.data?.tags ?? []) {
    if (slugify(name) === '') {
      problems.push({
        file,
        field: 'tags',
        message: `"${name}" needs at least one letter or digit to make its page address`,
      });
    }
  }
  return { source, file, text, frontMatter, problems };
}

function toPost(source: Source, data: FrontMatter, rendered: RenderedMarkdown): Post {
  const tags = new Map<string, Tag>();
  for (const name of data.tags ?? []) {
    const tag = tagOf(name);
    if (!tags.has(tag.slug)) tags.set(tag.slug, tag);
  }
  return {
    slug: source.slug,
    title: data.title,
    date: data.date,
    dateLabel: formatDate(data.date),
    excerpt: truncate(data.description ?? rendered.excerpt),
    tags: [...tags.values()],
    readingMinutes: Math.max(1, Math.round(rendered.words / 230)),
    draft: data.draft ?? false,
    html: rendered.html,
    ...(data.updated ? { updated: data.updated, updatedLabel: formatDate(data.updated) } : {}),
  };
}

function findInvalidUtf8Line(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line += 1;
      start = i + 1;
    }
  }
  return line;
}

function timestamp(date: string): number {
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}

/**
 * Checks every link that stays on the site against the real pages, files and heading
 * ids: a link to a missing post, tag or anchor is a problem naming the file and line.
 */
function checkLinks(
  base: string,
  posts: Map<string, { post: Post; file: string; ids: Set<string>; links: OutgoingLink[] }>,
  assets: Set<string>,
): Problem[] {
  const tags = new Set([...posts.values()].flatMap(({ post }) => post.tags.map((tag) => tag.slug)));
  const problems: Problem[] = [];
  for (const { file, ids, links } of posts.values()) {
    for (const { href, line, image } of links) {
      const broken = (message: string) => problems.push({ file, line, message });
      if (image) {
        const route = safeDecode(href.slice(base.length).split(/[?#]/)[0] ?? '');
        if (!assets.has(route))
          broken(`image not found: ${href} is not a file of this site (put it in public/ or beside the post)`);
        continue;
      }
      if (href.startsWith('#')) {
        const id = safeDecode(href.slice(1));
        if (id !== '' && !ids.has(id)) broken(`broken link: no heading or anchor "${id}" in this post`);
        continue;
      }
      if (!href.startsWith(base)) continue;
      const [pathPart = '', fragment] = href.slice(base.length).split('#');
      const route = pathPart.split('?')[0] ?? '';
      const post = /^posts\/([^/]+)\/?$/.exec(route);
      const tag = /^tags\/([^/]+)\/?$/.exec(route);
      if (post) {
        const target = posts.get(safeDecode(post[1]!));
        if (!target) broken(`broken link: there is no post "${post[1]}" (${href})`);
        else if (fragment && !target.ids.has(safeDecode(fragment))) {
          broken(`broken link: no heading or anchor "${fragment}" in posts/${post[1]}/ (${href})`);
        }
      } else if (tag) {
        if (!tags.has(safeDecode(tag[1]!))) broken(`broken link: no post has the tag "${tag[1]}" (${href})`);
      } else if (route !== '' && !assets.has(route)) {
        broken(`broken link: ${href} is not a page or file of this site`);
      }
    }
  }
  return problems;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Reads every post: newest first, drafts dropped unless asked for, every problem listed. */
export async function readPosts(options: ReadOptions): Promise<ReadResult> {
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const sources = await findSources(options, problems);
  const slugs: Record<string, string> = {};
  for (const source of sources) {
    slugs[source.file] = source.slug;
    if (path.basename(source.file) === 'index.md') slugs[path.dirname(source.file)] = source.slug;
  }
  const loaded = await mapLimited(sources, 32, (source) => loadSource(source, options));
  const renderable = loaded.filter((item): item is LoadedSource & { text: string } => item.text !== undefined);
  const { rendered, reused } = await renderAll(
    renderable.map((item) => ({
      source: item.text,
      context: {
        file: item.source.file,
        slug: item.source.slug,
        postsDir: options.postsDir,
        base: options.base,
        slugs,
      },
    })),
    { cache: options.cache, root: options.root, onProgress: options.onProgress },
  );
  const renderings = new Map<LoadedSource, RenderedMarkdown>(renderable.map((item, i) => [item, rendered[i]!]));

  const posts: Post[] = [];
  const assets = new Map<string, Asset>();
  const linked = new Map<string, { post: Post; file: string; ids: Set<string>; links: OutgoingLink[] }>();
  for (const item of loaded) {
    const rendering = renderings.get(item);
    const own = [...item.problems, ...(rendering?.problems ?? []).map((finding) => ({ file: item.file, ...finding }))];
    problems.push(...own);
    warnings.push(...(rendering?.warnings ?? []).map((finding) => ({ file: item.file, ...finding })));
    const data = item.frontMatter?.data;
    if (!rendering || !data || own.length > 0 || (data.draft && !options.includeDrafts)) continue;
    const post = toPost(item.source, data, rendering);
    posts.push(post);
    for (const asset of rendering.assets) assets.set(asset.fileName, asset);
    linked.set(post.slug, { post, file: item.file, ids: new Set(rendering.ids), links: rendering.links });
  }
  const siteFiles = new Set([...assets.keys(), ...(options.publicFiles ?? []), 'feed.xml', 'sitemap.xml']);
  problems.push(...checkLinks(options.base, linked, siteFiles));

  posts.sort((a, b) => timestamp(b.date) - timestamp(a.date) || a.title.localeCompare(b.title));
  posts.forEach((post, i) => {
    const newer = posts[i - 1];
    const older = posts[i + 1];
    if (newer) post.newer = { slug: newer.slug, title: newer.title };
    if (older) post.older = { slug: older.slug, title: older.title };
  });
  const byPlace = (a: Problem, b: Problem) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);
  return {
    posts,
    assets: [...assets.values()],
    problems: problems.sort(byPlace),
    warnings: warnings.sort(byPlace),
    reused,
  };
}
