import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { eachElement } from './walk.ts';

/** A task list's checkbox is named by its item's text, so it is not an unlabelled control. */
export function taskListLabels() {
  return (tree: Root) => {
    eachElement(tree, (node) => {
      if (node.tagName !== 'li') return;
      const box = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'input',
      );
      if (!box) return;
      const text = node.children
        .filter((child) => !(child.type === 'element' && ['input', 'ul', 'ol'].includes(child.tagName)))
        .map((child) => toString(child))
        .join('')
        .trim();
      box.properties.ariaLabel = text || 'task';
    });
  };
}
