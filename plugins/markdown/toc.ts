// The post's section headings (h2, h3) with their ids, for its table of contents.
import type { Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { eachElement } from './walk.ts';
import type { VFile } from 'vfile';

export function tableOfContents() {
  return (tree: Root, file: VFile) => {
    const toc: NonNullable<VFile['data']['toc']> = [];
    eachElement(tree, (node) => {
      const depth = { h2: 2, h3: 3 }[node.tagName];
      if (depth && typeof node.properties.id === 'string') {
        toc.push({ id: node.properties.id, text: toString(node).trim(), depth });
      }
    });
    file.data.toc = toc;
  };
}
