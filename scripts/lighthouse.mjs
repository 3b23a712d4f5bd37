// @ts-check
// `npm run lighthouse [-- --dist dist --base /]`: Lighthouse (mobile, default throttling) on
// the built site's home page, a post page and a tag page, served gzip-compressed from a
// plain static server as a CDN would, in Debian's Chromium (or CHROMIUM_PATH). Prints the
// four category scores and LCP, TBT and CLS per page. Run `npm run build` first.
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium.mjs';
import { flag } from './cli.mjs';
import { serveStatic } from './static-server.mjs';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.resolve(root, flag('dist') ?? 'dist');
const base = flag('base') ?? '/';
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`${path.relative(root, dist) || dist}/index.html not found: run npm run build first`);
  process.exit(1);
}

/** The first entry of a folder of the site, as a page path. @param {string} folder */
async function firstPage(folder) {
  const names = (await readdir(path.join(dist, folder), { withFileTypes: true })).filter((e) => e.isDirectory());
  return names[0] ? `${folder}/${names[0].name}/` : undefined;
}
const pages = ['', await firstPage('posts'), await firstPage('tags')].filter((page) => page !== undefined);

const server = await serveStatic(dist, base, { gzip: true });
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
});

const rows = [];
try {
  for (const page of pages) {
    const url = `${server.url}${base}${page}`;
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { categories, audits } = result.lhr;
    /** @param {string} id */
    const score = (id) => Math.round((categories[id]?.score ?? 0) * 100);
    /** @param {string} id */
    const value = (id) => audits[id]?.numericValue ?? NaN;
    rows.push({
      page: `/${page}`,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      lcpMs: Math.round(value('largest-contentful-paint')),
      tbtMs: Math.round(value('total-blocking-time')),
      cls: Number(value('cumulative-layout-shift').toFixed(3)),
    });
  }
} finally {
  await chrome.kill();
  await server.close();
}

console.log('| page | performance | accessibility | best practices | SEO | LCP | TBT | CLS |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.page} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${(r.lcpMs / 1000).toFixed(1)} s | ${r.tbtMs} ms | ${r.cls} |`,
  );
}
console.log(`\n${JSON.stringify(rows)}`);
