// @ts-check
// A plain static file server, as a host would be: files from a folder under a base
// path, `index.html` for directories, `404.html` for anything missing, the headers of
// the site's `_headers` file (as Netlify and Cloudflare Pages send them), and no
// single-page-app fallback (unlike `vite preview`, which would hide a missing page).
// With `gzip`, text responses are compressed, as a CDN would serve them.
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { lookup } from 'mrmime';

/**
 * The Content-Type a host sends for a file (text in UTF-8).
 * @param {string} file
 */
function contentType(file) {
  const type = lookup(file) ?? 'application/octet-stream';
  return /^text\/|json|xml|javascript/.test(type) ? `${type}; charset=utf-8` : type;
}

/** @typedef {{ url: string, close(): Promise<void> }} StaticServer */
/** @typedef {{ pattern: RegExp, headers: Record<string, string> }} HeaderRule */

/**
 * Netlify's `_headers` format: a path pattern, then indented `Name: value` lines.
 * @param {string} root
 * @returns {Promise<HeaderRule[]>}
 */
async function readHeaderRules(root) {
  const text = await readFile(path.join(root, '_headers'), 'utf8').catch(() => '');
  /** @type {HeaderRule[]} */
  const rules = [];
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

/**
 * @param {string} root
 * @param {string} [base]
 * @param {{ gzip?: boolean }} [options]
 * @returns {Promise<StaticServer>}
 */
export async function serveStatic(root, base = '/', options = {}) {
  const rules = await readHeaderRules(root);
  /** @param {string} file */
  const isFile = (file) =>
    stat(file).then(
      (s) => s.isFile(),
      () => false,
    );
  /** @param {string} file */
  const isDir = (file) =>
    stat(file).then(
      (s) => s.isDirectory(),
      () => false,
    );

  const server = createServer((req, res) => {
    void (async () => {
      /**
       * @param {number} status
       * @param {string} file
       */
      const send = async (status, file) => {
        const type = contentType(file);
        /** @type {Record<string, string>} */
        const headers = { 'Content-Type': type };
        for (const rule of rules) if (rule.pattern.test(pathname)) Object.assign(headers, rule.headers);
        const compress =
          options.gzip && /text|json|xml|svg/.test(type) && /gzip/.test(req.headers['accept-encoding'] ?? '');
        if (!compress) {
          res.writeHead(status, headers);
          createReadStream(file).pipe(res);
          return;
        }
        const body = gzipSync(await readFile(file));
        res.writeHead(status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
        res.end(body);
      };
      const notFound = async () => {
        const page = path.join(root, '404.html');
        if (await isFile(page)) send(404, page);
        else res.writeHead(404).end('Not found');
      };
      const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (!pathname.startsWith(base)) return notFound();
      /** @type {string} */
      let relative;
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
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve(undefined)))),
  };
}
