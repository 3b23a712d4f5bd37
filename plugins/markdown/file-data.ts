// What the markdown plugins read from and leave in the post's VFile: the post's context
// going in (`file.data.post`), results coming out, and problems as vfile messages.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Node } from 'unist';
import type { VFile } from 'vfile';

/** Where the post being rendered lives and what it may link to. */
export interface PostContext {
  /** Absolute path of the markdown file. */
  file: string;
  slug: string;
  postsDir: string;
  /** The public base path, ending in `/`. */
  base: string;
  /** The post's `bibliography` front matter field, as written. */
  bibliography?: string;
  /** Every post's slug by the absolute path of its source (its `.md` file, or its folder). */
  slugs: Record<string, string>;
}

/**
 * A file of a post, written into the site under `fileName`: copied from `source` (a file
 * beside the post), or made of `data` (base64: a notebook's image output).
 */
export type Asset = { fileName: string; source: string } | { fileName: string; data: string };

/**
 * A file a rendering made rather than found beside the post (a notebook's image output, a
 * markdown cell's attachment), as base64: urls.ts makes it an asset like a file beside the post.
 */
export interface MadeFile {
  data: string;
  /** The name its asset file is given (before its hash). */
  name: string;
  /** How the author wrote its address, for messages (`attachment:plot.png`). */
  written?: string;
}

/** The bytes of an asset. */
export async function assetBytes(asset: Asset): Promise<Buffer> {
  return 'data' in asset ? Buffer.from(asset.data, 'base64') : readFile(asset.source);
}

/** A link or image of a post: as written, and as the page carries it. The build checks them all (plugins/links.ts). */
export interface OutgoingLink {
  /** As the author wrote it. */
  written: string;
  /** As the page carries it: under the base path, a hashed asset, another post's route. */
  href: string;
  line?: number;
  /** An image's source rather than a link's target. */
  image?: boolean;
  /** A video's, its source's or its captions' file. */
  media?: boolean;
  /** In a notebook: the cell, from 1, that `line` counts in. */
  cell?: number;
  /** A relative reference that is neither a file beside the post nor another post. */
  unresolved?: boolean;
  /** A file beside the post that is an SVG carrying script. */
  unsafeSvg?: boolean;
}

/**
 * What a rendering read besides the post's own text: files (by content hash, `null` when
 * missing) and which paths were posts. A cached rendering is reused only while these hold.
 */
export interface RenderDependencies {
  files: Record<string, string | null>;
  slugs: Record<string, string | null>;
}

declare module 'vfile' {
  interface DataMap {
    post: PostContext;
    excerpt: string;
    /** The line of the post's `<!-- more -->` marker: its excerpt is the text before it. */
    moreLine: number;
    words: number;
    /** Every `id` in the post, for anchors into it. */
    ids: string[];
    links: OutgoingLink[];
    assets: Asset[];
    dependencies: RenderDependencies;
    toc: { id: string; text: string; depth: number }[];
    /** The files the rendering made, by the relative address the tree gives them. */
    madeFiles: Record<string, MadeFile>;
  }
}

/** A problem that fails the build; the pipeline goes on, so that every problem is listed. */
export function problem(file: VFile, reason: string, node?: Node): void {
  file.message(reason, node).fatal = true;
}

export function fileHash(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Records a file the rendering read (`undefined`: it was missing), so a cached rendering is checked against it. */
export function dependOn(file: VFile, target: string, content: Uint8Array | undefined): void {
  file.data.dependencies ??= { files: {}, slugs: {} };
  file.data.dependencies.files[target] = content === undefined ? null : fileHash(content);
}

export function postContext(file: VFile): PostContext {
  const context = file.data.post;
  if (!context) throw new Error('a markdown plugin ran without the post context (see react-markdown.ts)');
  return context;
}
