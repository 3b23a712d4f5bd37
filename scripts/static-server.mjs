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

/** @param {string} file */
const isFile = (file) =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * What answers a path, as a static host decides: the file, a folder's index.html, a
 * redirect that adds a folder's slash, or nothing (then 404.html).
 * @param {string} root
 * @param {string} base
 * @param {string} pathname
 * @returns {Promise<{ file: string } | { redirect: string } | undefined>}
 */
async function resolvePath(root, base, pathname) {
  if (!pathname.startsWith(base)) return undefined;
  let relative;
  try {
    relative = decodeURIComponent(pathname.slice(base.length));
  } catch {
    return undefined;
  }
  const file = path.resolve(root, relative);
  if (file !== path.resolve(root) && !file.startsWith(path.resolve(root) + path.sep)) return undefined;
  const isDirectory = await stat(file).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (isDirectory && !pathname.endsWith('/')) return { redirect: `${pathname}/` };
  const answer = isDirectory ? path.join(file, 'index.html') : file;
  return (await isFile(answer)) ? { file: answer } : undefined;
}

/**
 * Sends a file with its type and the `_headers` rules that match, gzip-compressed when asked.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ status: number, file: string, pathname: string, rules: HeaderRule[], gzip?: boolean }} answer
 */
async function send(req, res, { status, file, pathname, rules, gzip }) {
  const type = contentType(file);
  /** @type {Record<string, string>} */
  const headers = { 'Content-Type': type };
  for (const rule of rules) if (rule.pattern.test(pathname)) Object.assign(headers, rule.headers);
  if (!(gzip && /text|json|xml|svg/.test(type) && /gzip/.test(req.headers['accept-encoding'] ?? ''))) {
    res.writeHead(status, headers);
    createReadStream(file).pipe(res);
    return;
  }
  const body = gzipSync(await readFile(file));
  res.writeHead(status, { ...headers, 'Content-Encoding': 'gzip', 'Content-Length': String(body.length) });
  res.end(body);
}

/**
 * @param {string} root
 * @param {string} [base]
 * @param {{ gzip?: boolean }} [options]
 * @returns {Promise<StaticServer>}
 */
export async function serveStatic(root, base = '/', options = {}) {
  const rules = await readHeaderRules(root);
  const notFoundPage = path.join(root, '404.html');
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const reply = (/** @type {number} */ status, /** @type {string} */ file) =>
      send(req, res, { status, file, pathname, rules, gzip: options.gzip });
    void resolvePath(root, base, pathname).then(async (answer) => {
      if (answer && 'redirect' in answer) res.writeHead(301, { Location: answer.redirect }).end();
      else if (answer) await reply(200, answer.file);
      else if (await isFile(notFoundPage)) await reply(404, notFoundPage);
      else res.writeHead(404).end('Not found');
    });
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
