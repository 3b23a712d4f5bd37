// What the markdown plugins read from and leave in the post's VFile: the post's context
// going in (`file.data.post`), results coming out, and problems as vfile messages.
import { createHash } from 'node:crypto';
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

/** A file referenced by a post, copied into the site under `fileName`. */
export interface Asset {
  source: string;
  fileName: string;
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
    words: number;
    /** Every `id` in the post, for anchors into it. */
    ids: string[];
    links: OutgoingLink[];
    assets: Asset[];
    dependencies: RenderDependencies;
    toc: { id: string; text: string; depth: number }[];
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
