// Quarto's cross-references: `@fig-latency` in the text is a link to the figure labelled
// `fig-latency` (`![…](plot.png "caption {#fig-latency}")`, or a notebook cell's
// `#| label: fig-latency`), reading "Figure 2" with the figure's own number, so the text
// never disagrees with the numbering; `@eq-loss` reads "Equation 1" (math.ts numbers
// labelled formulas) and `@sec-results` names the section (`## Results {#sec-results}`).
// A reference to nothing in the post is a problem.
import type { ElementContent, Root, Text } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import type { VFile } from 'vfile';
import { problem } from './file-data.ts';
import { SKIP, eachElement, eachNode } from './walk.ts';

declare module 'vfile' {
  interface DataMap {
    /** Each figure's number, by its id (figures.ts). */
    figureNumbers: Record<string, number>;
  }
}

const REFERENCE = /(?<![\w@.-])@((fig|eq|sec)-[\w-]*\w)/g;

/** Where no reference is read: code, math, links, and the figures' own captions. */
const LEFT_ALONE = new Set(['code', 'pre', 'math', 'a', 'figcaption', 'script', 'style']);

const KINDS = { fig: 'figure', eq: 'formula', sec: 'section' } as const;
const HOW = { fig: '{#fig-…} on an image', eq: '{#eq-…} after a $$ formula', sec: '{#sec-…} after a heading' } as const;

export function crossrefs() {
  return (tree: Root, file: VFile) => {
    // Most posts refer to nothing: no walk for them.
    if (!/@(?:fig|eq|sec)-/.test(String(file.value))) return;
    const names: Record<string, string> = {};
    for (const [id, number] of Object.entries(file.data.figureNumbers ?? {})) names[id] = `Figure ${number}`;
    for (const [id, number] of Object.entries(file.data.equationNumbers ?? {})) names[id] = `Equation ${number}`;
    eachElement(tree, (node) => {
      const id = node.properties.id;
      if (typeof id === 'string' && id.startsWith('sec-') && headingRank(node))
        names[id] = `Section “${toString(node).trim()}”`;
    });
    eachNode(tree, (node, index, parent) => {
      if (node.type === 'element') return LEFT_ALONE.has(node.tagName) ? SKIP : undefined;
      if (node.type !== 'text' || !node.value.includes('@')) return undefined;
      const parts = linked(node, names, file);
      if (parts) parent.children.splice(index, 1, ...parts);
      return undefined;
    });
  };
}

function linked(node: Text, names: Record<string, string>, file: VFile): ElementContent[] | undefined {
  const parts: ElementContent[] = [];
  let last = 0;
  for (const match of node.value.matchAll(REFERENCE)) {
    const id = match[1]!;
    const kind = match[2] as keyof typeof KINDS;
    const name = names[id];
    if (name === undefined) {
      problem(
        file,
        `@${id} refers to no ${KINDS[kind]} of this post; label one with ${HOW[kind].replace('…', id.slice(kind.length + 1))}${kind === 'fig' ? ` (or #| label: ${id} in a notebook)` : ''}`,
        node,
      );
      continue;
    }
    parts.push({ type: 'text', value: node.value.slice(last, match.index) });
    parts.push({
      type: 'element',
      tagName: 'a',
      properties: { href: `#${id}` },
      children: [{ type: 'text', value: name }],
    });
    last = match.index + match[0].length;
  }
  if (parts.length === 0) return undefined;
  parts.push({ type: 'text', value: node.value.slice(last) });
  return parts.filter((part) => part.type !== 'text' || part.value !== '');
}
