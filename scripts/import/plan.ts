// Each old post as the post it becomes: its slug, front matter, text and the files it takes
// with it, what was converted and what is left for the author. Nothing is written here.
import path from 'node:path';
import { stringify } from 'yaml';
import { isAliasPath, type FrontMatter } from '../../plugins/posts/front-matter.ts';
import { slugify } from '../../plugins/slugify.js';
import { mapFields, type FieldFate } from './fields.ts';
import { References, addressKey, rewriteReferences, type Copy } from './references.ts';
import { liquid } from './syntax/liquid.ts';
import { escapedMath } from './syntax/escaped-math.ts';
import { kramdown } from './syntax/kramdown.ts';
import { Held, finish, GONE } from './syntax/marks.ts';
import { mdx } from './syntax/mdx.ts';
import { moreMarker } from './syntax/more.ts';
import { shortcodes } from './syntax/shortcodes.ts';
import type { Blog, Left, OldPost, SyntaxContext } from './types.ts';

export interface PlannedPost {
  old: OldPost;
  slug: string;
  /** Its front matter, as written at the top of `text`. */
  fields: Partial<FrontMatter>;
  /** The new post's markdown, front matter and all. */
  text: string;
  copies: Copy[];
  fates: FieldFate[];
  converted: Record<string, number>;
  /** Lines are the old file's. */
  left: Left[];
}

export interface Plan {
  posts: PlannedPost[];
  /** Old posts that cannot be imported, and why. */
  refused: { old: OldPost; line?: number; why: string }[];
}

export function planImport(blog: Blog): Plan {
  const refused: Plan['refused'] = [];
  const readable = blog.posts.filter((old) => {
    if (old.source.problem) refused.push({ old, line: old.source.problem.line, why: old.source.problem.message });
    return !old.source.problem;
  });
  const slugs = assignSlugs(readable);
  const addresses = { byKey: new Map<string, string>(), byFile: new Map<string, string>(), now: new Set<string>() };
  for (const old of readable) {
    const address = `/posts/${slugs.get(old)!}/`;
    addresses.byFile.set(old.file, address);
    addresses.now.add(address);
    for (const url of old.oldUrls) addresses.byKey.set(addressKey(url, blog.basePath), address);
  }
  const postAddress = (reference: string) => findPost(readable, reference, slugs);
  return { posts: readable.map((old) => planPost(blog, old, slugs.get(old)!, addresses, postAddress)), refused };
}

/** Slugs from the old names (`My_Post` → `my-post`), unique among the imported posts. */
function assignSlugs(posts: OldPost[]): Map<OldPost, string> {
  const slugs = new Map<OldPost, string>();
  const taken = new Set<string>();
  for (const old of posts) {
    const own = typeof old.source.fields.slug === 'string' ? path.basename(old.source.fields.slug) : '';
    const base = slugify(own || old.name) || 'post';
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    slugs.set(old, slug);
  }
  return slugs;
}

/** `{% post_url 2020-01-02-name %}`, `{{< ref "posts/name.md" >}}`, `_posts/…md`: the post's new address. */
function findPost(posts: OldPost[], reference: string, slugs: Map<OldPost, string>): string | undefined {
  const [target = '', fragment] = reference.replace(/^["']|["']$/g, '').split('#');
  const wanted = target
    .replace(/^\.?\/+/, '')
    .replace(/\.(md|mdx|markdown)$/i, '')
    .replace(/\/(index|_index)$/, '');
  if (!wanted) return undefined;
  const stem = (old: OldPost) =>
    old.relative
      .split(path.sep)
      .join('/')
      .replace(/\.(md|mdx|markdown)$/i, '')
      .replace(/\/index$/, '');
  const found =
    posts.find((old) => stem(old) === wanted || stem(old).endsWith(`/${wanted}`)) ??
    posts.find((old) => old.name === wanted || (old.fileDate && `${old.fileDate}-${old.name}` === wanted));
  return found && `/posts/${slugs.get(found)!}/${fragment ? `#${fragment}` : ''}`;
}

function planPost(
  blog: Blog,
  old: OldPost,
  slug: string,
  addresses: ConstructorParameters<typeof References>[2],
  postAddress: (reference: string) => string | undefined,
): PlannedPost {
  const converted: Record<string, number> = {};
  const left: Left[] = [];
  const context: SyntaxContext = {
    tool: blog.tool,
    postAddress,
    count: (what, times = 1) => (converted[what] = (converted[what] ?? 0) + times),
    leave: (index, what, fix) => left.push({ line: old.source.bodyLine + index, what, fix }),
  };
  const held = new Held();
  let body = moreMarker(old.source.body, context, blog.moreMarkers);
  if (blog.tool === 'jekyll') body = kramdown(liquid(body, context, held), context);
  if (blog.tool === 'hugo') body = escapedMath(shortcodes(body, context, held), context);
  if (blog.tool === 'astro' || blog.tool === 'docusaurus') body = mdx(body, context);
  const references = new References(blog, old, addresses);
  body = rewriteReferences(body, references, context);
  const mapped = mapFields(old, (reference) => {
    if (/^[a-z]+:\/\//i.test(reference)) return { left: `${reference} is on another site` };
    const file = [reference, `/${reference}`, `/assets/images/${reference}`, `/images/${reference}`]
      .map((candidate) => references.resolve(candidate))
      .find(Boolean);
    return file ? { path: references.copy(file) } : { left: `${reference}: no such file in the old blog` };
  });
  if (mapped.titleFromHeading) body = body.replace(/^(\s*)# .*$/m, `$1${GONE}`);
  const newAddress = `/posts/${slug}/`;
  const aliases = aliasesOf(old, blog, newAddress, left);
  const fields = { ...mapped.fields, ...(aliases.length > 0 ? { aliases } : {}) };
  const frontMatter = stringify(fields, { lineWidth: 0 });
  return {
    old,
    slug,
    fields,
    text: `---\n${frontMatter}---\n\n${finish(body, held)}`,
    copies: references.copies,
    fates: mapped.fates,
    converted,
    left: [...mapped.left, ...left].sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
  };
}

/** The old addresses that still need one: on this site, valid, and not the new address itself. */
function aliasesOf(old: OldPost, blog: Blog, newAddress: string, left: Left[]): string[] {
  const redirectFrom = old.source.fields.redirect_from;
  const candidates = [
    ...old.oldUrls,
    ...(Array.isArray(redirectFrom)
      ? redirectFrom.map(String)
      : typeof redirectFrom === 'string'
        ? [redirectFrom]
        : []),
  ];
  const result: string[] = [];
  for (const candidate of candidates) {
    let address = candidate.trim();
    if (/^https?:\/\//.test(address)) {
      left.push({
        line: old.source.fieldLines.aliases ?? old.source.fieldLines.url,
        what: `old address ${address} is a whole URL`,
        fix: 'keep its path only, in aliases:',
      });
      continue;
    }
    if (blog.basePath && address.startsWith(blog.basePath + '/')) address = address.slice(blog.basePath.length);
    if (!address.startsWith('/')) address = `/${address}`;
    address = encodeURI(decodeURISafe(address));
    if (addressKey(address, '') === addressKey(newAddress, '') || result.includes(address)) continue;
    if (!isAliasPath(address)) {
      left.push({
        line: 1,
        what: `old address ${candidate} cannot be kept`,
        fix: 'link to the post’s new address instead',
      });
      continue;
    }
    result.push(address);
  }
  return result;
}

function decodeURISafe(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}
