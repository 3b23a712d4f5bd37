// The post's excerpt (its first paragraph, as text) and its length in words, for the post list.
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { CITATION } from './citations.ts';

export function excerpt() {
  return (tree: Root, file: VFile) => {
    const firstParagraph = tree.children.find((node) => node.type === 'paragraph');
    // Citations are links to the References section, which a list of posts does not have.
    const text = firstParagraph ? toString(firstParagraph).replace(CITATION, '') : '';
    file.data.excerpt = text
      .replace(/\s+/g, ' ')
      .replace(/\s+([.,;:!?])/g, '$1')
      .trim();
    file.data.words = toString(tree).split(/\s+/).filter(Boolean).length;
  };
}
