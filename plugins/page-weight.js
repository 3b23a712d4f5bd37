// @ts-check
// What a page costs a reader on first load: the gzip bytes of every script its HTML starts
// loading (module scripts and module preloads) and of its inline scripts (the theme script),
// and of the HTML itself.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * @param {string} dist the built site
 * @param {string} page the page's HTML file inside `dist`, e.g. `posts/x/index.html`
 * @param {string} [base] the base path the site was built for
 * @returns {Promise<{ js: number, html: number, inlineJs: number, scripts: string[] }>}
 */
export async function pageWeight(dist, page, base = '/') {
  const html = await readFile(path.join(dist, page), 'utf8');
  const pattern = /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g;
  const scripts = [...html.matchAll(pattern)].map((match) => (match[1] ?? '').slice(base.length));
  const inline = [...html.matchAll(/<script>([^<]*)<\/script>/g)].map((match) => match[1] ?? '');
  const inlineJs = inline.reduce((bytes, script) => bytes + gzipSync(script).length, 0);
  let js = inlineJs;
  for (const script of scripts) js += gzipSync(await readFile(path.join(dist, script))).length;
  return { js, html: gzipSync(html).length, inlineJs, scripts };
}
