// A plain static file server, as a host would be: files from a folder under a base
// path, `index.html` for directories, `404.html` for anything missing, and no
// single-page-app fallback (unlike `vite preview`, which would hide a missing page).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(
  root: string,
  base = '/',
  headers: Record<string, string> = {},
): Promise<StaticServer> {
  const isFile = (file: string) =>
    stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
  const isDir = (file: string) =>
    stat(file).then(
      (s) => s.isDirectory(),
      () => false,
    );

  const server: Server = createServer((req, res) => {
    void (async () => {
      const send = (status: number, file: string) => {
        res.writeHead(status, {
          'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          ...headers,
        });
        createReadStream(file).pipe(res);
      };
      const notFound = async () => {
        const page = path.join(root, '404.html');
        if (await isFile(page)) send(404, page);
        else res.writeHead(404).end('Not found');
      };
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!pathname.startsWith(base)) return notFound();
      let relative: string;
      try {
        relative = decodeURIComponent(pathname.slice(base.length));
      } catch {
        return notFound();
      }
      const file = path.join(root, relative);
      if (!file.startsWith(root)) return notFound();
      if (await isDir(file)) {
        if (!pathname.endsWith('/')) {
          res.writeHead(301, { Location: `${pathname}/` }).end();
          return;
        }
        const index = path.join(file, 'index.html');
        return (await isFile(index)) ? send(200, index) : notFound();
      }
      return (await isFile(file)) ? send(200, file) : notFound();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
