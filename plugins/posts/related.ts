// Each post's related posts: up to three others, those sharing the most tags first, then
// the newest. Posts come sorted newest first, so "newest" is a post's place in that list.

/** How many of each tag's newest posts are considered: enough for any real blog, and it keeps 10,000 posts fast. */
const CANDIDATES_PER_TAG = 200;
const RELATED = 3;

interface Linkable {
  slug: string;
  title: string;
  tags: { slug: string }[];
  related: { slug: string; title: string }[];
}

export function linkRelated(posts: Linkable[]): void {
  const byTag = new Map<string, number[]>();
  posts.forEach((post, index) => {
    for (const tag of post.tags) {
      const list = byTag.get(tag.slug) ?? [];
      if (list.length < CANDIDATES_PER_TAG) list.push(index);
      byTag.set(tag.slug, list);
    }
  });
  posts.forEach((post, index) => {
    const shared = new Map<number, number>();
    for (const tag of post.tags) {
      for (const other of byTag.get(tag.slug) ?? []) {
        if (other !== index) shared.set(other, (shared.get(other) ?? 0) + 1);
      }
    }
    const picked = [...shared].sort(([a, countA], [b, countB]) => countB - countA || a - b).map(([other]) => other);
    // Too few posts share a tag: the newest others fill the list.
    for (let other = 0; picked.length < RELATED && other < posts.length; other++) {
      if (other !== index && !shared.has(other)) picked.push(other);
    }
    post.related = picked.slice(0, RELATED).map((other) => ({ slug: posts[other]!.slug, title: posts[other]!.title }));
  });
}
