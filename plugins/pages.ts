// Every page of the site with its data, derived once from the posts: the prerender, the
// site files (sitemap) and the dev server all take their page list from `sitePages`.
// List pages hold `postsPerPage` posts each, so no list page grows with the blog.
import type { ArchiveEntry, PageData, Post, PostSummary, Tag } from '../src/content.ts';
import { listPath, routePath } from '../src/routes.ts';
import { SETTINGS } from '../src/settings.ts';

export interface Page {
  /** Path relative to the base, starting and ending with `/` (a route of src/routes.ts). */
  path: string;
  data: PageData;
}

function summarise({
  html: _html,
  newer: _newer,
  older: _older,
  related: _related,
  image: _image,
  updated: _u,
  updatedLabel: _ul,
  toc: _toc,
  ...summary
}: Post): PostSummary {
  return summary;
}

/** `siteUrl` is the absolute origin and base (`https://example.org/blog/`), when known. */
export function sitePages(posts: Post[], siteUrl?: string, perPage = SETTINGS.postsPerPage): Page[] {
  const summaries = posts.map(summarise);
  const tags = postsByTag(summaries);
  return [
    ...listPages(summaries, perPage, (path, posts, pagination): Page => ({
      path,
      data: { kind: 'home', posts, pagination },
    })),
    ...posts.map((post): Page => {
      const path = routePath('post', { slug: post.slug });
      return { path, data: { kind: 'post', post, ...(siteUrl ? { url: `${siteUrl}${path.slice(1)}` } : {}) } };
    }),
    {
      path: routePath('tags'),
      data: { kind: 'tags', tags: [...tags.values()].map(({ tag, posts }) => ({ tag, count: posts.length })) },
    },
    ...[...tags.values()].flatMap(({ tag, posts }) =>
      listPages(
        posts,
        perPage,
        (path, posts, pagination): Page => ({ path, data: { kind: 'tag', tag, posts, pagination } }),
        tag.slug,
      ),
    ),
    { path: routePath('archive'), data: archive(summaries) },
    { path: routePath('search'), data: { kind: 'search' } },
  ];
}

/** Tags by slug, most posts first (then by name), each with its posts newest first. */
function postsByTag(summaries: PostSummary[]): Map<string, { tag: Tag; posts: PostSummary[] }> {
  const tags = new Map<string, { tag: Tag; posts: PostSummary[] }>();
  for (const summary of summaries) {
    for (const tag of summary.tags) {
      const entry = tags.get(tag.slug) ?? { tag, posts: [] };
      entry.posts.push(summary);
      tags.set(tag.slug, entry);
    }
  }
  const sorted = [...tags.values()].sort(
    (a, b) => b.posts.length - a.posts.length || a.tag.name.localeCompare(b.tag.name),
  );
  return new Map(sorted.map((entry) => [entry.tag.slug, entry]));
}

/** The pages of one list: page 1 at the list's own address, then /page/2/… (at least one page, even empty). */
function listPages(
  posts: PostSummary[],
  perPage: number,
  page: (path: string, posts: PostSummary[], pagination: { page: number; pages: number }) => Page,
  tag?: string,
): Page[] {
  const pages = Math.max(1, Math.ceil(posts.length / perPage));
  return Array.from({ length: pages }, (_, i) =>
    page(listPath(i + 1, tag), posts.slice(i * perPage, (i + 1) * perPage), { page: i + 1, pages }),
  );
}

/** Every post by year, newest first, with only what the archive shows. */
function archive(summaries: PostSummary[]): PageData {
  const years = new Map<string, ArchiveEntry[]>();
  for (const { slug, title, date, dateLabel } of summaries) {
    const year = date.slice(0, 4);
    const entries = years.get(year) ?? [];
    entries.push({ slug, title, date, dateLabel });
    years.set(year, entries);
  }
  return { kind: 'archive', years: [...years].map(([year, posts]) => ({ year, posts })) };
}
