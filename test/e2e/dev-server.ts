import { spawn } from 'node:child_process';
import path from 'node:path';
import { personEnv, root } from '../site-build.ts';

export interface DevServer {
  url: string;
  /** Everything it printed so far. */
  output(): string;
  stop(): void;
}

/** `npm run dev` on a posts folder, as an author would run it, on a free port. */
export async function startDevServer(postsDir: string): Promise<DevServer> {
  const child = spawn(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), '--port', '0'], {
    cwd: root,
    env: personEnv({ POSTS_DIR: postsDir, NO_COLOR: '1' }),
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the dev server did not start:\n${output}`)), 30_000);
    child.stdout.on('data', () => {
      const found = /Local:\s+(http:\/\/\S+)/.exec(output)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
  });
  return { url, output: () => output, stop: () => child.kill() };
}
