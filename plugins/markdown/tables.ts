import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Table column alignment as classes: react-markdown would write `style="text-align:…"`,
 * which the site's Content-Security-Policy (no inline styles) refuses.
 */
export function tableAlignment() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      const { align } = node.properties;
      if ((node.tagName === 'td' || node.tagName === 'th') && typeof align === 'string') {
        delete node.properties.align;
        if (['left', 'center', 'right'].includes(align)) node.properties.className = [`align-${align}`];
      }
    });
  };
}
