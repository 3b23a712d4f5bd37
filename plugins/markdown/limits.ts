// Bounds on one post's work, so that no post can crash or hang the build: parsers and
// tree visitors recurse once per level of nesting, and markdown's parser slows down
// sharply with deep nesting and with floods of emphasis markers. Real posts nest a handful of levels; the limits are
// documented in docs/writing.md ("Limits").
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import type { Finding } from '../problems.ts';
import { fences } from './fences.ts';

/** How deeply blocks, lists or HTML elements may nest inside each other. */
export const MAX_NESTING = 100;

/**
 * How many emphasis and strikethrough markers (runs of `*`, `_` or `~`) and links (`](`)
 * one paragraph may hold: pairing them up takes markdown's parser time that grows faster
 * than their number (8,000 take about a second here, 32,000 ten seconds or more).
 */
const MAX_INLINE_MARKERS = 5_000;

/**
 * Before parsing (what a deep list or a flood of markers slows down): each line's nesting,
 * counted generously (each `>` or list marker, and each two columns of indentation), and
 * each paragraph's inline markers. Lines in top-level fenced code blocks are text.
 */
export function checkSource(source: string): Finding | undefined {
  let deepest: { line: number; depth: number } | undefined;
  let paragraph = { line: 0, markers: 0 };
  let crowded: typeof paragraph | undefined;
  const lines = source.split(/\r\n|\r|\n/);
  // The front matter is YAML, checked by plugins/posts/front-matter.ts.
  const bodyStart =
    lines[0]?.trimEnd() === '---' ? lines.findIndex((text, i) => i > 0 && text.trimEnd() === '---') + 1 : 0;
  const { inCode } = fences(lines.slice(bodyStart));
  for (const [index, text] of lines.entries()) {
    if (index < bodyStart) continue;
    const line = index + 1;
    // A blank line ends a paragraph, as code does; each table row's cells are read on their own.
    if (inCode[index - bodyStart] || text.trim() === '' || text.includes('|'))
      paragraph = { line: line + 1, markers: 0 };
    if (inCode[index - bodyStart]) continue;
    const depth = prefixNesting(text);
    if (depth > MAX_NESTING && depth > (deepest?.depth ?? 0)) deepest = { line, depth };
    paragraph.markers += (text.match(/\*+|_+|~+|\]\(/g) ?? []).length;
    if (paragraph.markers > MAX_INLINE_MARKERS && paragraph.markers > (crowded?.markers ?? 0))
      crowded = { ...paragraph };
    if (text.includes('|')) paragraph = { line: line + 1, markers: 0 };
  }
  if (deepest) return { line: deepest.line, message: nestingMessage(deepest.depth) };
  if (crowded) {
    return {
      line: crowded.line,
      message: `a paragraph with ${crowded.markers.toLocaleString('en-US')} emphasis markers and links (*, _, ~, ]( ); the limit is ${MAX_INLINE_MARKERS.toLocaleString('en-US')}`,
    };
  }
  return undefined;
}

function prefixNesting(text: string): number {
  const prefix = /^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/.exec(text)?.[0] ?? '';
  let columns = 0;
  let markers = 0;
  for (const char of prefix) {
    if (char === ' ') columns += 1;
    else if (char === '\t') columns += 4;
    else if (!/\d/.test(char)) markers += 1;
  }
  return markers + Math.floor(columns / 2);
}

function nestingMessage(depth: number): string {
  return `nested ${depth.toLocaleString('en-US')} levels deep (quotes, lists or HTML elements inside each other); the limit is ${MAX_NESTING}`;
}

/**
 * After a parse: the tree's depth, measured without recursion, before any recursive visitor
 * meets it. Stops this post's rendering when it is too deep.
 */
function failWhenTooDeep(tree: Node, file: VFile): void {
  const stack: [Node, number][] = [[tree, 0]];
  let deepest: [Node, number] = [tree, 0];
  while (stack.length > 0) {
    const entry = stack.pop()!;
    if (entry[1] > deepest[1]) deepest = entry;
    const children = (entry[0] as { children?: Node[] }).children;
    if (children) for (const child of children) stack.push([child, entry[1] + 1]);
  }
  if (deepest[1] > MAX_NESTING) file.fail(nestingMessage(deepest[1]), deepest[0]);
}

// Two plugins, not one used twice: unified keeps a plugin once per processor.
/** The markdown tree's depth, right after parsing. */
export const limitMarkdownNesting = () => failWhenTooDeep;
/** The HTML tree's depth, right after raw HTML is parsed into it. */
export const limitHtmlNesting = () => failWhenTooDeep;
