// A plain static file server, as a host would be: files from a folder under a base
// path, `index.html` for directories, `404.html` for anything missing, the headers of
// the site's `_headers` file (as Netlify and Cloudflare Pages send them), and no
// single-page-app fallback (unlike `vite preview`, which would hide a missing page).
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
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

interface HeaderRule {
  pattern: RegExp;
  headers: Record<string, string>;
}

/** Netlify's `_headers` format: a path pattern, then indented `Name: value` lines. */
async function readHeaderRules(root: string): Promise<HeaderRule[]> {
  const text = await readFile(path.join(root, '_headers'), 'utf8').catch(() => '');
  const rules: HeaderRule[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const source = line
        .trim()
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*');
      rules.push({ pattern: new RegExp(`^${source}$`), headers: {} });
    } else {
      const [name, ...value] = line.trim().split(':');
      const rule = rules.at(-1);
      if (rule && name) rule.headers[name] = value.join(':').trim();
    }
  }
  return rules;
}

export async function serveStatic(root: string, base = '/'): Promise<StaticServer> {
  const rules = await readHeaderRules(root);
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
        const headers: Record<string, string> = {
          'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        };
        for (const rule of rules) if (rule.pattern.test(pathname)) Object.assign(headers, rule.headers);
        res.writeHead(status, headers);
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
