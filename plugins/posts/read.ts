// The one build-time reader of posts: every post is read once, its front matter checked,
// its markdown rendered once (plugins/markdown/, in worker threads), every link checked
// once all posts are known, and the published posts sorted newest first.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Post, Tag } from '../../src/content.ts';
import { SETTINGS } from '../../src/settings.ts';
import { routePath } from '../../src/routes.ts';
import { mapLimited } from '../concurrency.ts';
import { checkLinks, type LinkedPost } from '../links.ts';
import { aliasRoutes, type Redirect } from '../redirects.ts';
import { fileHash, type Asset } from '../markdown/file-data.ts';
import { readInside } from '../markdown/urls.ts';
import type { RenderedMarkdown } from '../markdown/rendering.ts';
import { byPlace, displayPath, type Problem } from '../problems.ts';
import type { RenderCache } from '../render-cache.ts';
import { renderAll, warmUpRenderer } from '../render-pool.ts';
import { slugify } from '../slugify.js';
import { colabUrl } from '../settings.ts';
import { readFrontMatter, type FrontMatter, type FrontMatterResult } from './front-matter.ts';
import { checkAliases, oldTagPages, type WrittenAlias } from './aliases.ts';
import { notebookFrontMatter } from './notebook.ts';
import { plainDate } from './plain-date.ts';
import { linkRelated } from './related.ts';
import { findSources, type Source } from './sources.ts';

export interface ReadOptions extends ReadHooks {
  /** Absolute path of the posts folder. */
  postsDir: string;
  /** Absolute path that problem file names are relative to. */
  root: string;
  /** The public base path, ending in `/`. */
  base: string;
  includeDrafts: boolean;
  /** Files of the site besides the posts' own (public/, generated files), which posts may link to. */
  siteFiles?: string[];
  /** Renderings reused across reads and builds; without one every post is rendered. */
  cache?: RenderCache;
  /** How long one post may take to render (plugins/render-pool.ts has the default). */
  renderTimeLimitMs?: number;
  /** Posts' front matter from earlier reads (and builds), reused while a file's bytes are the same. */
  parsed?: ParsedSources;
}

/**
 * Each post file's front matter as last parsed, reused while the file's bytes are the same:
 * with the renderings cached, parsing the front matter is most of a read. The dev server
 * reads every post again on each change; kept in a file (`load`), it serves the next build
 * (and dev server) too.
 */
export class ParsedSources {
  private readonly files: Map<string, ParsedSource>;
  private readonly store: { file: string; fingerprint: string } | undefined;
  private changed = false;

  constructor(store?: { file: string; fingerprint: string }, files: Record<string, ParsedSource> = {}) {
    this.store = store;
    this.files = new Map(Object.entries(files));
  }

  /** What earlier reads kept in `file`, if they parsed with the same parser (`fingerprint`). */
  static load(file: string, fingerprint: string): ParsedSources {
    let kept: StoredSources | undefined;
    try {
      kept = JSON.parse(readFileSync(file, 'utf8')) as StoredSources;
    } catch {
      // None yet, or unreadable: every post is parsed.
    }
    return new ParsedSources({ file, fingerprint }, kept?.fingerprint === fingerprint ? kept.files : {});
  }

  parse(file: string, bytes: Buffer, text: string): FrontMatterResult {
    const hash = fileHash(bytes);
    const known = this.files.get(file);
    if (known?.hash === hash) return known.frontMatter;
    const frontMatter = frontMatterOf(file, text);
    this.files.set(file, { hash, frontMatter });
    this.changed = true;
    return frontMatter;
  }

  /** Forgets the files that are no longer posts. */
  keepOnly(files: Set<string>): void {
    for (const file of this.files.keys()) {
      if (files.has(file)) continue;
      this.files.delete(file);
      this.changed = true;
    }
  }

  /** Keeps what changed since the last save in the file it was loaded from (if any). */
  save(): void {
    if (!this.store || !this.changed) return;
    const stored: StoredSources = { fingerprint: this.store.fingerprint, files: Object.fromEntries(this.files) };
    // Written whole, then renamed: a build beside this one reads either version, never half.
    const partial = `${this.store.file}.${process.pid}`;
    mkdirSync(path.dirname(this.store.file), { recursive: true });
    writeFileSync(partial, JSON.stringify(stored));
    renameSync(partial, this.store.file);
    this.changed = false;
  }
}

interface ParsedSource {
  hash: string;
  frontMatter: FrontMatterResult;
}

interface StoredSources {
  fingerprint: string;
  files: Record<string, ParsedSource>;
}

/** What a read tells as it goes. */
export interface ReadHooks {
  onProgress?: (rendered: number, total: number) => void;
  /** Each post to publish that has no problem of its own, as soon as it is rendered (before the read ends). */
  onPost?: (post: Post) => void;
  /** Called once, before rendering, when some post is not in the cache (it is new or changed). */
  onRenderNeeded?: () => void;
}

/** The newest posts, and how many posts there are, read without rendering the others. */
export interface FirstLook {
  /** The newest `count` posts, newest first; undefined if one of them has a problem. */
  posts: Post[] | undefined;
  /** How many posts there are to publish, as far as their front matter tells. */
  total: number;
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
  /** The math style classes the published posts use, with their declarations (for the stylesheet). */
  mathStyles: Record<string, string>;
  /** The origins of the video players the published posts load when a reader asks (for the CSP's frame-src). */
  frames: string[];
  /** The published posts' old addresses (`aliases`), each answered by a redirect page. */
  redirects: Redirect[];
}

/** A post's file, read and its front matter checked, waiting for its markdown to be rendered. */
interface LoadedSource {
  source: Source;
  /** Path as problems name it. */
  file: string;
  text?: string;
  frontMatter?: FrontMatter;
  /** What is right of a front matter that has problems (front-matter.ts). */
  salvaged?: FrontMatterResult['salvaged'];
  /** The front matter's `image`, found beside the post. */
  image?: Asset;
  /** The file line of each front matter field (in a notebook, in its first cell). */
  fieldLines?: Record<string, number>;
  problems: Problem[];
}

/** Reads every post: newest first, drafts dropped unless asked for, every problem listed. */
export async function readPosts(options: ReadOptions): Promise<ReadResult> {
  warmUpRenderer(options.root);
  const problems: Problem[] = [];
  const warnings: Problem[] = [];
  const refusedNames: string[] = [];
  const sources = await findSources(options.postsDir, options.root, problems, refusedNames);
  options.parsed?.keepOnly(new Set(sources.map((source) => source.file)));
  const loaded = await mapLimited(sources, 32, (source) =>
    // Whatever goes wrong inside one post is that post's problem; the others are still read.
    loadSource(source, options).catch((error: unknown): LoadedSource => {
      const file = displayPath(options.root, source.file);
      return { source, file, problems: [{ file, message: `could not be read: ${String(error)}` }] };
    }),
  );
  const rendered = await render(loaded, sources, options);
  const { posts, assets, linking, targets, tags, ownFiles, mathStyles, frames, aliases } = collect(
    loaded,
    rendered,
    options,
    problems,
    warnings,
  );
  // A post refused for its file name is there too: a link to it is not a second problem.
  for (const name of refusedNames) if (!targets.has(name)) targets.set(name, {});
  const linkTargets = {
    base: options.base,
    posts: targets,
    tags: countTags(tags),
    postsPerPage: SETTINGS.postsPerPage,
    files: new Set([...ownFiles, ...(options.siteFiles ?? [])]),
  };
  const { redirects, problems: aliasProblems } = checkAliases([...aliases, ...oldTagPages(posts)], linkTargets);
  problems.push(...aliasProblems);
  // A link to a post's old address still works: the redirect page answers it.
  for (const redirect of redirects) for (const route of aliasRoutes(redirect.from)) linkTargets.files.add(route);
  const links = checkLinks(linking, linkTargets);
  problems.push(...links.problems);
  warnings.push(...links.warnings);
  sortAndLink(posts);
  return {
    posts,
    assets: [...assets.values()],
    problems: problems.sort(byPlace),
    warnings: warnings.sort(byPlace),
    reused: rendered.reused,
    mathStyles,
    frames: [...frames].sort(),
    redirects,
  };
}

/** What the read made of each post: the posts to publish, their files, and what links are checked against. */
function collect(
  loaded: LoadedSource[],
  rendered: Awaited<ReturnType<typeof render>>,
  options: ReadOptions,
  problems: Problem[],
  warnings: Problem[],
) {
  const posts: Post[] = [];
  const assets = new Map<string, Asset>();
  const linking: LinkedPost[] = [];
  // What other posts may link to: every post that would be published, refused or not, so
  // that a post refused for one problem is not a second problem in every post linking to it.
  const targets = new Map<string, { ids?: Set<string> }>();
  /** Each post's tag slugs, once a post. */
  const tags: string[] = [];
  // A post's own files count as files of the site while its links are checked, published or not.
  const ownFiles = new Set<string>();
  const mathStyles: Record<string, string> = {};
  const frames = new Set<string>();
  const aliases: WrittenAlias[] = [];
  for (const item of loaded) {
    const rendering = rendered.renderings.get(item);
    problems.push(...item.problems, ...(rendering?.problems ?? []).map((finding) => ({ file: item.file, ...finding })));
    warnings.push(...(rendering?.warnings ?? []).map((finding) => ({ file: item.file, ...finding })));
    const data = item.frontMatter ?? item.salvaged;
    if (data?.draft && !options.includeDrafts) continue;
    tags.push(...new Set((data?.tags ?? []).map(slugify)));
    // A rendering that stopped (a limit, say) knows none of the post's ids.
    const stopped = !rendering || (rendering.html === '' && rendering.problems.length > 0);
    targets.set(item.source.slug, { ids: stopped ? undefined : new Set(rendering.ids) });
    if (!rendering) continue;
    linking.push({ file: item.file, ids: new Set(rendering.ids), links: rendering.links });
    for (const asset of rendering.assets) ownFiles.add(asset.fileName);
    // Made as its rendering arrived (render below), if it has no problem of its own.
    const post = rendered.posts.get(item);
    if (!post) continue;
    if (item.image) {
      post.image = item.image.fileName;
      assets.set(item.image.fileName, item.image);
    }
    posts.push(post);
    for (const from of item.frontMatter?.aliases ?? []) {
      const cell = item.source.file.endsWith('.ipynb') ? { cell: 1 } : {};
      const to = routePath('post', { slug: post.slug });
      aliases.push({ from, to, title: post.title, kind: 'post', file: item.file, line: item.fieldLines?.aliases, ...cell });
    }
    for (const asset of rendering.assets) assets.set(asset.fileName, asset);
    Object.assign(mathStyles, rendering.mathStyles);
    for (const origin of rendering.frames) frames.add(origin);
  }
  return { posts, assets, linking, targets, tags, ownFiles, mathStyles, frames, aliases };
}

/**
 * The dev server's first look: every post's date, but only the newest `count` posts read
 * in full and rendered, so that the home page shows before the rest are rendered. Links
 * are not checked, and the count of posts is as the dates tell; the full read does both.
 */
export async function readNewest(options: ReadOptions, count: number): Promise<FirstLook> {
  warmUpRenderer(options.root);
  const sources = await findSources(options.postsDir, options.root, []);
  options.parsed?.keepOnly(new Set(sources.map((source) => source.file)));
  // Plain `date:` lines choose the candidates: only they, and posts whose date is not that
  // plain, are read in full (their front matter parsed).
  const dated = sources.map((source) => ({ source, plain: plainDateOf(source.file) }));
  const listed = (draft: boolean) => options.includeDrafts || !draft;
  const plain = dated.flatMap(({ plain }) => (plain && listed(plain.draft) ? [timestamp(plain.date)] : []));
  const cutoff = plain.sort((a, b) => b - a)[count - 1] ?? -Infinity;
  const candidates = dated.filter(({ plain }) => !plain || (listed(plain.draft) && timestamp(plain.date) >= cutoff));
  let read = candidates;
  let loaded = await mapLimited(read, 32, ({ source }) => loadSource(source, options).catch(() => undefined));
  let publishable = publishableOf(loaded, options);
  // A candidate with a problem: an older post takes its place, so every post is read.
  const newEnough = publishable.filter((item) => timestamp(item.frontMatter.date) >= cutoff).length;
  if (newEnough < count && read.length < dated.length) {
    read = dated;
    loaded = await mapLimited(read, 32, ({ source }) => loadSource(source, options).catch(() => undefined));
    publishable = publishableOf(loaded, options);
  }
  // Posts not read in full count as their plain lines tell; the full read counts exactly.
  const wasRead = new Set(read);
  const unread = dated.filter((item) => !wasRead.has(item) && item.plain && listed(item.plain.draft)).length;
  const total = publishable.length + unread;
  const newest = publishable.slice(0, count);
  const rendered = await render(newest, sources, options);
  const posts = newest.map((item) => rendered.posts.get(item));
  if (!posts.every((post) => post !== undefined)) return { posts: undefined, total };
  return { posts, total };
}

/** The loaded posts to publish, newest first. */
function publishableOf(loaded: (LoadedSource | undefined)[], options: ReadOptions) {
  const publishable = loaded.filter(
    (item): item is LoadedSource & { frontMatter: FrontMatter } =>
      item?.frontMatter !== undefined && item.problems.length === 0 && (options.includeDrafts || !item.frontMatter.draft),
  );
  return publishable.sort(
    (a, b) =>
      timestamp(b.frontMatter.date) - timestamp(a.frontMatter.date) ||
      a.frontMatter.title.localeCompare(b.frontMatter.title),
  );
}

/** A post's front matter: a markdown file's own, or a notebook's first cell (notebook.ts). */
function frontMatterOf(file: string, text: string): FrontMatterResult {
  return file.endsWith('.ipynb') ? notebookFrontMatter(text) : readFrontMatter(text.split(/\r\n|\r|\n/));
}

/** A post file's plain date line (plain-date.ts), if it has one. */
function plainDateOf(file: string): ReturnType<typeof plainDate> {
  try {
    return plainDate(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

/**
 * Renders the loaded posts; each one to publish that has no problem of its own becomes a
 * Post as soon as its rendering is known (and goes to `options.onPost`).
 */
async function render(loaded: LoadedSource[], sources: Source[], options: ReadOptions) {
  const slugs: Record<string, string> = {};
  for (const source of sources) {
    slugs[source.file] = source.slug;
    if (/^index\.(md|ipynb)$/.test(path.basename(source.file))) slugs[path.dirname(source.file)] = source.slug;
  }
  const renderable = loaded.filter((item): item is LoadedSource & { text: string } => item.text !== undefined);
  const posts = new Map<LoadedSource, Post>();
  const { rendered, reused } = await renderAll(
    renderable.map((item) => ({
      source: item.text,
      context: {
        file: item.source.file,
        slug: item.source.slug,
        postsDir: options.postsDir,
        base: options.base,
        bibliography: item.frontMatter?.bibliography,
        slugs,
      },
    })),
    {
      cache: options.cache,
      root: options.root,
      onProgress: options.onProgress,
      onRenderNeeded: options.onRenderNeeded,
      onRendered: (i, rendering) => {
        const item = renderable[i]!;
        const { frontMatter } = item;
        const published = frontMatter && (options.includeDrafts || !frontMatter.draft);
        if (!published || item.problems.length > 0 || rendering.problems.length > 0) return;
        const post = toPost(item.source, frontMatter, rendering, options.root);
        posts.set(item, post);
        options.onPost?.(post);
      },
      timeLimitMs: options.renderTimeLimitMs,
    },
  );
  const renderings = new Map<LoadedSource, RenderedMarkdown>(renderable.map((item, i) => [item, rendered[i]!]));
  return { renderings, posts, reused };
}

async function loadSource(source: Source, options: ReadOptions): Promise<LoadedSource> {
  const file = displayPath(options.root, source.file);
  let bytes: Buffer;
  try {
    // Synchronously: a thousand small reads through promises cost several times the CPU.
    bytes = readFileSync(source.file);
  } catch (error) {
    return { source, file, problems: [{ file, message: `could not be read: ${(error as Error).message}` }] };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = findInvalidUtf8Line(bytes);
    return { source, file, problems: [{ file, line, message: 'is not valid UTF-8 text; save the file with UTF-8 encoding' }] };
  }
  text = text.replace(/^\uFEFF/, '');
  const frontMatter = options.parsed
    ? options.parsed.parse(source.file, bytes, text)
    : frontMatterOf(source.file, text);
  const problems: Problem[] = frontMatter.problems.map((finding) => ({ file, ...finding }));
  for (const name of frontMatter.data?.tags ?? []) {
    if (slugify(name) === '') {
      problems.push({ file, field: 'tags', message: `"${name}" needs at least one letter or digit to make its page address` });
    }
  }
  const image = frontMatter.data?.image;
  const found = image === undefined ? undefined : await findImage(image, source.file, options.postsDir);
  if (image !== undefined && !found) {
    // The field's line, for the message: the first `image:` line of the front matter.
    const line = text.split(/\r\n|\r|\n/).findIndex((row) => /^image\s*:/.test(row)) + 1 || undefined;
    problems.push({ file, line, field: 'image', message: `not found: ${image} (paths are relative to the post's file)` });
  }
  return {
    source,
    file,
    ...(frontMatter.unreadable ? {} : { text }),
    frontMatter: frontMatter.data,
    salvaged: frontMatter.salvaged,
    image: found,
    ...(frontMatter.lines ? { fieldLines: frontMatter.lines } : {}),
    problems,
  };
}

/** The front matter's social preview image, as an asset with a content-hashed name. */
async function findImage(written: string, postFile: string, postsDir: string): Promise<Asset | undefined> {
  const source = path.resolve(path.dirname(postFile), written);
  const bytes = await readInside(source, postsDir);
  if (!bytes) return undefined;
  const { name, ext } = path.parse(source);
  return { source, fileName: `assets/${slugify(name) || 'image'}-${fileHash(bytes).slice(0, 8)}${ext.toLowerCase()}` };
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

const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

function formatDate(value: string): string {
  // The calendar date as written, whatever the build machine's or reader's time zone.
  return dateFormat.format(new Date(`${value.slice(0, 10)}T00:00:00Z`));
}

function truncate(text: string, max = 280): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : max).replace(/[\s,.;:]+$/, '')}…`;
}

/** A post shows a table of contents when it has this many section headings. */
const MIN_TOC_HEADINGS = 3;

function toPost(source: Source, data: FrontMatter, rendered: RenderedMarkdown, root: string): Post {
  const tags = new Map<string, Tag>();
  for (const name of data.tags ?? []) {
    const tag = { name, slug: slugify(name) };
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
    related: [],
    ...(data.updated ? { updated: data.updated, updatedLabel: formatDate(data.updated) } : {}),
    ...(data.toc !== false && rendered.toc.length >= MIN_TOC_HEADINGS ? { toc: rendered.toc } : {}),
    ...(data.description !== undefined ? { described: true as const } : {}),
    ...(rendered.download ? { notebook: notebookLinks(rendered.download, source.file, root) } : {}),
  };
}

/** A notebook post's download link, and its Colab link when the settings name the repository. */
function notebookLinks(download: string, file: string, root: string): NonNullable<Post['notebook']> {
  const colab = colabUrl(path.relative(root, file).split(path.sep).join('/'));
  return { download, ...(colab ? { colab } : {}) };
}

function timestamp(date: string): number {
  return Date.parse(date.length === 10 ? `${date}T00:00:00Z` : date);
}

function countTags(tags: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const tag of tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return counts;
}

/** Newest first (then by title), each post linked to its neighbours. */
function sortAndLink(posts: Post[]): void {
  posts.sort((a, b) => timestamp(b.date) - timestamp(a.date) || a.title.localeCompare(b.title));
  posts.forEach((post, i) => {
    const newer = posts[i - 1];
    const older = posts[i + 1];
    if (newer) post.newer = { slug: newer.slug, title: newer.title };
    if (older) post.older = { slug: older.slug, title: older.title };
  });
  linkRelated(posts);
}
