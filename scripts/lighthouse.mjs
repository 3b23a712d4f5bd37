// @ts-check
// `npm run lighthouse [-- --dist dist --base /]`: Lighthouse (mobile, default throttling) on
// the built site's home page, list page 2 (if there is one), a post page and a tag page,
// served gzip-compressed from a plain static server as a CDN would, in Debian's Chromium (or
// CHROMIUM_PATH). In the same run it measures a bare page: the post page's own HTML with
// every script and preload removed (its stylesheet is inline already), one file, nothing
// else to fetch: the physical limit for that content. Prints the four category scores, LCP,
// TBT and CLS per page, and each page's LCP as a multiple of the bare page's. Run
// `npm run build` first.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
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
const post = await firstPage('posts');
const pages = [
  '',
  existsSync(path.join(dist, 'page/2/index.html')) ? 'page/2/' : undefined,
  post,
  await firstPage('tags'),
].filter((page) => page !== undefined);
if (!post) throw new Error('the site has no post to measure');

// The bare page: the post's HTML without scripts, preloads or the policy tag, beside the
// site's assets (the post's images).
const bareDir = await mkdtemp(path.join(tmpdir(), 'lighthouse-bare-'));
await symlink(path.join(dist, 'assets'), path.join(bareDir, 'assets'));
const postHtml = await readFile(path.join(dist, post, 'index.html'), 'utf8');
await writeFile(
  path.join(bareDir, 'index.html'),
  postHtml
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/<link rel="(?:preload|modulepreload)"[^>]*>/g, '')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, ''),
);
const bare = await serveStatic(bareDir, base, { gzip: true });
const server = await serveStatic(dist, base, { gzip: true });
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM_PATH,
  chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
});

const rows = [];
try {
  for (const page of ['bare', ...pages]) {
    const url = page === 'bare' ? `${bare.url}${base}` : `${server.url}${base}${page}`;
    const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { categories, audits } = result.lhr;
    /** @param {string} id */
    const score = (id) => Math.round((categories[id]?.score ?? 0) * 100);
    /** @param {string} id */
    const value = (id) => audits[id]?.numericValue ?? NaN;
    rows.push({
      page: page === 'bare' ? 'bare page' : `/${page}`,
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
  await bare.close();
  await rm(bareDir, { recursive: true, force: true });
}

const bareLcp = rows[0]?.lcpMs ?? NaN;
console.log('| page | performance | accessibility | best practices | SEO | LCP | LCP ÷ bare | TBT | CLS |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.page} | ${r.performance} | ${r.accessibility} | ${r.bestPractices} | ${r.seo} | ${(r.lcpMs / 1000).toFixed(2)} s | ${(r.lcpMs / bareLcp).toFixed(2)} | ${r.tbtMs} ms | ${r.cls} |`,
  );
}
console.log(`\n${JSON.stringify(rows)}`);
