// Related posts (plugins/posts/related.ts): up to three others, those sharing the most tags
// first, then the newest (posts come newest first).
import { expect, test } from 'vitest';
import { linkRelated } from '../plugins/posts/related.ts';
import { random } from '../scripts/synthetic-posts.mjs';

const post = (slug: string, tags: string[]) => ({
  slug,
  title: `About ${slug}`,
  tags: tags.map((tag) => ({ slug: tag })),
  related: [] as { slug: string; title: string }[],
});

test('most shared tags first, then the newest; the newest others fill a short list', () => {
  const posts = [
    post('a', ['gpu', 'tpu']),
    post('b', ['gpu']),
    post('c', ['gpu', 'tpu']),
    post('d', ['xla']),
    post('e', []),
  ];
  linkRelated(posts);
  const related = (i: number) => posts[i]!.related.map((other) => other.slug);
  expect(related(0)).toEqual(['c', 'b', 'd']);
  expect(related(1)).toEqual(['a', 'c', 'd']);
  expect(related(3)).toEqual(['a', 'b', 'c']);
  expect(posts[0]!.related[0]).toEqual({ slug: 'c', title: 'About c' });
});

test('on random blogs, the same as ranking every other post by that rule', () => {
  const next = random(7);
  const TAGS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  for (let round = 0; round < 50; round++) {
    const posts = Array.from({ length: 1 + Math.floor(next() * 60) }, (_, i) =>
      post(`p${i}`, [...new Set(Array.from({ length: Math.floor(next() * 4) }, () => TAGS[Math.floor(next() * 8)]!))]),
    );
    linkRelated(posts);
    posts.forEach((own, i) => {
      const sharedWith = (other: (typeof posts)[number]) =>
        other.tags.filter((tag) => own.tags.some((mine) => mine.slug === tag.slug)).length;
      const expected = posts
        .map((other, j) => ({ j, shared: sharedWith(other) }))
        .filter(({ j }) => j !== i)
        .sort((x, y) => y.shared - x.shared || x.j - y.j)
        .slice(0, 3)
        .map(({ j }) => `p${j}`);
      expect(own.related.map((other) => other.slug)).toEqual(expected);
    });
  }
});
