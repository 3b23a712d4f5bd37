// Rendering many posts: reuse what an earlier build rendered when nothing it depended on
// changed (a content-addressed cache on disk), and render the rest on every core.
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { mapLimited } from './concurrency.ts';
import { fileHash, renderMarkdown, type RenderContext, type RenderedMarkdown } from './markdown.ts';

/** Bump when the shape of a cache entry changes. */
const CACHE_FORMAT = 1;

/**
 * What every rendering depends on besides its post: the renderer's own source and the exact
 * versions of every installed package (the lock file). Any change there invalidates the cache.
 */
export async function rendererFingerprint(root: string): Promise<string> {
  const parts = await Promise.all(
    ['plugins/markdown.ts', 'package-lock.json'].map((file) => readFile(path.join(root, file), 'utf8').catch(() => '')),
  );
  return fileHash(Buffer.from([String(CACHE_FORMAT), ...parts].join('\0')));
}

interface CacheEntry {
  key: string;
  rendered: RenderedMarkdown;
}

export interface RenderJob {
  source: string;
  context: RenderContext;
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
      const text = await readFile(path.join(this.dir, `${key}.json`), 'utf8').catch(() => undefined);
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
    await mkdir(this.dir, { recursive: true });
    const entry: CacheEntry = { key, rendered };
    await writeFile(path.join(this.dir, `${key}.json`), JSON.stringify(entry));
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

async function stillValid(rendered: RenderedMarkdown, context: RenderContext): Promise<boolean> {
  for (const [target, slug] of Object.entries(rendered.dependencies.slugs)) {
    if ((context.slugs[target] ?? null) !== slug) return false;
  }
  for (const [file, hash] of Object.entries(rendered.dependencies.files)) {
    const content = await readFile(file).catch(() => null);
    if ((content === null ? null : fileHash(content)) !== hash) return false;
  }
  return true;
}

/** Below this many posts to render, starting workers costs more than it saves. */
const WORKER_THRESHOLD = 48;

type WorkerReply = { type: 'ready' } | { id: number; result?: RenderedMarkdown; error?: string };

/**
 * Renders jobs in worker threads (each loads plugins/markdown.ts through Vite's module
 * runner), so a large build uses every core. Results come back in the jobs' order.
 */
async function renderInWorkers(
  jobs: RenderJob[],
  root: string,
  slugs: Record<string, string>,
  onDone: () => void,
): Promise<RenderedMarkdown[]> {
  const size = Math.min(availableParallelism(), 4, Math.ceil(jobs.length / 16));
  const results: RenderedMarkdown[] = new Array<RenderedMarkdown>(jobs.length);
  let next = 0;
  const workers = Array.from(
    { length: size },
    () =>
      new Worker(path.join(root, 'plugins/render-worker.js'), {
        workerData: { markdownModule: path.join(root, 'plugins/markdown.ts'), root },
      }),
  );
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= jobs.length) return resolve();
              const id = next++;
              const { slugs: _slugs, ...context } = jobs[id]!.context;
              worker.postMessage({ id, source: jobs[id]!.source, context });
            };
            worker.on('error', reject);
            worker.on('message', (reply: WorkerReply) => {
              if ('type' in reply) {
                worker.postMessage({ type: 'slugs', slugs });
                return send();
              }
              if (reply.error !== undefined || !reply.result) return reject(new Error(reply.error));
              results[reply.id] = reply.result;
              onDone();
              send();
            });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return results;
}

/**
 * Renders every job, reusing cached renderings, on all cores when there are many.
 * `onProgress(done, total)` is called as posts finish.
 */
export async function renderAll(
  jobs: RenderJob[],
  options: { cache?: RenderCache; root: string; onProgress?: (done: number, total: number) => void },
): Promise<{ rendered: RenderedMarkdown[]; reused: number }> {
  options.cache?.beginRun();
  const rendered: (RenderedMarkdown | undefined)[] = await mapLimited(jobs, 32, async (job) => options.cache?.get(job));
  const missing = jobs.map((_, i) => i).filter((i) => rendered[i] === undefined);
  let done = jobs.length - missing.length;
  const progress = () => options.onProgress?.(++done, jobs.length);
  options.onProgress?.(done, jobs.length);

  const slugs = jobs[0]?.context.slugs ?? {};
  const fresh =
    missing.length >= WORKER_THRESHOLD && availableParallelism() > 1
      ? await renderInWorkers(
          missing.map((i) => jobs[i]!),
          options.root,
          slugs,
          progress,
        )
      : await Promise.all(
          missing.map(async (i) => {
            const result = await renderMarkdown(jobs[i]!.source, jobs[i]!.context);
            progress();
            return result;
          }),
        );
  const freshByJob = new Map(missing.map((jobIndex, k) => [jobIndex, fresh[k]!]));
  await mapLimited(missing, 32, async (jobIndex) => options.cache?.set(jobs[jobIndex]!, freshByJob.get(jobIndex)!));
  options.cache?.endRun();
  return {
    rendered: rendered.map((result, i) => result ?? freshByJob.get(i)!),
    reused: jobs.length - missing.length,
  };
}
