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
export interface PostLink {
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

/** Where a list page is among its list's pages. */
export interface Pagination {
  /** From 1. */
  page: number;
  pages: number;
}

/** A post as the archive lists it. */
export interface ArchiveEntry {
  slug: string;
  title: string;
  date: string;
  dateLabel: string;
}

export interface Post extends PostSummary {
  /** HTML rendered at build time from the post's markdown. */
  html: string;
  updated?: string;
  updatedLabel?: string;
  newer?: PostLink;
  older?: PostLink;
  /** Up to three other posts: those sharing the most tags first, then the newest. */
  related: PostLink[];
  /** The post's own social preview image (front matter `image`), relative to the base. */
  image?: string;
  /** Present when the post has three or more section headings and does not set `toc: false`. */
  toc?: TocEntry[];
  /** Present when the excerpt is the author's `description`, not the post's first paragraph. */
  described?: true;
  /** A notebook post: its `.ipynb` file to download, and where Colab opens it (when the settings name the repository). */
  notebook?: { download: string; colab?: string };
}

export type PageData =
  | { kind: 'home'; posts: PostSummary[]; pagination: Pagination }
  /** `url` is the post's absolute address when the site's origin (SITE_URL) is known. */
  | { kind: 'post'; post: Post; url?: string }
  | { kind: 'tags'; tags: { tag: Tag; count: number }[] }
  | { kind: 'tag'; tag: Tag; posts: PostSummary[]; pagination: Pagination }
  | { kind: 'archive'; years: { year: string; posts: ArchiveEntry[] }[] }
  | { kind: 'search' };

/** The document title of a page; `null` page data is the not-found page. */
export function pageTitle(page: PageData | null): string {
  switch (page?.kind) {
    case 'home':
      return page.pagination.page > 1 ? `Page ${page.pagination.page} · ${SETTINGS.title}` : SETTINGS.title;
    case 'post':
      return `${page.post.title} · ${SETTINGS.title}`;
    case 'tags':
      return `Tags · ${SETTINGS.title}`;
    case 'tag':
      return `Posts tagged “${page.tag.name}”${pageSuffix(page.pagination)} · ${SETTINGS.title}`;
    case 'archive':
      return `Archive · ${SETTINGS.title}`;
    case 'search':
      return `Search · ${SETTINGS.title}`;
    default:
      return `Page not found · ${SETTINGS.title}`;
  }
}

function pageSuffix({ page }: Pagination): string {
  return page > 1 ? `, page ${page}` : '';
}

/** The meta description of a page; `null` page data is the not-found page. */
export function pageDescription(page: PageData | null): string {
  const pageOf = ({ page: n, pages }: Pagination) => (n > 1 ? `, page ${n} of ${pages}` : '');
  switch (page?.kind) {
    case 'post':
      return page.post.excerpt;
    case 'tag':
      return `Posts tagged “${page.tag.name}” on ${SETTINGS.title}${pageOf(page.pagination)}.`;
    case 'tags':
      return `Every tag on ${SETTINGS.title}, with its number of posts.`;
    case 'archive':
      return `All ${page.years.reduce((count, year) => count + year.posts.length, 0)} posts on ${SETTINGS.title}, by year.`;
    case 'search':
      return `Search the posts on ${SETTINGS.title}.`;
    case 'home':
      return page.pagination.page > 1 ? `Posts on ${SETTINGS.title}${pageOf(page.pagination)}.` : SETTINGS.description;
    default:
      return SETTINGS.description;
  }
}
