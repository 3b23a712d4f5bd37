// The post's excerpt and its length in words, for the post list, the meta description and
// the feeds: the text of its first paragraph as the page shows it (math as its MathML's
// text, raw HTML as what it displays), never TeX source or tags; or, when the post has a
// `<!-- more -->` line (Hugo's and Jekyll's summary marker), the text of the paragraphs,
// quotations and lists before it. Citation numbers and footnote marks point into the page,
// so a summary leaves them out.
import type { Element, Root, RootContent } from 'hast';
import type { Root as MarkdownRoot } from 'mdast';
import type { VFile } from 'vfile';

const MORE = /^<!--\s*more\s*-->$/;
const SUMMARY_BLOCKS = new Set(['p', 'blockquote', 'ul', 'ol']);

/** Remark: the line of a `<!-- more -->` between blocks, if the post has one. */
export function moreMarker() {
  return (tree: MarkdownRoot, file: VFile) => {
    const marker = tree.children.find((node) => node.type === 'html' && MORE.test(node.value.trim()));
    if (marker?.position) file.data.moreLine = marker.position.start.line;
  };
}

export function excerpt() {
  return (tree: Root, file: VFile) => {
    const moreLine = file.data.moreLine;
    const summary =
      moreLine === undefined
        ? []
        : tree.children.filter(
            (node): node is Element =>
              node.type === 'element' &&
              SUMMARY_BLOCKS.has(node.tagName) &&
              node.position !== undefined &&
              node.position.end.line < moreLine,
          );
    const firstParagraph = tree.children.find(
      (node): node is Element => node.type === 'element' && node.tagName === 'p',
    );
    const blocks = summary.length > 0 ? summary : firstParagraph ? [firstParagraph] : [];
    file.data.excerpt = blocks
      .map(visibleText)
      .join(' ')
      .replace(/\s+/g, ' ')
      .replace(/\s+([.,;:!?])/g, '$1')
      .trim();
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
