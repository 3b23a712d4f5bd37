import type { Element, Root } from 'hast';
import { eachElement } from './walk.ts';

/**
 * Tables scroll sideways in a box of their own on narrow screens (a region a keyboard can
 * focus and scroll), and column alignment is a class: react-markdown would write
 * `style="text-align:…"`, which the site's Content-Security-Policy (no inline styles) refuses.
 */
export function tables() {
  return (tree: Root) => {
    let count = 0;
    eachElement(tree, (node, index, parent) => {
      const { align } = node.properties;
      if ((node.tagName === 'td' || node.tagName === 'th') && typeof align === 'string') {
        delete node.properties.align;
        if (['left', 'center', 'right'].includes(align)) node.properties.className = [`align-${align}`];
      }
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      count += 1;
      const box: Element = {
        type: 'element',
        tagName: 'div',
        properties: { className: ['table-scroll'], role: 'region', ariaLabel: `Table ${count}`, tabIndex: 0 },
        children: [node],
      };
      parent.children[index] = box;
    });
  };
}
