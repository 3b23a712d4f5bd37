// The post's excerpt (its first paragraph, as text) and its length in words, for the post list.
import type { Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';

export function excerpt() {
  return (tree: Root, file: VFile) => {
    const firstParagraph = tree.children.find((node) => node.type === 'paragraph');
    file.data.excerpt = firstParagraph ? toString(firstParagraph).replace(/\s+/g, ' ').trim() : '';
    file.data.words = toString(tree).split(/\s+/).filter(Boolean).length;
  };
}
