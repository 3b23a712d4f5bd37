// A post's old addresses (its `aliases`), and the old addresses of the tag pages (the
// `oldTagPages` setting), each answered by a small page that sends the reader on: a canonical link, a `<meta http-equiv="refresh">` and a visible link, no
// script, so it works on any static host and without JavaScript. The same redirects go into
// `_redirects`, which Netlify and Cloudflare Pages answer with a real 301 instead.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { escapeHtml, type SiteOptions } from './head.ts';

/** An old address of a published post, or of a tag's page. */
export interface Redirect {
  /** The old path, as written in `aliases`: `/2018/06/24/old-name.html`. */
  from: string;
  /** The page's path now, after the base: `/posts/new-name/`, `/tags/tpu/`. */
  to: string;
  /** The post's title, or the tag's name. */
  title: string;
  kind: 'post' | 'tag';
}

/** The file of the site that answers at an alias: `/old/` and `/old` are `old/index.html`; `/old.html` is itself. */
export function aliasFile(alias: string): string {
  const decoded = decodeURI(alias).slice(1);
  if (decoded === '' || decoded.endsWith('/')) return `${decoded}index.html`;
  return /\.html?$/i.test(decoded) ? decoded : `${decoded}/index.html`;
}

/** The paths (after the base, decoded) a link may give an alias by: as written, and its folder with or without the slash. */
export function aliasRoutes(alias: string): string[] {
  const file = aliasFile(alias);
  if (!file.endsWith('index.html')) return [file];
  const folder = file.slice(0, -'index.html'.length);
  return folder === '' ? [] : [folder, folder.slice(0, -1), file];
}

/** The page at an alias. */
export function redirectPage(redirect: Redirect, site: SiteOptions): string {
  const target = `${site.base}${redirect.to.slice(1)}`;
  const canonical = site.siteUrl ? `${site.siteUrl}${target}` : target;
  const title = escapeHtml(redirect.title);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'">
<meta name="robots" content="noindex">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} (moved)</title>
<link rel="canonical" href="${escapeHtml(canonical)}">
<meta http-equiv="refresh" content="0; url=${escapeHtml(target)}">
</head>
<body>
<p>${redirect.kind === 'post' ? 'This post has moved' : 'The posts of this tag are here now'}: <a href="${escapeHtml(target)}">${title}</a>.</p>
</body>
</html>
`;
}

/** `_redirects` (Netlify, Cloudflare Pages): each old address, its new one, 301. */
export function redirectsFile(redirects: Redirect[], site: SiteOptions): string {
  return redirects
    .map((redirect) => {
      const from = `${site.base}${encodeURI(decodeURI(redirect.from)).slice(1)}`;
      return `${from} ${site.base}${redirect.to.slice(1)} 301\n`;
    })
    .join('');
}

/** Writes each alias's page and `_redirects` (those whose bytes changed) and returns their names. */
export async function writeRedirects(outDir: string, redirects: Redirect[], site: SiteOptions): Promise<string[]> {
  if (redirects.length === 0) return [];
  const files: Record<string, string> = { _redirects: redirectsFile(redirects, site) };
  for (const redirect of redirects) files[aliasFile(redirect.from)] = redirectPage(redirect, site);
  await Promise.all(
    Object.entries(files).map(async ([name, content]) => {
      const file = path.join(outDir, name);
      if ((await readFile(file, 'utf8').catch(() => undefined)) === content) return;
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, content);
    }),
  );
  return Object.keys(files);
}
