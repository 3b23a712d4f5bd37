// Every page of the site with its data, derived once from the posts: the prerender, the
// site files (sitemap) and the dev server all take their page list from `sitePages`.
import type { PageData, Post, PostSummary, Tag } from '../src/content.ts';
import { routePath } from '../src/routes.ts';

export interface Page {
  /** Path relative to the base, starting and ending with `/` (a route of src/routes.ts). */
  path: string;
  data: PageData;
}

function summarise({
  html: _html,
  newer: _newer,
  older: _older,
  updated: _u,
  updatedLabel: _ul,
  toc: _toc,
  ...summary
}: Post): PostSummary {
  return summary;
}

/** `siteUrl` is the absolute origin and base (`https://example.org/blog/`), when known. */
export function sitePages(posts: Post[], siteUrl?: string): Page[] {
  const summaries = posts.map(summarise);
  const tags = new Map<string, { tag: Tag; posts: PostSummary[] }>();
  for (const summary of summaries) {
    for (const tag of summary.tags) {
      const entry = tags.get(tag.slug) ?? { tag, posts: [] };
      entry.posts.push(summary);
      tags.set(tag.slug, entry);
    }
  }
  return [
    { path: routePath('home'), data: { kind: 'home', posts: summaries } },
    ...posts.map((post): Page => {
      const path = routePath('post', { slug: post.slug });
      return { path, data: { kind: 'post', post, ...(siteUrl ? { url: `${siteUrl}${path.slice(1)}` } : {}) } };
    }),
    ...[...tags.values()].map(({ tag, posts }): Page => ({
      path: routePath('tag', { tag: tag.slug }),
      data: { kind: 'tag', tag, posts },
    })),
  ];
}
