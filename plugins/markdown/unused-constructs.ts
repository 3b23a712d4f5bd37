// Some GFM constructs are tried at nearly every word or line of a post: the email autolink
// at the start of every word (almost half of micromark's time on prose), the table at the
// start of every line (a fifth). A post that cannot hold one is parsed without it, and
// parses the same (test/markdown.test.ts compares both ways on thousands of sources).
import type { Extension } from 'micromark-util-types';
import type {} from 'remark-parse'; // its `micromarkExtensions` field of a processor's data
import type { PluggableList, Processor } from 'unified';

/** The names micromark's GFM extensions give these constructs. */
export const EMAIL_AUTOLINK = 'emailAutolink';
export const TABLE = 'table';

/** The plugins to add after remark-gfm for this source: leaving out what it cannot use. */
export function constructPlugins(source: string): PluggableList {
  const unused = unusedConstructs(source);
  return unused.length > 0 ? [[withoutConstructs, unused]] : [];
}

/**
 * Constructs this source cannot hold: an email address needs an `@`; a table needs a
 * delimiter row, a line of only `-`, `:`, `|`, spaces and tabs (after any `>` of a block
 * quote) with a `-` and a `|` or `:` (without either, `---` is a heading's underline or a rule).
 */
export function unusedConstructs(source: string): string[] {
  const unused: string[] = [];
  if (!source.includes('@')) unused.push(EMAIL_AUTOLINK);
  const delimiterRow = /^[ \t>|:-]*-[ \t>|:-]*$/;
  const mayHoldTable = source.split(/\r\n|\r|\n/).some((line) => delimiterRow.test(line) && /[|:]/.test(line));
  if (!mayHoldTable) unused.push(TABLE);
  return unused;
}

/** Removes the named constructs from the micromark extensions that earlier plugins added. */
export function withoutConstructs(this: Processor, names: string[]): undefined {
  const data = this.data();
  data.micromarkExtensions = (data.micromarkExtensions ?? []).map((extension) => omit(extension, names));
}

/** A copy of `extension` without the named constructs (micromark's `disable` still tries each one). */
export function omit(extension: Extension, names: string[]): Extension {
  const copy: Extension = { ...extension };
  for (const field of ['document', 'contentInitial', 'flowInitial', 'flow', 'string', 'text'] as const) {
    const record = extension[field];
    if (!record) continue;
    copy[field] = Object.fromEntries(
      Object.entries(record).flatMap(([code, constructs]) => {
        const kept = [constructs ?? []].flat().filter((construct) => !names.includes(construct.name ?? ''));
        return kept.length > 0 ? [[code, kept]] : [];
      }),
    );
  }
  return copy;
}
