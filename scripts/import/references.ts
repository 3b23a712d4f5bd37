// The files and pages a post's text points to: an image or other file of the old blog is
// copied beside the post and linked as `./name`; a link to another imported post (its old
// address, or its file) becomes the post's new address; a file that is nowhere is left for
// the author.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { Node, Parent } from 'unist';
import { lineAt } from './segments.ts';
import type { Blog, OldPost, SyntaxContext } from './types.ts';

export interface Copy {
  from: string;
  /** Name beside the post. */
  name: string;
}

const isFile = (file: string) => {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
};

/** An old address as compared: no base path, index.html, .html or final slash; lower case. */
export function addressKey(address: string, basePath: string): string {
  let key = address.split(/[?#]/)[0]!;
  if (basePath && key.startsWith(basePath + '/')) key = key.slice(basePath.length);
  return (
    key
      .replace(/\/index\.html?$/, '/')
      .replace(/\.html?$/, '')
      .replace(/\/+$/, '')
      .toLowerCase() || '/'
  );
}

export class References {
  readonly copies: Copy[] = [];

  constructor(
    private readonly blog: Blog,
    private readonly post: OldPost,
    /** Old address key or old file → new address; and the new addresses. */
    private readonly addresses: { byKey: Map<string, string>; byFile: Map<string, string>; now: Set<string> },
  ) {}

  /** The old blog's file a reference names, if there is one. */
  resolve(reference: string): string | undefined {
    let clean: string;
    try {
      clean = decodeURI(reference.split(/[?#]/)[0]!);
    } catch {
      return undefined;
    }
    if (!clean) return undefined;
    const { root, basePath, fileRoots } = this.blog;
    const own = (file: string) => this.isOwnFile(file);
    if (clean.startsWith('@site/')) return [path.join(root, clean.slice(6))].find(own);
    if (/^[~@]\//.test(clean)) return [path.join(root, 'src', clean.slice(2))].find(own);
    if (clean.startsWith('/')) {
      const inSite = basePath && clean.startsWith(basePath + '/') ? clean.slice(basePath.length) : clean;
      return fileRoots.map((dir) => path.join(dir, inSite)).find(own);
    }
    const beside = path.resolve(path.dirname(this.post.file), clean);
    return [beside, ...fileRoots.map((dir) => path.join(dir, clean))].find(own);
  }

  /**
   * A file of the old blog: inside its folder once links are followed. A post that names
   * `../../../etc/passwd`, or a link out of the folder, never copies a file of this machine
   * into the blog.
   */
  private isOwnFile(file: string): boolean {
    if (!isFile(file)) return false;
    const real = realpathSync(file);
    const root = realpathSync(this.blog.root);
    return real.startsWith(root + path.sep);
  }

  /** The new address of the post a link names by its old address: from the site's top, or relative to this post's old address. */
  private pageAddress(url: string): string | undefined {
    const { byKey } = this.addresses;
    if (url.startsWith('/')) return byKey.get(addressKey(url, this.blog.basePath));
    // A relative link reads from the old page's address, with its final slash or without (hosts answer both).
    for (const old of this.post.oldUrls.filter((address) => address.startsWith('/'))) {
      for (const page of [old, old.replace(/\/$/, '')]) {
        const found = byKey.get(addressKey(new URL(url, `https://old.invalid${page}`).pathname, ''));
        if (found) return found;
      }
    }
    return undefined;
  }

  /** `./name` for a file copied beside the post (its name made safe, and unique in the post). */
  copy(file: string): string {
    const known = this.copies.find((copy) => copy.from === file);
    if (known) return `./${known.name}`;
    const base = path
      .basename(file)
      .replace(/\s+/g, '-')
      .replace(/[^\w.@+-]/g, '');
    let name = base === 'index.md' ? 'file.md' : base;
    for (let n = 2; this.copies.some((copy) => copy.name === name && !sameBytes(copy.from, file)); n++)
      name = base.replace(/(\.[^.]*)?$/, `-${n}$1`);
    if (!this.copies.some((copy) => copy.name === name)) this.copies.push({ from: file, name });
    return `./${name}`;
  }

  /** A URL of the post's text as it should be now; `undefined` leaves it as written. */
  rewrite(url: string, line: number, context: SyntaxContext): string | undefined {
    if (!url || /^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(url)) return undefined;
    const fragment = /#.*$/.exec(url)?.[0] ?? '';
    // Already a new address (from {% post_url %} or {{< ref >}}).
    if (/^\/posts\/[^/]+\/$/.test(url.split('#')[0]!) && this.addresses.now.has(url.split('#')[0]!)) return undefined;
    const file = this.resolve(url);
    const moved = file ? this.addresses.byFile.get(file) : this.pageAddress(url);
    if (moved) {
      context.count('link to another post (now its new address)');
      return moved + fragment;
    }
    if (file && /\.(mdx?|markdown|html?)$/i.test(file)) return undefined;
    if (file) {
      context.count('file copied beside the post');
      return this.copy(file);
    }
    const extension = /\.([a-z0-9]{2,5})$/i.exec(url.split(/[?#]/)[0]!)?.[1];
    const { siteUrl, basePath } = this.blog;
    if (url.startsWith('/') && siteUrl && (!extension || /^html?$/i.test(extension))) {
      // A page of the old site that is not a post (its docs, an about page): still there, on the old site.
      context.count('link to a page of the old site that is not a post (now a link to the old site)');
      return siteUrl + (basePath && url.startsWith(basePath + '/') ? url.slice(basePath.length) : url);
    }
    if (extension && !/^(html?|php|aspx?)$/i.test(extension))
      context.leave(
        line,
        `${url}: no such file in the old blog`,
        `put the file beside the post and link it as ./${path.basename(url.split(/[?#]/)[0]!)}, or remove the link`,
      );
    return undefined;
  }
}

function sameBytes(a: string, b: string): boolean {
  return a === b || readFileSync(a).equals(readFileSync(b));
}

const ATTRIBUTE = /(\s(?:src|href|poster|data-src)\s*=\s*)(["'])([^"'\n]*)\2/gi;
const parser = unified().use(remarkParse).use(remarkGfm);

function visit(node: Node, visitor: (node: Node) => void): void {
  visitor(node);
  for (const child of (node as Partial<Parent>).children ?? []) visit(child, visitor);
}

/**
 * Every link and image destination in the post (markdown's, and raw HTML's `src`/`href`),
 * through `rewrite`; found by parsing the markdown, so that code is left alone and a link
 * around an image (`[![a](small.png)](big.png)`) is two destinations.
 */
export function rewriteReferences(text: string, references: References, context: SyntaxContext): string {
  const edits: { start: number; end: number; text: string }[] = [];
  const change = (url: string, offset: number) => references.rewrite(url, lineAt(text, offset), context);
  visit(parser.parse(text), (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    const source = text.slice(start, end);
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition') {
      const url = (node as unknown as { url: string }).url;
      const from = node.type === 'definition' ? source.indexOf(':') : source.lastIndexOf('](') + 2;
      const at = from < 0 ? -1 : source.indexOf(url, from);
      const raw = at < 0 ? undefined : url;
      const next = raw === undefined ? undefined : change(raw, start + at);
      if (next !== undefined) edits.push({ start: start + at, end: start + at + url.length, text: next });
    } else if (node.type === 'html') {
      for (const match of source.matchAll(ATTRIBUTE)) {
        const next = change(match[3]!, start + match.index);
        const at = start + match.index + match[1]!.length + 1;
        if (next !== undefined) edits.push({ start: at, end: at + match[3]!.length, text: next });
      }
    }
  });
  let result = text;
  for (const edit of edits.sort((a, b) => b.start - a.start))
    result = result.slice(0, edit.start) + edit.text + result.slice(edit.end);
  return result;
}
