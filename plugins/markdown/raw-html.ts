// Raw HTML in a post, parsed into the tree (the sanitiser then decides what stays).
//
// rehype-raw parses the whole tree again with parse5, which knows only attributes: every
// element comes back without its `data`, where remark-rehype keeps what markdown said that
// HTML has no attribute for (a code block's ` title="…" {2-4}`), and with its properties as
// parse5 reads them (`data-footnote-ref=""` for `true`). Each element that markdown made is
// numbered in an attribute no post can know, and given its data and properties back
// afterwards, so that a `<kbd>` anywhere in a post changes nothing else in it.
import { randomBytes } from 'node:crypto';
import type { Element, Root } from 'hast';
import { find, html } from 'property-information';
import rehypeRaw from 'rehype-raw';
import type { VFile } from 'vfile';
import { toString } from 'hast-util-to-string';
import { SKIP, eachElement, eachNode } from './walk.ts';

/** rehype-raw re-parses the whole tree with parse5: only worth it when the post has raw HTML. */
export function rawHtml() {
  const parse = rehypeRaw();
  return (tree: Root, file: VFile) => {
    // pandoc's raw block, ```{=html}: HTML, as the post's other raw HTML.
    eachElement(tree, (node, index, parent) => {
      const code = node.tagName === 'pre' ? node.children[0] : undefined;
      const classes =
        code?.type === 'element' && Array.isArray(code.properties.className) ? code.properties.className : [];
      if (!classes.includes('language-{=html}')) return undefined;
      parent.children[index] = { type: 'raw', value: toString(node), position: node.position };
      return SKIP;
    });
    let hasRaw = false;
    eachNode(tree, (node) => {
      if (node.type !== 'raw') return undefined;
      hasRaw = true;
      node.value = closeSelfClosing(node.value);
      return undefined;
    });
    if (!hasRaw) return tree;
    const key = find(html, `data-kept${randomBytes(8).toString('hex')}`).property;
    const kept: Pick<Element, 'data' | 'properties'>[] = [];
    eachElement(tree, (element) => {
      kept.push({ data: element.data, properties: { ...element.properties } });
      element.properties[key] = kept.length - 1;
    });
    const parsed = parse(tree, file) as Root;
    eachElement(parsed, (element: Element) => {
      const number = element.properties[key];
      if (number === undefined) return;
      const original = kept[Number(number)]!;
      element.properties = original.properties;
      if (original.data) element.data = { ...original.data, ...element.data };
    });
    return parsed;
  };
}

/** Elements that never have content, for which `<br/>` is the element itself. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

/**
 * `<a name="x"/>` as its author meant it, an empty element, as kramdown and XHTML read it:
 * HTML would open the anchor there and take the rest of the paragraph into it (a paragraph
 * turned into a link). Other elements written so are closed the same way.
 */
export function closeSelfClosing(html: string): string {
  return html.replace(
    /<([a-zA-Z][\w-]*)(\s(?:[^<>"']|"[^"]*"|'[^']*')*?)?\s*\/>/g,
    (whole, tag: string, attributes = '') => (VOID.has(tag.toLowerCase()) ? whole : `<${tag}${attributes}></${tag}>`),
  );
}
