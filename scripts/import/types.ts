// What the import reads (an old blog and its posts) and what it makes of each post.
import type { SourceFile } from './source.ts';

export type Tool = 'jekyll' | 'hugo' | 'astro' | 'docusaurus';
export const TOOLS: Tool[] = ['jekyll', 'hugo', 'astro', 'docusaurus'];

export interface OldPost {
  /** Absolute path of the post's file. */
  file: string;
  /** The file as the report names it: relative to the old blog's folder. */
  relative: string;
  /** A folder that is the post's own (a page bundle, a post folder): its files go with it. */
  folder?: string;
  source: SourceFile;
  /** The name the old tool made the post's address from (file or folder name, without a date). */
  name: string;
  /** `YYYY-MM-DD` from the file name (Jekyll, Docusaurus), when it has one. */
  fileDate?: string;
  /** The post's addresses on the old site, as paths (without the old site's domain and base path). */
  oldUrls: string[];
  /** How the old address was worked out, for the report. */
  urlRule: string;
  /** A Jekyll draft (`_drafts/`): imported as a draft. */
  draft?: boolean;
}

export interface Blog {
  tool: Tool;
  /** Absolute path of the old blog's folder. */
  root: string;
  /** Why the tool is this one (the file that says so). */
  detectedBy: string;
  posts: OldPost[];
  /** Folders, in order, that a root-relative path (`/images/a.png`) is looked up in. */
  fileRoots: string[];
  /** Other markers than `<!-- more -->` that end the summary (Jekyll's `excerpt_separator`). */
  moreMarkers: string[];
  /** The old site's address with its base path (`https://example.org/blog`), when its settings say. */
  siteUrl?: string;
  /** The old site's base path (`baseurl`, `base`), left out of the old addresses. */
  basePath: string;
  /** Pages of the old site that list a tag (and category), as paths with `{tag}` for the name. */
  tagPages: string[];
  /** What the report should say about the old blog as a whole. */
  notes: string[];
}

/** Something the import could not convert: left in the post for the author. */
export interface Left {
  /** Line in the old file. */
  line?: number;
  what: string;
  fix: string;
}

/** What the conversions of one post's text can ask and say. */
export interface SyntaxContext {
  tool: Tool;
  /** The new address of the post an old reference names (`{% post_url %}`, `ref`), if it is imported. */
  postAddress: (reference: string) => string | undefined;
  count: (what: string, times?: number) => void;
  /** `index`: line index in the body (the report adds the body's first line). */
  leave: (index: number, what: string, fix: string) => void;
}
