// Every link and image source as the page will carry it: files beside the post become
// hashed assets, links to another post's file become its route, root-relative links stay
// under the base path. Nothing is judged here: every link is recorded in `file.data.links`
// with what was found, and plugins/links.ts checks them all once every post is known.
import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Element, Root } from 'hast';
import { eachElement } from './walk.ts';
import type { VFile } from 'vfile';
import { matchRoute, routePath } from '../../src/routes.ts';
import { slugify } from '../slugify.js';
import {
  fileHash,
  postContext,
  type Asset,
  type MadeFile,
  type OutgoingLink,
  type PostContext,
  type RenderDependencies,
} from './file-data.ts';

/** Elements whose `src` is a file the page loads: images, and video with its sources and captions. */
const MEDIA = new Set(['img', 'video', 'source', 'track']);

function isRelativeUrl(url: string): boolean {
  return url !== '' && !url.startsWith('#') && !url.startsWith('/') && !/^[a-z][a-z0-9+.-]*:/i.test(url);
}

/** What a relative reference names: another post's page, a file beside the post, or nothing. */
interface Resolution {
  href?: string;
  asset?: Asset;
  unsafeSvg?: boolean;
}

export function resolveUrls() {
  return async (tree: Root, file: VFile) => {
    const context = postContext(file);
    // Plugins before this one may have read files too (citations.ts: the bibliography).
    const dependencies: RenderDependencies = file.data.dependencies ?? { files: {}, slugs: {} };
    const ids: string[] = [];
    // A video's download link (videos.ts) is checked as the video's own file is.
    const elements: { node: Element; property: 'href' | 'src' | 'poster'; checked?: false }[] = [];
    eachElement(tree, (node, _index, parent) => {
      if (typeof node.properties.id === 'string') ids.push(node.properties.id);
      // A browser scrolls to `<a name="x">` for `#x` as to an id (anchors.ts).
      if (node.tagName === 'a' && typeof node.properties.name === 'string') ids.push(node.properties.name);
      if (node.tagName === 'a' && typeof node.properties.href === 'string') {
        const fallback = parent.type === 'element' && parent.tagName === 'video';
        elements.push({ node, property: 'href', ...(fallback ? { checked: false as const } : {}) });
      }
      if (MEDIA.has(node.tagName) && typeof node.properties.src === 'string') elements.push({ node, property: 'src' });
      if (node.tagName === 'video' && typeof node.properties.poster === 'string')
        elements.push({ node, property: 'poster' });
    });
    const known = new Set(ids);
    const links: OutgoingLink[] = [];
    // Plugins before this one may have made files too (notebook.ts: a notebook's outputs).
    const assets = new Map<string, Asset>((file.data.assets ?? []).map((asset) => [asset.fileName, asset]));
    const made = file.data.madeFiles ?? {};
    for (const { node, property, checked } of elements) {
      const written = String(node.properties[property]);
      const link: OutgoingLink = { written, href: written, line: node.position?.start.line };
      if (node.tagName === 'img' || property === 'poster') link.image = true;
      else if (property === 'src') link.media = true;
      const madeFile = Object.hasOwn(made, written) ? made[written] : undefined;
      if (madeFile) {
        const asset = madeAsset(written, madeFile);
        assets.set(asset.fileName, asset);
        link.href = `${context.base}${asset.fileName}`;
        if (madeFile.written) link.written = madeFile.written;
        if (asset.fileName.endsWith('.svg')) link.unsafeSvg = isUnsafeSvg(Buffer.from(madeFile.data, 'base64'));
      } else if (isRelativeUrl(written)) {
        const found = await resolveRelative(written, property === 'href', context, dependencies);
        if (found.asset) assets.set(found.asset.fileName, found.asset);
        if (found.href) link.href = found.href;
        else link.unresolved = true;
        if (found.unsafeSvg) link.unsafeSvg = true;
      } else if (written.startsWith('/') && !written.startsWith('//')) {
        // Root-relative links in posts mean "on this site": keep them under the base path.
        link.href = context.base + written.slice(1);
      } else if (written.startsWith('#')) {
        // Raw ids were prefixed by the sanitiser (footnotes too): follow them, as GitHub does.
        const id = safeDecode(written.slice(1));
        if (!known.has(id) && known.has(`user-content-${id}`)) link.href = `#user-content-${id}`;
      }
      node.properties[property] = link.href;
      if (checked !== false) links.push(link);
    }
    Object.assign(file.data, { ids, links, assets: [...assets.values()], dependencies });
  };
}

async function resolveRelative(
  url: string,
  asPage: boolean,
  context: PostContext,
  dependencies: RenderDependencies,
): Promise<Resolution> {
  // A link to a markdown file names a post's source, never a page address.
  const pageLink = asPage && !/\.md(?:[?#]|$)/i.test(url) ? fromPageUrl(url, context) : undefined;
  const [pathPart = '', suffix = ''] = url.split(/(?=[?#])/);
  let target: string;
  try {
    target = path.resolve(path.dirname(context.file), decodeURIComponent(pathPart));
  } catch {
    return {};
  }
  if (target !== context.postsDir && !target.startsWith(context.postsDir + path.sep)) return { href: pageLink };
  const slug = context.slugs[target];
  dependencies.slugs[target] = slug ?? null;
  if (slug)
    return { href: `${context.base}${routePath('post', { slug }).slice(1)}${suffix.startsWith('#') ? suffix : ''}` };
  const content = await readInside(target, context.postsDir);
  if (!content) {
    dependencies.files[target] = null;
    return { href: pageLink };
  }
  const contentHash = fileHash(content);
  dependencies.files[target] = contentHash;
  const { name, ext } = path.parse(target);
  const fileName = `assets/${slugify(name) || 'file'}-${contentHash.slice(0, 8)}${ext.toLowerCase()}`;
  return {
    href: `${context.base}${fileName}${suffix}`,
    asset: { source: target, fileName },
    unsafeSvg: /\.svg$/i.test(target) && isUnsafeSvg(content),
  };
}

/** An SVG is a document that can carry script when opened directly. */
export function isUnsafeSvg(content: Buffer): boolean {
  return /<script|\son[a-z]+\s*=|javascript:|<foreignObject/i.test(content.toString('utf8'));
}

/** The asset of a file the rendering made: named like a file beside the post, by its name and content. */
function madeAsset(url: string, made: MadeFile): Asset {
  const extension = path.extname(url).toLowerCase();
  const hash = fileHash(Buffer.from(made.data, 'base64'));
  return { fileName: `assets/${slugify(made.name) || 'file'}-${hash.slice(0, 8)}${extension}`, data: made.data };
}

/** The bytes of a regular file inside posts/; a symbolic link may not reach outside it. */
export async function readInside(target: string, postsDir: string): Promise<Buffer | undefined> {
  const real = await realpath(target).catch(() => undefined);
  const realPosts = await realpath(postsDir).catch(() => postsDir);
  if (real === undefined || !real.startsWith(realPosts + path.sep)) return undefined;
  const isFile = await stat(target).then(
    (s) => s.isFile(),
    () => false,
  );
  return isFile ? readFile(target) : undefined;
}

/** A link written relative to the post's page (`../other-post/`), as the browser would read it. */
function fromPageUrl(url: string, context: PostContext): string | undefined {
  const resolved = new URL(url, `http://site${routePath('post', { slug: context.slug })}`);
  if (!matchRoute(resolved.pathname)) return undefined;
  return `${context.base}${resolved.pathname.slice(1)}${resolved.search}${resolved.hash}`;
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
