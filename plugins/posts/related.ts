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
  // Tags shared with each candidate, by index; reset after each post (only the touched ones).
  const shared = new Uint16Array(posts.length);
  posts.forEach((post, index) => {
    const candidates: number[] = [];
    for (const tag of post.tags) {
      for (const other of byTag.get(tag.slug) ?? []) {
        if (other === index) continue;
        if (shared[other] === 0) candidates.push(other);
        shared[other] = shared[other]! + 1;
      }
    }
    // The best RELATED of them, kept in order: more shared tags first, then the newer.
    const picked: number[] = [];
    const better = (a: number, b: number) => shared[a]! > shared[b]! || (shared[a] === shared[b] && a < b);
    for (const other of candidates) {
      let at = picked.length;
      while (at > 0 && better(other, picked[at - 1]!)) at--;
      if (at === RELATED) continue;
      picked.splice(at, 0, other);
      if (picked.length > RELATED) picked.pop();
    }
    // Too few posts share a tag: the newest others fill the list.
    for (let other = 0; picked.length < RELATED && other < posts.length; other++) {
      if (other !== index && shared[other] === 0) picked.push(other);
    }
    for (const other of candidates) shared[other] = 0;
    post.related = picked.map((other) => ({ slug: posts[other]!.slug, title: posts[other]!.title }));
  });
}
