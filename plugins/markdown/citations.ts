// Citations: with `bibliography: ./refs.bib` in the front matter, `[@key]`, `[@a; @b]` and
// `[@key, p. 3]` become numbered links ([1], [1, 2]) to a References section, numbered in
// the order of first citation. citation-js parses the BibTeX and citeproc formats each
// entry in the Harvard style (APA's style costs citeproc 0.5 s to compile in each worker,
// Harvard's 40 ms); the entries pass the same sanitiser as the post. An unknown key fails
// the build with the post's line; a bad BibTeX file with its own line.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { h } from 'hastscript';
import { raw } from 'hast-util-raw';
import type { VFile } from 'vfile';
import { dependOn, postContext, problem } from './file-data.ts';
import { CITEPROC_STYLES, sanitize } from './sanitize.ts';
import { readInside } from './urls.ts';
import { SKIP, eachElement, eachNode } from './walk.ts';

/** A citation key as Pandoc reads it: letters, digits and `_`, with inner punctuation. */
const KEY = String.raw`[\p{L}\p{N}_](?:[\p{L}\p{N}_:.#$%&+?<>~/-]*[\p{L}\p{N}_])?`;
const ITEM = String.raw`@${KEY}(?:\s*,\s*[^;@\[\]]*[^;@\[\]\s])?`;
/** `[@key]`, `[@a; @b]`, `[@key, p. 3]`. */
export const CITATION = new RegExp(String.raw`\[\s*(${ITEM}(?:\s*;\s*${ITEM})*)\s*\]`, 'gu');
const ITEM_PARTS = new RegExp(String.raw`^@(${KEY})(?:\s*,\s*(.+))?$`, 'u');

/** Where citations are text, not citations. */
const LITERAL = new Set(['a', 'code', 'pre', 'svg', 'math', 'kbd', 'samp']);

interface Cited {
  key: string;
  locator?: string;
}

interface Occurrence {
  parent: Element | Root;
  node: Text;
}

export function citations() {
  return async (tree: Root, file: VFile) => {
    const occurrences = findCitations(tree);
    if (occurrences.length === 0) return;
    const context = postContext(file);
    if (!context.bibliography) {
      for (const { node } of occurrences) {
        file.message(
          `${firstCitation(node.value)} looks like a citation, but the post names no bibliography file in its front matter (bibliography: ./refs.bib)`,
          node,
        );
      }
      return;
    }
    const bibliography = await readBibliography(context.bibliography, file);
    if (!bibliography) return;
    const numbers = new Map<string, number>();
    for (const { parent, node } of occurrences) {
      replaceCitations(parent, node, (cited) => {
        if (!bibliography.keys.has(cited.key)) {
          problem(file, `citation @${cited.key} is not in ${context.bibliography}`, node);
          return undefined;
        }
        if (!numbers.has(cited.key)) numbers.set(cited.key, numbers.size + 1);
        return numbers.get(cited.key);
      });
    }
    const keys = [...numbers.keys()];
    if (keys.length > 0) addReferences(tree, keys, await bibliography.format(keys, file), file);
  };
}

function findCitations(tree: Root): Occurrence[] {
  const found: Occurrence[] = [];
  eachNode(tree, (node, _index, parent) => {
    if (node.type === 'element' && LITERAL.has(node.tagName)) return SKIP;
    if (node.type === 'text') {
      // `search` and `match` ignore the global pattern's lastIndex; `test` would not.
      if (node.value.search(CITATION) !== -1) found.push({ parent, node });
    }
    return undefined;
  });
  return found;
}

function firstCitation(text: string): string {
  return text.match(CITATION)?.[0] ?? text;
}

const text = (value: string): Text => ({ type: 'text', value });

/** Each citation in the text node becomes "[1, 2]" with a link per number; unknown keys stay as written. */
function replaceCitations(parent: Element | Root, node: Text, numberOf: (cited: Cited) => number | undefined): void {
  const pieces: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(CITATION)) {
    const items = match[1]!.split(/\s*;\s*/).map(parseItem);
    const numbered = items.map((cited) => ({ cited, number: numberOf(cited) }));
    if (numbered.some(({ number }) => number === undefined)) continue;
    pieces.push(text(node.value.slice(last, match.index)));
    const separator = items.some((cited) => cited.locator) ? '; ' : ', ';
    const inner: ElementContent[] = [];
    for (const [index, { cited, number }] of numbered.entries()) {
      if (index > 0) inner.push(text(separator));
      inner.push(h('a', { href: `#ref-${encodeURIComponent(cited.key)}`, role: 'doc-biblioref' }, String(number)));
      if (cited.locator) inner.push(text(`, ${cited.locator}`));
    }
    pieces.push(h('span', { className: ['citation'] }, ['[', ...inner, ']']));
    last = match.index + match[0].length;
  }
  if (pieces.length === 0) return;
  pieces.push(text(node.value.slice(last)));
  const kept = pieces.filter((piece) => piece.type !== 'text' || piece.value !== '');
  for (const piece of kept) piece.position = node.position;
  const index = (parent.children as RootContent[]).indexOf(node);
  parent.children.splice(index, 1, ...kept);
}

function parseItem(item: string): Cited {
  const [, key = '', locator] = ITEM_PARTS.exec(item.trim()) ?? [];
  return { key, locator: locator?.replace(/\s+/g, ' ') };
}

interface Bibliography {
  keys: Set<string>;
  /** Each cited entry as HTML content, in the order given. */
  format(keys: string[], file: VFile): Promise<ElementContent[][]>;
}

async function readBibliography(name: string, file: VFile): Promise<Bibliography | undefined> {
  const context = postContext(file);
  const target = path.resolve(path.dirname(context.file), name);
  const bytes = await readInside(target, context.postsDir);
  dependOn(file, target, bytes);
  if (!bytes) return void problem(file, `bibliography: ${name} not found (paths are relative to the post's file)`);
  const source = bytes.toString('utf8');
  const { plugins, logger } = loadCitationJs();
  let entries;
  try {
    entries = plugins.input.chain(source, { forceType: '@biblatex/text', generateGraph: false });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return void problem(file, `bibliography: ${name} is not valid BibTeX: ${reason}`);
  } finally {
    logger._log.length = 0;
  }
  const keys = new Set<string>();
  for (const entry of entries) {
    if (keys.has(entry.id)) {
      const line = lineOfEntry(source, entry.id, 2);
      problem(file, `bibliography: ${name}${line ? ` line ${line}` : ''} defines @${entry.id} a second time`);
    }
    keys.add(entry.id);
  }
  return {
    keys,
    async format(cited, into) {
      // citeproc reads every entry it is given: only the cited ones.
      const wanted = new Set(cited);
      const html = plugins.output.format(
        'bibliography',
        entries.filter((entry) => wanted.has(entry.id)).map((entry) => withSafeLinks(entry, name, into)),
        {
          format: 'html',
          template: 'harvard1',
          lang: 'en-US',
          entry: cited,
          nosort: true,
          hyperlinks: true,
          asEntryArray: true,
        },
      );
      logger._log.length = 0;
      const formatted = new Map(html);
      return cited.map((key) => entryContent(formatted.get(key) ?? '', into));
    },
  };
}

/** What citeproc makes links of: an entry's URL and DOI. */
interface LinkedEntry {
  id: string;
  URL?: unknown;
  DOI?: unknown;
}

/**
 * The entry with its URL and DOI as they may stand in an `href`: citeproc writes them into
 * its HTML as they are, so a `"` in one would end the attribute. A URL must be a web
 * address (http, https or ftp), written as the URL parser writes it (percent-encoded);
 * anything else is left out with a warning naming the entry. A DOI has the characters that
 * HTML gives a meaning percent-encoded.
 */
function withSafeLinks<Entry extends LinkedEntry>(entry: Entry, bibliography: string, file: VFile): Entry {
  const safe = { ...entry };
  if (typeof entry.URL === 'string') {
    const url = URL.canParse(entry.URL.trim()) ? new URL(entry.URL.trim()) : undefined;
    if (url && ['http:', 'https:', 'ftp:'].includes(url.protocol)) safe.URL = url.href;
    else {
      delete safe.URL;
      file.message(
        `bibliography: ${bibliography} @${entry.id}: the url ${JSON.stringify(entry.URL)} is not a web address (http or https) and was left out`,
      );
    }
  }
  if (typeof entry.DOI === 'string') {
    safe.DOI = entry.DOI.replace(
      /["'<>`\s{}|\\^]/g,
      (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    );
  }
  return safe;
}

/**
 * citation-js, loaded on first use: most posts cite nothing. `require`, because a dynamic
 * `import()` here would go through Vite's module runner, closed once the pipeline is loaded.
 */
function loadCitationJs(): typeof import('@citation-js/core') {
  const require = createRequire(import.meta.url);
  const core = require('@citation-js/core') as typeof import('@citation-js/core');
  require('@citation-js/plugin-bibtex');
  require('@citation-js/plugin-csl');
  return core;
}

/** The line of the `occurrence`-th entry with this key (for messages only). */
function lineOfEntry(source: string, key: string, occurrence: number): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const starts = [...source.matchAll(new RegExp(String.raw`@\w+\s*[{(]\s*${escaped}\s*,`, 'gu'))];
  const start = starts[occurrence - 1]?.index;
  return start === undefined ? undefined : source.slice(0, start).split('\n').length;
}

/**
 * The formatted entry's content, through the post's sanitiser (a .bib file is the author's
 * input too), with citeproc's few inline styles turned into classes (the CSP forbids styles).
 */
function entryContent(html: string, file: VFile): ElementContent[] {
  const parsed = raw({ type: 'root', children: [{ type: 'raw', value: html }] }) as Root;
  const entry = parsed.children.find((node): node is Element => node.type === 'element');
  if (!entry) return [];
  const restyle = (node: Element) => {
    const style = node.properties.style;
    if (typeof style !== 'string') return;
    delete node.properties.style;
    const className = CITEPROC_STYLES[style.replace(/\s+/g, '')];
    if (className) node.properties.className = [className];
  };
  restyle(entry);
  eachElement(entry, restyle);
  return sanitize()({ type: 'root', children: entry.children }, file).children as ElementContent[];
}

/**
 * The numbered list goes at the end of the post, before its footnotes; under the author's
 * own "References" heading if the post has one.
 */
function addReferences(tree: Root, keys: string[], entries: ElementContent[][], file: VFile): void {
  const list = h(
    'ol',
    { className: ['references'] },
    entries.map((content, index) => h('li', { id: `ref-${keys[index]}` }, content)),
  );
  const ids = new Set<string>();
  eachElement(tree, (node) => {
    if (typeof node.properties.id === 'string') ids.add(node.properties.id);
  });
  for (const key of keys) {
    if (ids.has(`ref-${key}`))
      problem(file, `the id ref-${key} of the reference for @${key} is already used in the post`);
  }
  const heading = tree.children.findIndex(
    (node) => node.type === 'element' && node.properties.id === 'references' && headingRank(node) !== undefined,
  );
  if (heading >= 0) {
    const rank = headingRank(tree.children[heading] as Element)!;
    const next = tree.children.findIndex(
      (node, index) => index > heading && node.type === 'element' && (headingRank(node) ?? 7) <= rank,
    );
    tree.children.splice(next === -1 ? endOfText(tree) : next, 0, list);
    return;
  }
  if (ids.has('references'))
    problem(file, 'the id references, which the References section needs, is already used in the post');
  const section = h('section', { id: 'references', className: ['references'], ariaLabel: 'References' }, [
    h('h2', 'References'),
    list,
  ]);
  tree.children.splice(endOfText(tree), 0, section);
}

/** Where the post's text ends: before the footnotes section, if any. */
function endOfText(tree: Root): number {
  const footnotes = tree.children.findIndex(
    (node) => node.type === 'element' && node.tagName === 'section' && 'dataFootnotes' in node.properties,
  );
  return footnotes === -1 ? tree.children.length : footnotes;
}
