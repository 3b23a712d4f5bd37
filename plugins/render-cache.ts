// Reuse what an earlier build rendered when nothing it depended on changed: a
// content-addressed cache of renderings, in memory and on disk.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileHash, type PostContext } from './markdown/file-data.ts';
import type { RenderedMarkdown } from './markdown/rendering.ts';

/** Bump when the shape of a cache entry changes. */
const CACHE_FORMAT = 2;

/** The renderer's own source: the pipeline's folder and what it imports from outside it. */
const RENDERER_SOURCES = [
  'plugins/markdown',
  'plugins/slugify.js',
  'src/routes.ts',
  'src/settings.ts',
  'package-lock.json',
];

/**
 * What every rendering depends on besides its post: the renderer's own source and the exact
 * versions of every installed package (the lock file). Any change there invalidates the cache.
 */
export function rendererFingerprint(root: string): Promise<string> {
  return sourcesFingerprint(root, RENDERER_SOURCES, String(CACHE_FORMAT));
}

/** The front matter parser's source and the lock file: what a post's parsed front matter depends on besides the post. */
export function frontMatterFingerprint(root: string): Promise<string> {
  return sourcesFingerprint(
    root,
    ['plugins/posts/front-matter.ts', 'plugins/posts/notebook.ts', 'package-lock.json'],
    'front matter 1',
  );
}

/** A hash of `sources` (files, or folders read whole) under `root`, and `format`. */
async function sourcesFingerprint(root: string, sources: string[], format: string): Promise<string> {
  const files = await Promise.all(
    sources.map(async (source) => {
      const names = await readdir(path.join(root, source)).then(
        (entries) => entries.sort().map((name) => path.join(source, name)),
        () => [source],
      );
      return names;
    }),
  );
  const parts = await Promise.all(
    files.flat().map(async (file) => `${file}\0${await readFile(path.join(root, file), 'utf8').catch(() => '')}`),
  );
  return fileHash(Buffer.from([format, ...parts].join('\0')));
}

interface CacheEntry {
  key: string;
  rendered: RenderedMarkdown;
}

export interface RenderJob {
  source: string;
  context: PostContext;
}

/**
 * Renderings by a key of everything that went into them (renderer fingerprint, base path,
 * file, text), kept in memory and, when given a folder, on disk across builds. An entry is
 * served only after checking the files and posts it referred to are as they were.
 */
export class RenderCache {
  private readonly memory = new Map<string, RenderedMarkdown>();
  private readonly used = new Set<string>();
  readonly dir: string | undefined;
  readonly fingerprint: string;

  /** Keep renderings in memory between reads (the dev server); a build reads each once. */
  private readonly remember: boolean;

  constructor(fingerprint: string, dir?: string, options: { remember?: boolean } = {}) {
    this.fingerprint = fingerprint;
    this.dir = dir;
    this.remember = options.remember ?? true;
  }

  key(job: RenderJob): string {
    return fileHash(Buffer.from([this.fingerprint, job.context.base, job.context.file, job.source].join('\0')));
  }

  async get(job: RenderJob): Promise<RenderedMarkdown | undefined> {
    const key = this.key(job);
    let rendered = this.memory.get(key);
    if (!rendered && this.dir) {
      const text = readIfThere(path.join(this.dir, `${key}.json`));
      const entry = text === undefined ? undefined : (JSON.parse(text) as CacheEntry);
      if (entry?.key === key) rendered = entry.rendered;
    }
    if (!rendered || !(await stillValid(rendered, job.context))) return undefined;
    if (this.remember) this.memory.set(key, rendered);
    this.used.add(key);
    return rendered;
  }

  async set(job: RenderJob, rendered: RenderedMarkdown): Promise<void> {
    const key = this.key(job);
    if (this.remember) this.memory.set(key, rendered);
    this.used.add(key);
    if (!this.dir) return;
    // Synchronous, like the reads: a thousand promise-based mkdir and open calls cost the
    // main thread several times what the writes themselves do.
    mkdirSync(this.dir, { recursive: true });
    const entry: CacheEntry = { key, rendered };
    writeFileSync(path.join(this.dir, `${key}.json`), JSON.stringify(entry));
  }

  /** A read of all posts starts: what it uses is what the cache keeps. */
  beginRun(): void {
    this.used.clear();
  }

  /** A read ended: forget renderings of versions of posts that no longer exist (the dev server edits many). */
  endRun(): void {
    for (const key of this.memory.keys()) if (!this.used.has(key)) this.memory.delete(key);
  }

  /** After a full build: drop entries on disk that this build did not use. */
  async prune(): Promise<void> {
    if (!this.dir) return;
    const names = await readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(
      names
        .filter((name) => name.endsWith('.json') && !this.used.has(name.slice(0, -'.json'.length)))
        .map((name) => rm(path.join(this.dir!, name), { force: true })),
    );
  }
}

async function stillValid(rendered: RenderedMarkdown, context: PostContext): Promise<boolean> {
  for (const [target, slug] of Object.entries(rendered.dependencies.slugs)) {
    if ((context.slugs[target] ?? null) !== slug) return false;
  }
  for (const [file, hash] of Object.entries(rendered.dependencies.files)) {
    const content = await readFile(file).catch(() => null);
    if ((content === null ? null : fileHash(content)) !== hash) return false;
  }
  return true;
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
