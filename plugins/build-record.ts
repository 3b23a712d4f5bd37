// What the last build into an output folder wrote, kept beside the render cache, so that the
// next build redoes only what changed: the app is bundled again only when its sources, the
// lock file, the config or the site options changed; a page is rendered and written again
// only when its key (the app, the site options, its path and its data) changed or its file
// is not as that build left it; and files the last build wrote that this one does not are
// removed. A build with nothing changed costs little more than reading the posts.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Bump when the record's shape or what a page key covers changes. */
const RECORD_FORMAT = 1;

/** What the app's bundles are built from, relative to the project root (folders read whole). */
const APP_SOURCES = ['src', 'plugins', 'public', 'index.html', 'package-lock.json', 'vite.config.ts', 'tsconfig.json'];

/** A file as a build left it: if its size or modification time differ, someone changed it since. */
export interface Stamp {
  size: number;
  mtimeMs: number;
}

export interface PageRecord extends Stamp {
  key: string;
}

interface RecordData {
  format: number;
  appKey: string;
  /** The client bundle's files (and public/'s), relative to the output folder. */
  app: Record<string, Stamp>;
  /** Each prerendered file, with the key it was written for. */
  pages: Record<string, PageRecord>;
  /** The search index's key, when the build wrote one. */
  searchKey?: string;
  /** Every file the build left in the output folder, relative to it. */
  files: string[];
}

export class BuildRecord {
  /** Where this output folder's record, its page template and server bundle are kept. */
  readonly dir: string;
  private readonly data: RecordData | undefined;

  private constructor(dir: string, data: RecordData | undefined) {
    this.dir = dir;
    this.data = data;
  }

  /** The record of the last build into `outDir`, kept under `cacheDir` (none without one). */
  static async load(cacheDir: string | undefined, outDir: string): Promise<BuildRecord | undefined> {
    if (!cacheDir) return undefined;
    const dir = path.join(cacheDir, 'builds', hash(outDir).slice(0, 16));
    const data = await readFile(path.join(dir, 'record.json'), 'utf8').then(
      (text) => JSON.parse(text) as RecordData,
      () => undefined,
    );
    return new BuildRecord(dir, data?.format === RECORD_FORMAT ? data : undefined);
  }

  get templateFile(): string {
    return path.join(this.dir, 'index.html');
  }

  get serverDir(): string {
    return path.join(this.dir, 'server');
  }

  /** Whether the last build's bundles are still in `outDir` and here, for the same app. */
  async appIntact(appKey: string, outDir: string): Promise<boolean> {
    if (this.data?.appKey !== appKey) return false;
    const kept = await Promise.all([exists(this.templateFile), exists(path.join(this.serverDir, 'entry-server.js'))]);
    if (kept.includes(false)) return false;
    return Object.entries(this.data.app).every(([file, recorded]) => unchanged(path.join(outDir, file), recorded));
  }

  /** Keeps a newly built app's page template and server bundle for the next build. */
  async keepApp(outDir: string, serverDir: string): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
    await mkdir(this.dir, { recursive: true });
    await cp(path.join(outDir, 'index.html'), this.templateFile);
    await cp(serverDir, this.serverDir, { recursive: true });
  }

  /** The last build's record of a prerendered file, if the file is still as it left it. */
  page(outDir: string, file: string, key: string): PageRecord | undefined {
    const recorded = this.data?.pages[file];
    if (recorded?.key !== key || !unchanged(path.join(outDir, file), recorded)) return undefined;
    return recorded;
  }

  get searchKey(): string | undefined {
    return this.data?.searchKey;
  }

  get app(): Record<string, Stamp> {
    return this.data?.app ?? {};
  }

  /**
   * Removes what the last build wrote and this one did not (a deleted post's page, say),
   * and the folders that leaves empty; then records this build.
   */
  async save(outDir: string, next: Omit<RecordData, 'format'>): Promise<void> {
    const kept = new Set(next.files);
    const stale = (this.data?.files ?? []).filter((file) => !kept.has(file));
    await Promise.all(stale.map((file) => rm(path.join(outDir, file), { force: true })));
    const folders = new Set(stale.map((file) => path.dirname(file)).filter((folder) => folder !== '.'));
    for (const folder of [...folders].sort((a, b) => b.length - a.length)) {
      await rmdir(path.join(outDir, folder)).catch(() => undefined); // only if empty
    }
    await mkdir(this.dir, { recursive: true });
    await writeFile(path.join(this.dir, 'record.json'), JSON.stringify({ format: RECORD_FORMAT, ...next }));
  }
}

/** A key of everything the app's bundles are built from: its sources, the lock file, the config, and `options`. */
export async function appKey(root: string, options: unknown): Promise<string> {
  const files: string[] = [];
  for (const source of APP_SOURCES) {
    const full = path.join(root, source);
    const info = await stat(full).catch(() => undefined);
    if (info?.isDirectory()) {
      const names = await readdir(full, { recursive: true, withFileTypes: true });
      files.push(
        ...names
          .filter((entry) => entry.isFile())
          .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name))),
      );
    } else if (info) files.push(source);
  }
  files.sort();
  const digest = createHash('sha256').update(JSON.stringify([RECORD_FORMAT, options]));
  for (const file of files) digest.update(`\0${file}\0`).update(await readFile(path.join(root, file)));
  return digest.digest('hex');
}

/** The stamp of a file just written. */
// Stamps are taken synchronously: thousands of them, each cheaper than a promise's round trip.
export function stampOf(file: string): Stamp {
  const info = statSync(file);
  return { size: info.size, mtimeMs: info.mtimeMs };
}

/** Every file under `dir`, relative to it, with `/` separators. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

export function hash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function unchanged(file: string, recorded: Stamp): boolean {
  const info = statSync(file, { throwIfNoEntry: false });
  return info?.size === recorded.size && info.mtimeMs === recorded.mtimeMs;
}

function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
