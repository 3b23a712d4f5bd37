// Raw HTML in a post, parsed into the tree (the sanitiser then decides what stays).
import type { Root } from 'hast';
import rehypeRaw from 'rehype-raw';
import type { VFile } from 'vfile';
import { EXIT, eachNode } from './walk.ts';

/** rehype-raw re-parses the whole tree with parse5: only worth it when the post has raw HTML. */
export function rawHtml() {
  const parse = rehypeRaw();
  return (tree: Root, file: VFile) => {
    let hasRaw = false;
    eachNode(tree, (node) => {
      if (node.type !== 'raw') return undefined;
      hasRaw = true;
      return EXIT;
    });
    return hasRaw ? parse(tree, file) : tree;
  };
}
