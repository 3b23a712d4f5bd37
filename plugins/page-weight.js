// @ts-check
// What a page costs a reader on first load: the gzip bytes of every script its HTML starts
// loading (module scripts and module preloads), and of the HTML itself.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * @param {string} dist the built site
 * @param {string} page the page's HTML file inside `dist`, e.g. `posts/x/index.html`
 * @param {string} [base] the base path the site was built for
 * @returns {Promise<{ js: number, html: number, scripts: string[] }>}
 */
export async function pageWeight(dist, page, base = '/') {
  const html = await readFile(path.join(dist, page), 'utf8');
  const pattern = /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g;
  const scripts = [...html.matchAll(pattern)].map((match) => (match[1] ?? '').slice(base.length));
  let js = 0;
  for (const script of scripts) js += gzipSync(await readFile(path.join(dist, script))).length;
  return { js, html: gzipSync(html).length, scripts };
}
