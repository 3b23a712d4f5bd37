// The typed face of the blog's content: what the build writes for each page (plugins/
// writes these shapes from validated posts) and the pages read. React-free: the build imports it.
import { SETTINGS } from './settings.ts';

/** The form of a post's slug: lower-case letters, digits and single hyphens. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The dev server's message to open pages that posts changed on disk. */
export const POSTS_CHANGED_EVENT = 'blog:posts-changed';

export interface Tag {
  name: string;
  slug: string;
}

export interface PostSummary {
  slug: string;
  title: string;
  /** ISO date or date-time, as written in the front matter. */
  date: string;
  /** The date for people, formatted once at build time so server and browser agree. */
  dateLabel: string;
  excerpt: string;
  tags: Tag[];
  readingMinutes: number;
  draft: boolean;
}

/** Enough of another post to link to it. */
interface PostLink {
  slug: string;
  title: string;
}

/** A section heading of a post, for its table of contents. */
export interface TocEntry {
  id: string;
  text: string;
  /** 2 for a section (`##`), 3 for a subsection (`###`). */
  depth: number;
}

export interface Post extends PostSummary {
  /** HTML rendered at build time from the post's markdown. */
  html: string;
  updated?: string;
  updatedLabel?: string;
  newer?: PostLink;
  older?: PostLink;
  /** Present when the post has three or more section headings and does not set `toc: false`. */
  toc?: TocEntry[];
}

export type PageData =
  | { kind: 'home'; posts: PostSummary[] }
  /** `url` is the post's absolute address when the site's origin (SITE_URL) is known. */
  | { kind: 'post'; post: Post; url?: string }
  | { kind: 'tag'; tag: Tag; posts: PostSummary[] };

/** The document title of a page; `null` page data is the not-found page. */
export function pageTitle(page: PageData | null): string {
  switch (page?.kind) {
    case 'home':
      return SETTINGS.title;
    case 'post':
      return `${page.post.title} · ${SETTINGS.title}`;
    case 'tag':
      return `Posts tagged “${page.tag.name}” · ${SETTINGS.title}`;
    default:
      return `Page not found · ${SETTINGS.title}`;
  }
}
