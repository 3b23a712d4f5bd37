// The site's feeds, with SITE_URL: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest posts
// with their full text, written by the `feed` library. A post's HTML carries base-relative
// addresses (`/blog/assets/x.png`, `#ref-key`); a feed reader has no page to resolve them
// against, so every one is made absolute here.
import { Feed } from 'feed';
import type { Post } from '../src/content.ts';
import { FEED_FILES, routePath } from '../src/routes.ts';
import { SETTINGS } from '../src/settings.ts';
import { escapeHtml, type SiteOptions } from './head.ts';

/** How many of the newest posts the feeds carry. */
export const FEED_POSTS = 20;

type FeedFile = (typeof FEED_FILES)[number]['file'];

function time(date: string): Date {
  return new Date(date.length === 10 ? `${date}T00:00:00Z` : date);
}

/**
 * Every `href` and `src` of a post's HTML, resolved against the post's address. The HTML
 * comes from React's serialiser, which always double-quotes attributes and escapes `"` in
 * text, so an attribute is exactly ` name="value"`.
 */
export function absoluteUrls(html: string, pageUrl: string): string {
  return html.replace(/\s(href|src)="([^"]*)"/g, (whole, name: string, value: string) => {
    const decoded = value.replace(/&amp;/g, '&');
    if (!URL.canParse(decoded, pageUrl)) return whole;
    return ` ${name}="${new URL(decoded, pageUrl).href.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
  });
}

/**
 * How each feed carries a post's title and summary, which are plain text: RSS's title is
 * text and its description HTML; Atom's title and summary are `type="html"` as `feed` writes
 * them; JSON Feed's are text. Where HTML is expected, the text is escaped, so that a reader
 * shows `<img onerror=…>` in a title as those characters, never as an image.
 */
const TEXT_AS: Record<FeedFile, { title: (text: string) => string; summary: (text: string) => string }> = {
  'rss.xml': { title: (text) => text, summary: escapeHtml },
  'atom.xml': { title: escapeHtml, summary: escapeHtml },
  'feed.json': { title: (text) => text, summary: (text) => text },
};

/** The three feeds by file name; `site.siteUrl` must be set. */
export function feedFiles(posts: Post[], site: SiteOptions & { siteUrl: string }): Record<FeedFile, string> {
  const feed = (file: FeedFile) => feedOf(posts, site, TEXT_AS[file]);
  return {
    'rss.xml': repairCategories(feed('rss.xml').rss2()),
    'atom.xml': repairCategories(feed('atom.xml').atom1()),
    'feed.json': jsonFeed11(feed('feed.json').json1()),
  };
}

function feedOf(posts: Post[], site: SiteOptions & { siteUrl: string }, text: (typeof TEXT_AS)[FeedFile]): Feed {
  const home = `${site.siteUrl}${site.base}`;
  const newest = posts.slice(0, FEED_POSTS);
  const updated = newest.map((post) => time(post.updated ?? post.date)).sort((a, b) => b.getTime() - a.getTime())[0];
  const author = { name: SETTINGS.author, link: home };
  const feed = new Feed({
    title: SETTINGS.title,
    description: SETTINGS.description,
    id: home,
    link: home,
    language: 'en',
    copyright: `© ${SETTINGS.author}`,
    updated: updated ?? new Date(0),
    generator: 'https://github.com/jpmonette/feed',
    feedLinks: { rss: `${home}rss.xml`, atom: `${home}atom.xml`, json: `${home}feed.json` },
    author,
  });
  for (const post of newest) {
    const url = `${home}${routePath('post', { slug: post.slug }).slice(1)}`;
    feed.addItem({
      title: text.title(post.title),
      id: url,
      link: url,
      description: text.summary(post.excerpt),
      content: absoluteUrls(post.html, url),
      author: [author],
      date: time(post.updated ?? post.date),
      published: time(post.date),
      category: post.tags.map((tag) => ({
        name: tag.name,
        domain: `${home}${routePath('tag', { tag: tag.slug }).slice(1)}`,
      })),
    });
  }
  return feed;
}

/**
 * `feed` 6.0.0 leaves `<` unescaped in an Atom category's `label` and `&` in an RSS
 * category's `domain` (jpmonette/feed#249 fixed only some of it): a tag such as `a<b` made
 * the whole feed ill-formed, which browsers and feed readers reject. Attribute values of
 * `<category>` elements are escaped again here; nothing else in the document is touched.
 */
export function repairCategories(xml: string): string {
  return xml.replace(/<category\b(?:\s+[\w:]+="[^"]*")*\s*\/?>/g, (element) =>
    element.replace(/="([^"]*)"/g, (_, value: string) => {
      const escaped = value.replace(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/gi, '&amp;').replace(/</g, '&lt;');
      return `="${escaped.replace(/>/g, '&gt;')}"`;
    }),
  );
}

interface JsonFeedObject {
  author?: unknown;
  authors?: unknown[];
  [field: string]: unknown;
}

/**
 * `feed` writes JSON Feed 1; version 1.1 adds `language` and replaces `author` by `authors`
 * (https://www.jsonfeed.org/version/1.1/). Everything else is the same.
 */
function jsonFeed11(json1: string): string {
  const feed = JSON.parse(json1) as JsonFeedObject & { items: JsonFeedObject[] };
  const upgrade = (object: JsonFeedObject) => {
    if (object.author !== undefined) object.authors = [object.author];
    delete object.author;
  };
  upgrade(feed);
  feed.items.forEach(upgrade);
  return `${JSON.stringify({ ...feed, version: 'https://jsonfeed.org/version/1.1', language: 'en' }, null, 2)}\n`;
}
