// Renders posts in worker threads: all cores for a large build, and each post in isolation.
// A post whose rendering crashes its worker, or runs past the time limit, becomes a problem
// naming that post; the worker is replaced and the other posts go on.
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { rolldown } from 'rolldown';
import { mapLimited } from './concurrency.ts';
import { failedRendering, type RenderedMarkdown } from './markdown/rendering.ts';
import { rendererFingerprint, type RenderCache, type RenderJob } from './render-cache.ts';

/** How long one post may take to render. The largest real posts take well under a second. */
const RENDER_TIME_LIMIT_MS = 60_000;

/** Memory one rendering worker may use before it is stopped (a post that explodes in size). */
const WORKER_MEMORY_MB = 2048;

/**
 * Room for short-lived objects: rendering allocates a lot that dies young, and V8's default
 * collects it so often that it took a seventh of a worker's time. With this, cold builds of
 * 1,000 posts took 12.8-13.5 s against 14.3-14.6 s (three each, alternated).
 */
const WORKER_YOUNG_MB = 96;

type Reply = { type: 'ready' } | { id: number; result: RenderedMarkdown };

/** Slug maps by number: the last eight reads' (a worker keeps the same). */
type SlugMaps = Map<number, Record<string, string>>;

interface Task {
  id: number;
  job: RenderJob;
  /** Which of the pool's slug maps the job resolves links with. */
  slugs: number;
  timeLimitMs: number;
  resolve: (result: RenderedMarkdown) => void;
}

/**
 * plugins/markdown/pipeline.ts and what it imports from the project, bundled into one
 * JavaScript module for the workers (Node 20 cannot import TypeScript), with the packages
 * left as imports. Kept under node_modules/ (where those imports resolve) for as long as
 * the renderer's source and the lock file stay the same: a worker then starts by importing
 * plain JavaScript, in about a third of the time Vite's module runner took to transform it.
 */
export async function compiledPipeline(root: string): Promise<string> {
  const folder = path.join(root, 'node_modules', '.cache', 'blog-renderer');
  const file = path.join(folder, `${(await rendererFingerprint(root)).slice(0, 16)}.mjs`);
  if (existsSync(file)) return file;
  const bundle = await rolldown({
    input: path.join(root, 'plugins/markdown/pipeline.ts'),
    platform: 'node',
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    logLevel: 'silent',
  });
  await mkdir(folder, { recursive: true });
  const partial = `${file}.${process.pid}`;
  try {
    await bundle.write({ file: partial, format: 'esm' });
  } finally {
    await bundle.close();
  }
  // Other versions of the renderer go once a day old (a dev server started before a
  // change may still start workers with its own); a process beside this one writes the same file.
  const others = (await readdir(folder)).filter((name) => name.endsWith('.mjs') && name !== path.basename(file));
  for (const name of others) {
    const other = path.join(folder, name);
    const age = Date.now() - ((await stat(other).catch(() => undefined))?.mtimeMs ?? Date.now());
    if (age > 86_400_000) await rm(other, { force: true });
  }
  await rename(partial, file);
  return file;
}

/** One worker thread (which imports the compiled pipeline) and the task it is on. */
class RenderWorker {
  readonly thread: Worker;
  readonly ready: Promise<void>;
  isReady = false;
  task: Task | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    root: string,
    pipeline: string,
    slugs: SlugMaps,
    onIdle: () => void,
    onGone: (worker: RenderWorker, problem: string) => void,
  ) {
    this.thread = new Worker(path.join(root, 'plugins/render-worker.js'), {
      workerData: { pipeline },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_MEMORY_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
    for (const [version, map] of slugs) this.thread.postMessage({ type: 'slugs', version, slugs: map });
    this.ready = new Promise((resolve) => {
      this.thread.on('message', (reply: Reply) => {
        if ('type' in reply) {
          this.isReady = true;
          return resolve();
        }
        this.finish(reply.result);
        onIdle();
      });
    });
    this.thread.on('error', (error: Error & { code?: string }) =>
      onGone(
        this,
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `needed more than ${WORKER_MEMORY_MB} MB of memory to render; the limit is ${WORKER_MEMORY_MB} MB`
          : `crashed the renderer: ${error.message}`,
      ),
    );
    this.thread.on('exit', () => {
      const seconds = (this.task?.timeLimitMs ?? RENDER_TIME_LIMIT_MS) / 1000;
      onGone(this, `took longer than ${seconds} s to render; the limit is ${seconds} s`);
    });
    // Only a worker with work keeps the process alive (dispatch refs it). After the
    // listeners: adding a 'message' listener refs the worker's port again.
    this.thread.unref();
  }

  start(task: Task): void {
    this.task = task;
    const { slugs: _slugs, ...context } = task.job.context;
    this.thread.postMessage({ id: task.id, source: task.job.source, context, slugs: task.slugs });
    // Stopping the thread is the only way to interrupt a synchronous parser; 'exit' then reports it.
    this.timer = setTimeout(() => void this.thread.terminate(), task.timeLimitMs);
  }

  finish(result: RenderedMarkdown): void {
    clearTimeout(this.timer);
    const task = this.task;
    this.task = undefined;
    // An idle worker does not keep the process alive.
    this.thread.unref();
    task?.resolve(result);
  }
}

/**
 * Worker threads that live as long as the process (the dev server renders again on every
 * save), started as work arrives, at most one per core (and four).
 */
class RenderPool {
  private workers: RenderWorker[] = [];
  private queue: Task[] = [];
  private nextId = 0;
  /** The slug maps of the latest reads, by number (the workers keep the same ones). */
  private slugs: SlugMaps = new Map();
  private slugsVersion = 0;
  private readonly root: string;
  private readonly limit = Math.max(1, Math.min(availableParallelism(), 4));
  private compiling: Promise<string> | undefined;
  private pipeline: string | undefined;
  /** How many times the pool was closed: a warm-up that ends after a close starts nothing. */
  private closes = 0;

  constructor(root: string) {
    this.root = root;
  }

  /** Compiles the pipeline for the workers (or finds it compiled); needed before any work. */
  async prepare(): Promise<void> {
    this.compiling ??= compiledPipeline(this.root);
    this.pipeline = await this.compiling.catch((error: unknown) => {
      this.compiling = undefined; // tried again by the next read (the dev server, after a fix)
      throw error;
    });
  }

  /**
   * The slug map a read's renderings resolve links with (it changes when posts are added or
   * renamed), sent to the workers once; returns its number, for the read's jobs.
   */
  addSlugs(slugs: Record<string, string>): number {
    const version = ++this.slugsVersion;
    this.slugs.set(version, slugs);
    this.slugs.delete(version - 8);
    for (const worker of this.workers) worker.thread.postMessage({ type: 'slugs', version, slugs });
    return version;
  }

  /** Stops every worker (their memory goes back to the system); the next job starts new ones, with the renderer's source as it is then. */
  async close(): Promise<void> {
    this.closes++;
    this.compiling = this.pipeline = undefined;
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((worker) => worker.thread.terminate()));
  }

  /** Starts a worker ahead of the first job, so that its start-up overlaps other work. */
  async warmUp(): Promise<void> {
    const closes = this.closes;
    await this.prepare();
    if (this.closes === closes && this.workers.length === 0) this.spawn();
  }

  render(job: RenderJob, slugs: number, timeLimitMs: number): Promise<RenderedMarkdown> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, job, slugs, timeLimitMs, resolve });
      const wanted = Math.min(this.limit, Math.ceil(this.queue.length / 16));
      while (this.workers.length < wanted) this.spawn();
      this.dispatch();
    });
  }

  private spawn(): void {
    if (!this.pipeline) throw new Error('the render pool was not prepared');
    const worker = new RenderWorker(
      this.root,
      this.pipeline,
      this.slugs,
      () => this.dispatch(),
      (gone, problem) => this.replace(gone, problem),
    );
    this.workers.push(worker);
    void worker.ready.then(() => this.dispatch());
  }

  private dispatch(): void {
    for (const worker of this.workers) {
      if (!worker.isReady || worker.task || this.queue.length === 0) continue;
      worker.thread.ref();
      worker.start(this.queue.shift()!);
    }
    // Work waits for a worker that is still starting: keep the process alive meanwhile.
    for (const worker of this.workers) if (!worker.isReady && this.queue.length > 0) worker.thread.ref();
  }

  /** A worker that crashed or ran out of time: its post gets the problem, and a new worker takes its place. */
  private replace(gone: RenderWorker, problem: string): void {
    const index = this.workers.indexOf(gone);
    if (index === -1) return;
    this.workers.splice(index, 1);
    void gone.thread.terminate();
    if (!gone.isReady) {
      // The renderer itself cannot start (a broken install, say): every waiting post gets the reason.
      for (const task of this.queue.splice(0))
        task.resolve(failedRendering([{ message: `could not be rendered: ${problem}` }]));
      return;
    }
    gone.finish(failedRendering([{ message: problem }]));
    if (this.queue.length > 0) this.spawn();
  }
}

const pools = new Map<string, RenderPool>();

function poolFor(root: string): RenderPool {
  let pool = pools.get(root);
  if (!pool) pools.set(root, (pool = new RenderPool(root)));
  return pool;
}

/** Starts a rendering worker now (it takes about a quarter of a second), before the posts are even read. */
export function warmUpRenderer(root: string): void {
  // A failure here is told by the read that needs the renderer.
  poolFor(root)
    .warmUp()
    .catch(() => undefined);
}

/** Stops the rendering workers, for a build that has read its posts: they hold memory the rest of the build can use. */
export async function closeRenderer(root: string): Promise<void> {
  await pools.get(root)?.close();
}

/**
 * Renders every job, reusing cached renderings, in worker threads.
 * `onProgress(done, total)` is called as posts finish; `onRendered(index, rendering)` as
 * each job's rendering is known (the cached ones first); `onRenderNeeded()` once, before
 * rendering starts, when not every job was in the cache.
 */
export async function renderAll(
  jobs: RenderJob[],
  options: {
    cache?: RenderCache;
    root: string;
    onProgress?: (done: number, total: number) => void;
    onRendered?: (index: number, rendering: RenderedMarkdown) => void;
    onRenderNeeded?: () => void;
    /** How long one post may take (RENDER_TIME_LIMIT_MS unless given). */
    timeLimitMs?: number;
  },
): Promise<{ rendered: RenderedMarkdown[]; reused: number }> {
  const { cache } = options;
  cache?.beginRun();
  const cached = await mapLimited(jobs, 32, async (job) => cache?.get(job));
  const reused = cached.filter(Boolean).length;
  let done = reused;
  options.onProgress?.(done, jobs.length);
  if (reused < jobs.length) options.onRenderNeeded?.();
  cached.forEach((hit, i) => hit && options.onRendered?.(i, hit));
  const pool = poolFor(options.root);
  if (reused < jobs.length) await pool.prepare();
  const slugs = pool.addSlugs(jobs[0]?.context.slugs ?? {});
  const rendered = await Promise.all(
    jobs.map(async (job, i) => {
      const hit = cached[i];
      if (hit) return hit;
      const result = await pool.render(job, slugs, options.timeLimitMs ?? RENDER_TIME_LIMIT_MS);
      options.onProgress?.(++done, jobs.length);
      // A failed rendering is not remembered: the next read tries again (the limit may have been a busy machine).
      if (result.html !== '' || result.problems.length === 0) await cache?.set(job, result);
      options.onRendered?.(i, result);
      return result;
    }),
  );
  cache?.endRun();
  return { rendered, reused };
}
