// Each section heading gets a link to itself, shown on hover and focus, for readers who
// want to share a section. The link sits beside the heading (GitHub's way), not inside it,
// so that a heading's accessible name stays its own text.
import type { Root } from 'hast';
import { headingRank } from 'hast-util-heading-rank';
import { toString } from 'hast-util-to-string';
import { h } from 'hastscript';
import { SKIP, eachElement } from './walk.ts';

export function headingAnchors() {
  return (tree: Root) => {
    eachElement(tree, (node, index, parent) => {
      const id = node.properties.id;
      if (headingRank(node) === undefined || typeof id !== 'string' || !parent || index === undefined) return undefined;
      const anchor = h(
        'a',
        {
          className: ['heading-anchor'],
          href: `#${encodeURIComponent(id)}`,
          ariaLabel: `Link to this section: ${toString(node).trim()}`,
        },
        '#',
      );
      parent.children[index] = { ...h('div', { className: ['heading'] }, [node, anchor]), position: node.position };
      return SKIP;
    });
  };
}
