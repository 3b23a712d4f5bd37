// What rendering one post gives the build: plain data, safe to send between threads and to
// keep in the render cache. No renderer is imported here, so the main thread can use it.
import type { Finding } from '../problems.ts';
import type { Asset, OutgoingLink, RenderDependencies } from './file-data.ts';

export interface RenderedMarkdown {
  html: string;
  excerpt: string;
  words: number;
  problems: Finding[];
  warnings: Finding[];
  assets: Asset[];
  /** Every `id` in the post, for anchors into it. */
  ids: string[];
  links: OutgoingLink[];
  dependencies: RenderDependencies;
  toc: { id: string; text: string; depth: number }[];
  /** The declarations of each math style class the post uses (math-styles.ts). */
  mathStyles: Record<string, string>;
  /** The origins of the video players the post's previews load (videos.ts). */
  frames: string[];
  /** A notebook post's own file, for download: its address in the site. */
  download?: string;
}

/** A rendering that stopped: no page, only the problems that say why. */
export function failedRendering(problems: Finding[]): RenderedMarkdown {
  const dependencies = { files: {}, slugs: {} };
  return {
    html: '',
    excerpt: '',
    words: 0,
    problems,
    warnings: [],
    assets: [],
    ids: [],
    links: [],
    dependencies,
    toc: [],
    mathStyles: {},
    frames: [],
  };
}
