// The old front matter onto ours (docs/importing.md has the table): each field the old post
// had is mapped, used for something else (its address), dropped for a stated reason, or
// listed as not kept; none goes silently.
import type { FrontMatter } from '../../plugins/posts/front-matter.ts';
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
  /** Our front matter (without `aliases`, which come from the old addresses). */
  fields: Partial<FrontMatter>;
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
  const mapping = new Mapping(post);
  const titleFromHeading = mapping.title();
  mapping.date();
  mapping.description();
  mapping.tagsAndDraft();
  mapping.updatedAndToc();
  mapping.image(resolveImage);
  mapping.rest();
  const { fields, fates, left } = mapping;
  return { fields, fates, left, ...(titleFromHeading ? { titleFromHeading } : {}) };
}

/** One post's old front matter, mapped a field (or a family of fields) at a time. */
class Mapping {
  readonly fields: Partial<FrontMatter> = {};
  readonly fates: FieldFate[] = [];
  readonly left: Left[] = [];
  private readonly old: Record<string, unknown>;

  constructor(private readonly post: OldPost) {
    this.old = post.source.fields;
  }

  private fate(field: string, to: string, kept = true): void {
    this.fates.push({ field, fate: to, kept });
  }

  private fatesOf(names: string[], chosen: string | undefined, to: string, otherwise: string): void {
    for (const name of names.filter((name) => name in this.old))
      this.fate(name, name === chosen ? to : otherwise, name === chosen);
  }

  /** `title`, else the first `# heading` (then true: the text loses it), else the file name. */
  title(): boolean {
    const title = textOf(this.old.title);
    const firstLine = this.post.source.body.trimStart().split('\n')[0] ?? '';
    const heading = title ? undefined : /^# +(.+?)[\s#]*$/.exec(firstLine)?.[1];
    const fromName = this.post.name ? titleOfName(this.post.name) : undefined;
    const chosen = title ?? heading ?? fromName;
    if (chosen) this.fields.title = chosen;
    if ('title' in this.old) this.fate('title', 'title');
    return heading !== undefined;
  }

  date(): void {
    const field = ['date', 'pubDate', 'publishDate'].find((name) => name in this.old);
    const date = normalizeDate(field ? this.old[field] : undefined) ?? this.post.fileDate;
    if (date) this.fields.date = date;
    if (!field) {
      if (!date)
        this.left.push({ line: 1, what: 'the post has no date', fix: 'add date: YYYY-MM-DD to its front matter' });
      return;
    }
    this.fate(field, 'date');
    if (normalizeDate(this.old[field])) return;
    const fileDate = this.post.fileDate ? ` (the file name's ${this.post.fileDate} was used)` : '';
    this.left.push({
      line: this.post.source.fieldLines[field],
      what: `${field}: ${JSON.stringify(this.old[field])} is no date`,
      fix: `write it as YYYY-MM-DD${fileDate}`,
    });
  }

  description(): void {
    const chosen = DESCRIPTION.find((name) => textOf(this.old[name]));
    if (chosen) this.fields.description = textOf(this.old[chosen])!.replace(/\s+/g, ' ');
    this.fatesOf(DESCRIPTION, chosen, 'description', 'not kept: the post has a description already');
  }

  tagsAndDraft(): void {
    const tags = uniqueTags(TAGS.flatMap((name) => tagList(this.old[name])));
    if (tags.length > 0) this.fields.tags = tags;
    for (const name of TAGS.filter((name) => name in this.old)) this.fate(name, 'tags');
    if (this.old.draft === true || this.old.published === false || this.post.draft) this.fields.draft = true;
    for (const name of ['draft', 'published'].filter((name) => name in this.old)) this.fate(name, 'draft');
  }

  /** `updated` only when later than the date; `toc` and Docusaurus's `hide_table_of_contents`. */
  updatedAndToc(): void {
    const field = UPDATED.find((name) => name in this.old);
    const value =
      field === 'last_update' ? (this.old.last_update as { date?: unknown } | null)?.date : field && this.old[field];
    const updated = normalizeDate(value);
    const date = this.fields.date;
    if (updated && date && updated.slice(0, 10) > date.slice(0, 10)) this.fields.updated = updated;
    this.fatesOf(
      UPDATED,
      this.fields.updated ? field : undefined,
      'updated',
      'not kept: no date later than the post’s own',
    );
    if (typeof this.old.toc === 'boolean') this.fields.toc = this.old.toc;
    if (this.old.hide_table_of_contents === true) this.fields.toc = false;
    for (const name of ['toc', 'hide_table_of_contents'].filter((name) => name in this.old)) this.fate(name, 'toc');
  }

  image(resolveImage: ImageResolver): void {
    const field = IMAGE.find((name) => imageOf(this.old[name]));
    if (field) {
      const found = resolveImage(imageOf(this.old[field])!);
      if ('path' in found) this.fields.image = found.path;
      else
        this.left.push({
          line: this.post.source.fieldLines[field],
          what: `${field}: ${found.left}`,
          fix: 'put the image beside the post and name it in image:, or leave the generated card',
        });
    }
    this.fatesOf(IMAGE, this.fields.image ? field : undefined, 'image', 'not kept');
  }

  /** Every other field: used for the address, dropped for a reason, or not kept; each one named. */
  rest(): void {
    for (const name of Object.keys(this.old)) {
      if (this.fates.some((item) => item.field === name) || name === 'title') continue;
      if (USED_FOR_ADDRESS.includes(name)) this.fate(name, 'aliases (the old address)');
      else if (DROPPED[name]) this.fate(name, DROPPED[name], false);
      else this.fate(name, 'not kept', false);
    }
  }
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
