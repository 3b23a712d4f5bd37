// The post's excerpt and its length in words, for the post list, the meta description and
// the feeds: the text of its first paragraph as the page shows it (math as its MathML's
// text, raw HTML as what it displays), never TeX source or tags. Citation numbers and
// footnote marks point into the page, so a summary leaves them out.
import type { Element, Root, RootContent } from 'hast';
import type { VFile } from 'vfile';

export function excerpt() {
  return (tree: Root, file: VFile) => {
    const firstParagraph = tree.children.find(
      (node): node is Element => node.type === 'element' && node.tagName === 'p',
    );
    file.data.excerpt = firstParagraph
      ? visibleText(firstParagraph)
          .replace(/\s+/g, ' ')
          .replace(/\s+([.,;:!?])/g, '$1')
          .trim()
      : '';
    file.data.words = visibleText(tree).split(/\s+/).filter(Boolean).length;
  };
}

/** What a reader sees of `node` as text: no citation numbers, footnote marks or heading anchors. */
function visibleText(node: Root | RootContent): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  if (node.type === 'element' && isApart(node)) return '';
  // A formula inline with words: its letters, set apart by spaces like the words around it.
  const text = (node.children as RootContent[]).map(visibleText).join('');
  return node.type === 'element' && node.tagName === 'math' ? ` ${text} ` : text;
}

function isApart(element: Element): boolean {
  const classes = Array.isArray(element.properties.className) ? element.properties.className : [];
  return (
    classes.includes('citation') ||
    classes.includes('heading-anchor') ||
    element.properties.dataFootnoteRef !== undefined ||
    element.tagName === 'annotation'
  );
}
