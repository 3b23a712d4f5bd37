import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';

export const root = path.resolve(import.meta.dirname, '..');
const run = promisify(execFile);

/** The environment a person runs commands in: without the test runner's NODE_ENV=test, which would make a development build. */
export function personEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { NODE_ENV: _nodeEnv, VITEST: _vitest, VITEST_MODE: _mode, ...inherited } = process.env;
  return { ...inherited, ...extra };
}

interface SiteBuild {
  code: number;
  output: string;
  outDir: string;
}

/**
 * Runs the real `vite build` (what `npm run build` runs) on `test/fixtures/<posts>` (or an
 * absolute folder) into a new folder; `project` is the project to build (a copy with other
 * settings, say). Without `emptyOutDir`, Vite leaves a folder outside the project as it is.
 */
export async function buildSite(
  posts: string,
  env: Record<string, string> = {},
  project = root,
  into?: string,
  { emptyOutDir = true }: { emptyOutDir?: boolean } = {},
): Promise<SiteBuild> {
  const outDir = into ?? (await mkdtemp(path.join(tmpdir(), 'blog-build-')));
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [
        path.join(project, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        outDir,
        ...(emptyOutDir ? ['--emptyOutDir'] : []),
      ],
      {
        cwd: project,
        env: personEnv({ POSTS_DIR: path.isAbsolute(posts) ? posts : path.join(root, 'test/fixtures', posts), ...env }),
        // A build that does not end (a worker keeping the process alive, say) fails here, loudly.
        timeout: 50_000,
      },
    );
    return { code: 0, output: stdout + stderr, outDir };
  } catch (error) {
    const failed = error as { code: number | null; signal: string | null; stdout: string; stderr: string };
    const ended = failed.signal ? `\n[the build was stopped by ${failed.signal}: it did not end]` : '';
    return { code: failed.code ?? 1, output: failed.stdout + failed.stderr + ended, outDir };
  }
}

/** Every file below `dir`, as sorted `a/b.html` paths. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/** A page as the search index holds it: Pagefind's fragment. */
export interface SearchRecord {
  url: string;
  content: string;
  meta: Record<string, string>;
}

/** What the search index in `outDir` holds of each page. */
export async function searchRecords(outDir: string): Promise<SearchRecord[]> {
  const folder = path.join(outDir, 'pagefind/fragment');
  const records: SearchRecord[] = [];
  for (const file of await listFiles(folder)) {
    const text = gunzipSync(await readFile(path.join(folder, file))).toString('utf8');
    records.push(JSON.parse(text.slice(text.indexOf('{'))) as SearchRecord);
  }
  return records;
}

/** What the search index in `outDir` holds of each page's text, by page address. */
export async function searchContents(outDir: string): Promise<Map<string, string>> {
  return new Map((await searchRecords(outDir)).map((record) => [record.url, record.content]));
}
