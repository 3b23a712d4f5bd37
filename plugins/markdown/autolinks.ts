// GFM's literal autolinks (remark-gfm) try to read an email address at the start of every
// word: on a post of prose that is almost half of the time micromark takes to parse it. An
// address needs an `@`, so a post without one is parsed without that construct, and parses
// the same (test/markdown.test.ts compares both ways). www. and http(s):// links are always
// recognised.
import type { Extension } from 'micromark-util-types';
import type {} from 'remark-parse'; // its `micromarkExtensions` field of a processor's data
import type { PluggableList, Processor } from 'unified';

/** The name micromark-extension-gfm-autolink-literal gives its email construct. */
export const EMAIL_AUTOLINK = 'emailAutolink';

/** The plugins to add after remark-gfm for this source: none when it may hold an email address. */
export function autolinkPlugins(source: string): PluggableList {
  return source.includes('@') ? [] : [[withoutConstructs, [EMAIL_AUTOLINK]]];
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
