// The old front matter onto ours (docs/importing.md has the table): each field the old post
// had is mapped, used for something else (its address), dropped for a stated reason, or
// listed as not kept; none goes silently.
import { normalizeDate } from './dates.ts';
import type { Left, OldPost } from './types.ts';

/** What became of one old field. */
export interface FieldFate {
  field: string;
  /** `title`, `tags`…: the field of ours it went to; or a sentence when it went nowhere. */
  fate: string;
  kept: boolean;
}

export interface MappedFields {
  fields: Record<string, unknown>;
  fates: FieldFate[];
  left: Left[];
  /** The post's title came from its first `# heading` (Docusaurus): the body loses that line. */
  titleFromHeading?: boolean;
}

const DESCRIPTION = ['description', 'summary', 'excerpt', 'spoiler'];
const TAGS = ['tags', 'categories', 'category'];
const UPDATED = ['updated', 'lastmod', 'last_modified_at', 'updatedDate', 'last_update'];
const IMAGE = ['image', 'cover', 'heroImage'];
const USED_FOR_ADDRESS = ['slug', 'permalink', 'url', 'aliases', 'redirect_from'];
const DROPPED: Record<string, string> = {
  layout: 'dropped: the blog has one post layout',
  math: 'dropped: math is always on',
  mathjax: 'dropped: math is always on',
  katex: 'dropped: math is always on',
  usemathjax: 'dropped: math is always on',
};

/** `images` beside the post: `./name`, or why it is not (then the field is left out). */
export type ImageResolver = (reference: string) => { path: string } | { left: string };

export function mapFields(post: OldPost, resolveImage: ImageResolver): MappedFields {
  const old = post.source.fields;
  const lineOf = (field: string) => post.source.fieldLines[field];
  const fates: FieldFate[] = [];
  const left: Left[] = [];
  const fields: Record<string, unknown> = {};
  const fate = (field: string, to: string, kept = true) => fates.push({ field, fate: to, kept });

  const title = textOf(old.title);
  if (title) fields.title = title;
  const firstLine = post.source.body.trimStart().split('\n')[0] ?? '';
  const heading = title ? undefined : /^# +(.+?)[\s#]*$/.exec(firstLine);
  if (heading && !title) fields.title = heading[1];
  if (!fields.title && post.name) fields.title = titleOfName(post.name);
  if ('title' in old) fate('title', 'title');

  const dateField = ['date', 'pubDate', 'publishDate'].find((name) => name in old);
  const date = normalizeDate(dateField ? old[dateField] : undefined) ?? post.fileDate;
  if (date) fields.date = date;
  if (dateField) {
    fate(dateField, 'date');
    if (!normalizeDate(old[dateField]))
      left.push({
        line: lineOf(dateField),
        what: `${dateField}: ${JSON.stringify(old[dateField])} is no date`,
        fix: `write it as YYYY-MM-DD${post.fileDate ? ` (the file name's ${post.fileDate} was used)` : ''}`,
      });
  } else if (!date)
    left.push({ line: 1, what: 'the post has no date', fix: 'add date: YYYY-MM-DD to its front matter' });

  const description = DESCRIPTION.find((name) => textOf(old[name]));
  if (description) fields.description = textOf(old[description])!.replace(/\s+/g, ' ');
  for (const name of DESCRIPTION.filter((name) => name in old))
    fate(
      name,
      name === description ? 'description' : 'not kept: the post has a description already',
      name === description,
    );

  const tags = uniqueTags(TAGS.flatMap((name) => tagList(old[name])));
  if (tags.length > 0) fields.tags = tags;
  for (const name of TAGS.filter((name) => name in old)) fate(name, 'tags');

  if (old.draft === true || old.published === false || post.draft) fields.draft = true;
  if ('draft' in old) fate('draft', 'draft');
  if ('published' in old) fate('published', 'draft');

  const updatedField = UPDATED.find((name) => name in old);
  const updatedValue =
    updatedField === 'last_update'
      ? (old.last_update as { date?: unknown } | null)?.date
      : updatedField && old[updatedField];
  const updated = normalizeDate(updatedValue);
  if (updated && date && updated.slice(0, 10) > date.slice(0, 10)) fields.updated = updated;
  for (const name of UPDATED.filter((name) => name in old))
    fate(
      name,
      name === updatedField && fields.updated ? 'updated' : 'not kept: no date later than the post’s own',
      name === updatedField && !!fields.updated,
    );

  if (typeof old.toc === 'boolean') fields.toc = old.toc;
  if (old.hide_table_of_contents === true) fields.toc = false;
  if ('toc' in old) fate('toc', 'toc');
  if ('hide_table_of_contents' in old) fate('hide_table_of_contents', 'toc');

  const imageField = IMAGE.find((name) => imageOf(old[name]));
  if (imageField) {
    const found = resolveImage(imageOf(old[imageField])!);
    if ('path' in found) fields.image = found.path;
    else
      left.push({
        line: lineOf(imageField),
        what: `${imageField}: ${found.left}`,
        fix: 'put the image beside the post and name it in image:, or leave the generated card',
      });
  }
  for (const name of IMAGE.filter((name) => name in old))
    fate(name, name === imageField && fields.image ? 'image' : 'not kept', name === imageField && !!fields.image);

  for (const name of Object.keys(old)) {
    if (fates.some((item) => item.field === name) || name === 'title') continue;
    if (USED_FOR_ADDRESS.includes(name)) fate(name, 'aliases (the old address)');
    else if (DROPPED[name]) fate(name, DROPPED[name], false);
    else fate(name, 'not kept', false);
  }
  return { fields, fates, left, ...(heading && !title ? { titleFromHeading: true } : {}) };
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** Jekyll's title from a file name: `my-first-post` → "My First Post". */
function titleOfName(name: string): string {
  return name
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join(' ');
}

/** A list, Jekyll's space-separated string, or Docusaurus's `{ label }` objects. */
function tagList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): string[] => {
    if (typeof item === 'string' || typeof item === 'number') return [String(item).trim()].filter(Boolean);
    const label = (item as { label?: unknown } | null)?.label;
    return typeof label === 'string' ? [label] : [];
  });
}

/** The same tag written twice (`ML`, `ml`) is one. */
function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((tag) => {
    const key = tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** `image: a.png`, PaperMod's `cover: { image: a.png }`, Astro's `heroImage`, `{ src }`. */
function imageOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (value && typeof value === 'object') {
    const inner =
      (value as { image?: unknown; src?: unknown; url?: unknown }).image ?? (value as { src?: unknown }).src;
    return typeof inner === 'string' && inner.trim() ? inner.trim() : undefined;
  }
  return undefined;
}
