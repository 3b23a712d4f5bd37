// Every heading gets an id from its text (GitHub's way), for links to sections; or the one
// its author gave it, `## Results {#results-v4}`, as pandoc, kramdown, Hugo and Docusaurus
// read it (the attribute is not shown). None may take an id the app itself uses, nor the
// name of a global a script might look for.
import type { Element, Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import rehypeSlug from 'rehype-slug';
import type { VFile } from 'vfile';
import { APP_IDS as IDS } from '../../src/routes.ts';
import { problem } from './file-data.ts';
import { eachElement } from './walk.ts';

const APP_IDS = new Set<string>(Object.values(IDS));

/**
 * Attributes at the end of a heading: `{#id}`, with classes or other attributes beside it
 * (`{#intro .unnumbered}`), or without an id (`{-}`): the id is kept, the rest dropped.
 */
export const ATTRIBUTES = /\s*\{((?:\s*(?:[#.][\w:.-]+|[\w-]+=(?:"[^"]*"|[^\s}]+)|-))+)\s*\}\s*$/;

export function headingIds() {
  const slug = rehypeSlug();
  return (tree: Root, file: VFile) => {
    eachElement(tree, (node) => {
      if (headingRank(node)) authorsId(node, file);
    });
    slug(tree);
    eachElement(tree, (node) => {
      const id = node.properties.id;
      if (typeof id === 'string' && APP_IDS.has(id)) node.properties.id = `${id}-section`;
    });
  };
}

/** The id in a `{#id}` at the end of the heading's text, set on the heading and taken out of its text. */
function authorsId(heading: Element, file: VFile): void {
  const last = heading.children.at(-1);
  if (last?.type !== 'text') return;
  const match = ATTRIBUTES.exec(last.value);
  if (!match) return;
  const id = /#([\w:.-]+)/.exec(match[1]!)?.[1];
  last.value = last.value.slice(0, match.index);
  if (!id) return;
  if (!/^[A-Za-z][\w:.-]*$/.test(id)) {
    problem(file, `heading id {#${id}} must start with a letter`, heading);
    return;
  }
  // An id becomes a global of the page's scripts; one that reads like a script's own
  // (`setImmediate`, `__hook`) could shadow one, so it gets the prefix raw ids get.
  heading.properties.id = /^[_$]|[a-z][A-Z]/.test(id) && /^[\w$]+$/.test(id) ? `user-content-${id}` : id;
}
