// @ts-check
// What a page costs a reader on first load: the gzip bytes of every script it loads before it
// is idle (the app and the modules the inline script loads, src/inline-script.ts; module
// scripts and module preloads in the HTML, if any), of its inline script, and of the HTML
// itself.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * @param {string} dist the built site
 * @param {string} page the page's HTML file inside `dist`, e.g. `posts/x/index.html`
 * @param {string} [base] the base path the site was built for
 * @param {Map<string, number>} [gzipSizes] scripts' gzip sizes by file, shared by calls that weigh pages of one build
 * @returns {Promise<{ js: number, html: number, inlineJs: number, scripts: string[], beforePaint: string[] }>}
 */
export async function pageWeight(dist, page, base = '/', gzipSizes = new Map()) {
  const html = await readFile(path.join(dist, page), 'utf8');
  const pattern = /<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="([^"]+)"/g;
  const scripts = [...html.matchAll(pattern)].map((match) => match[1] ?? '');
  // What the inline script loads once the page has loaded.
  for (const tag of html.matchAll(/<script\b([^>]*)>/g)) {
    for (const attribute of (tag[1] ?? '').matchAll(/\sdata-app="([^"]*)"/g)) scripts.push(attribute[1] ?? '');
  }
  const inline = [...html.matchAll(/<script(?:\s+data-[a-z-]+="[^"]*")*>([\s\S]*?)<\/script>/g)].map(
    (match) => match[1] ?? '',
  );
  const inlineJs = inline.reduce((bytes, script) => bytes + gzipSync(script).length, 0);
  let js = inlineJs;
  const files = scripts.map((script) => script.slice(base.length));
  for (const file of files) {
    let size = gzipSizes.get(file);
    if (size === undefined) {
      size = gzipSync(await readFile(path.join(dist, file))).length;
      gzipSizes.set(file, size);
    }
    js += size;
  }
  return { js, html: gzipSync(html).length, inlineJs, scripts: files, beforePaint: requestsBeforePaint(html) };
}

/**
 * What the HTML's head makes the browser fetch beside the page itself before it can paint
 * or while it does: scripts, stylesheets, preloads and an icon that is not a data: URL.
 * Images in the content are the content, and not counted.
 * @param {string} html
 */
function requestsBeforePaint(html) {
  const head = html.slice(0, html.indexOf('</head>'));
  const links = [...head.matchAll(/<link\b[^>]*\brel="(?:stylesheet|preload|modulepreload|icon|prefetch)"[^>]*>/g)]
    .map((match) => match[0])
    .filter((tag) => !/\shref="data:/.test(tag));
  const scripts = [...html.matchAll(/<script\b[^>]*\ssrc="[^"]*"[^>]*>/g)].map((match) => match[0]);
  return [...links, ...scripts];
}
