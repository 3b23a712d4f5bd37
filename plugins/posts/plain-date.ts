// A post's date read from its front matter without parsing the YAML, for the dev server's
// first look (plugins/posts/read.ts, readNewest): with a thousand posts, parsing every
// front matter just to find the ten newest was most of the wait for the first page.

import { isRealDate } from './front-matter.ts';

/** A `date:` line with one value, quoted or not, and perhaps a comment. */
const DATE_LINE = /^date:[ \t]*(["']?)([^"'#\s](?:[^"'#]*[^"'#\s])?)\1[ \t]*(?:#.*)?$/;
const DRAFT_LINE = /^draft:[ \t]*(true|false)[ \t]*(?:#.*)?$/;

/**
 * The date and draft flag of front matter whose `date:` (and `draft:`, if any) are plain
 * lines of their own, as YAML would read them; undefined for anything else (no date line,
 * two of them, a value this does not read), which is then parsed in full. A date read here
 * may still belong to a post with another problem: the full read finds it.
 */
export function plainDate(text: string): { date: string; draft: boolean } | undefined {
  if (!/^---[ \t]*\r?\n/.test(text)) return undefined;
  let date: string | undefined;
  let draft = false;
  let dates = 0;
  for (const line of text.split(/\r\n|\r|\n/).slice(1)) {
    if (/^---[ \t]*$/.test(line)) return dates === 1 && date !== undefined ? { date, draft } : undefined;
    if (line.startsWith('date')) {
      dates++;
      const value = DATE_LINE.exec(line)?.[2];
      date = value !== undefined && isRealDate(value) ? value : undefined;
    } else if (line.startsWith('draft')) {
      const value = DRAFT_LINE.exec(line)?.[1];
      if (value === undefined) return undefined;
      draft = value === 'true';
    }
  }
  return undefined;
}
