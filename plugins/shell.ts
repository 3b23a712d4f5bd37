// The shell every built page is written into: Vite's index.html, changed so that a page's
// first paint needs nothing but its HTML.
// - The stylesheet is inline, in a <style> the Content-Security-Policy allows by its
//   sha256 hash (never 'unsafe-inline').
// - A small SVG favicon is a data: URL, so that asking for it does not compete either.
// - The app's script is not in the <head>, where it would be fetched at high priority beside
//   the HTML: the inline script (src/inline-script.ts) loads it, with the page's data, once
//   the page has loaded. Which files to load are the inline script's data attributes, so
//   its text, and so its hash, is the same on every page and in every build.
// The dev server serves index.html as it is.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { INLINE_SCRIPT } from '../src/inline-script.ts';
import { escapeHtml } from './head.ts';

export interface Shell {
  /** index.html with the stylesheet inline, without the app's script tags, and APP_SCRIPT where the inline script goes. */
  template: string;
  /** The CSP source of the inline stylesheet: `sha256-…`. */
  styleHash: string;
  /** The inline script's tag for a page whose data is at `pageData` (none for 404.html). */
  scriptTag(pageData?: string): string;
}

/** Where the template has the inline script. */
export const APP_SCRIPT = '<!--app-script-->';

const MODULE_SCRIPT = /\s*<script type="module" crossorigin src="([^"]+)"><\/script>/g;
const MODULE_PRELOAD = /\s*<link rel="modulepreload" crossorigin href="([^"]+)">/g;
const STYLESHEET = /<link rel="stylesheet" crossorigin href="([^"]+)">/g;
const INLINE_SCRIPT_TAG = `<script>${INLINE_SCRIPT}</script>`;
const SVG_ICON = /<link rel="icon" type="image\/svg\+xml" href="([^"]+)" \/>/;
/** Icons up to this size (bytes) go into every page as a data: URL. */
const INLINE_ICON_LIMIT = 1024;

/**
 * From Vite's index.html (`built`), for the app built into `outDir` for a site under `base`;
 * `postsCss` (the rules of the posts' math styles) goes into the stylesheet after the app's.
 */
export async function prepareShell(outDir: string, base: string, built: string, postsCss = ''): Promise<Shell> {
  const [entry, ...more] = [...built.matchAll(MODULE_SCRIPT)].map((match) => match[1]!);
  const stylesheets = [...built.matchAll(STYLESHEET)].map((match) => match[1]!);
  if (!entry || more.length > 0 || stylesheets.length !== 1 || !built.includes(INLINE_SCRIPT_TAG)) {
    throw new Error(
      `the built index.html should have one module script, one stylesheet and the inline script; ` +
        `it has ${more.length + (entry ? 1 : 0)}, ${stylesheets.length} and ${built.includes(INLINE_SCRIPT_TAG) ? 1 : 0}`,
    );
  }
  const css = (await readFile(path.join(outDir, stylesheets[0]!.slice(base.length)), 'utf8')).trim() + postsCss;
  // Vite's minified CSS from our sources has no `</style`, but the page must not depend on that.
  if (/<\/style/i.test(css)) throw new Error(`${stylesheets[0]} contains "</style", which cannot be inlined`);
  const icon = await inlineIcon(outDir, base, built);
  const template = built
    .replace(SVG_ICON, (tag) => icon ?? tag)
    .replace(MODULE_SCRIPT, '')
    // Preloads of the modules the app imports, if Vite splits it: the browser fetches them
    // when it reads the app's imports instead, after first paint like the app.
    .replace(MODULE_PRELOAD, '')
    .replace(STYLESHEET, () => `<style>${css}</style>`)
    .replace(INLINE_SCRIPT_TAG, APP_SCRIPT);
  const attributes = ` data-app="${escapeHtml(entry)}"`;
  return {
    template,
    styleHash: `sha256-${createHash('sha256').update(css).digest('base64')}`,
    scriptTag: (pageData) =>
      `<script${attributes}${pageData ? ` data-page-data="${escapeHtml(pageData)}"` : ''}>${INLINE_SCRIPT}</script>`,
  };
}

/** The icon's tag with the SVG as a data: URL, if index.html links a small SVG icon of the site. */
async function inlineIcon(outDir: string, base: string, html: string): Promise<string | undefined> {
  const href = html.match(SVG_ICON)?.[1];
  if (!href?.startsWith(base)) return undefined;
  const svg = await readFile(path.join(outDir, href.slice(base.length)), 'utf8').catch(() => undefined);
  if (svg === undefined || Buffer.byteLength(svg) > INLINE_ICON_LIMIT) return undefined;
  const url = `data:image/svg+xml,${encodeURIComponent(svg.trim())}`;
  return `<link rel="icon" type="image/svg+xml" href="${escapeHtml(url)}" />`;
}
