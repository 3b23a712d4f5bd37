// Bounds on one post's work, so that no post can crash or hang the build: parsers and
// tree visitors recurse once per level of nesting, and markdown's block parser slows
// down sharply with deep nesting. Real posts nest a handful of levels; the limits are
// documented in docs/writing.md ("Limits").
import type { Node } from 'unist';
import type { VFile } from 'vfile';

/** How deeply blocks, lists or HTML elements may nest inside each other. */
export const MAX_NESTING = 100;

/**
 * Before parsing (markdown's parser is what a deep list slows down): the nesting a line's
 * prefix could open, counted generously: each `>` or list marker, and each two columns of
 * indentation. Lines inside top-level fenced code blocks are text, not nesting.
 */
export function checkSourceNesting(source: string): { line: number; depth: number } | undefined {
  let fence: string | undefined;
  let line = 0;
  let deepest: { line: number; depth: number } | undefined;
  for (const text of source.split(/\r\n|\r|\n/)) {
    line += 1;
    const opening = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence) {
      if (opening && opening[0] === fence[0] && opening.length >= fence.length) fence = undefined;
      continue;
    }
    if (opening) {
      fence = opening;
      continue;
    }
    const depth = prefixNesting(text);
    if (depth > MAX_NESTING && depth > (deepest?.depth ?? 0)) deepest = { line, depth };
  }
  return deepest;
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

export function nestingMessage(depth: number): string {
  return `nested ${depth.toLocaleString('en-US')} levels deep (quotes, lists or HTML elements inside each other); the limit is ${MAX_NESTING}`;
}

/**
 * After a parse: the tree's depth, measured without recursion, before any recursive visitor
 * meets it. Stops this post's rendering when it is too deep.
 */
export function limitNesting() {
  return (tree: Node, file: VFile) => {
    const stack: [Node, number][] = [[tree, 0]];
    let deepest: [Node, number] = [tree, 0];
    while (stack.length > 0) {
      const entry = stack.pop()!;
      if (entry[1] > deepest[1]) deepest = entry;
      const children = (entry[0] as { children?: Node[] }).children;
      if (children) for (const child of children) stack.push([child, entry[1] + 1]);
    }
    if (deepest[1] > MAX_NESTING) file.fail(nestingMessage(deepest[1]), deepest[0]);
  };
}
