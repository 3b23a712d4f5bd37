// Prose typography, as Hugo, pandoc and Astro give it by default: "straight" quotes curled,
// `---` an em dash, `--` an em dash between words and an en dash between numbers or with
// spaces around it (each tool reads `--` one of those ways), `...` an ellipsis; in the post's
// text only: never in
// code, math, link addresses or raw HTML. `typography: false` in the site settings turns it
// off. remark-smartypants does the same through retext's parser of the whole text, which made
// rendering a post two and a half times slower; these rules need one pass over each
// paragraph's text. A quote is opening or closing by what comes before it in the paragraph,
// across emphasis, links and code: `"**bold**"` gets “ and ”.
import type { Nodes, Root } from 'mdast';
import { SETTINGS } from '../../src/settings.ts';
import { ATTRIBUTES } from './heading-ids.ts';

/** Blocks whose text starts afresh: a quote at their start opens. */
const PROSE = new Set(['paragraph', 'heading', 'tableCell']);
/** Inline nodes that stand for a word (their own text is never changed). */
const WORDLIKE = new Set(['inlineCode', 'inlineMath', 'footnoteReference', 'image', 'imageReference']);

export function typography() {
  return (tree: Root) => {
    if (!SETTINGS.typography) return;
    const visit = (node: Nodes) => {
      if (PROSE.has(node.type)) return smarten(node, { before: ' ', heading: node.type === 'heading' });
      if ('children' in node) for (const child of node.children) visit(child);
    };
    visit(tree);
  };
}

/** The character before the text being changed, in reading order within its block. */
interface Context {
  before: string;
  heading: boolean;
}

function smarten(node: Nodes, context: Context): void {
  if (node.type === 'text') {
    // A heading's `{#id}` (heading-ids.ts) is an attribute, not prose: `{#a--b}` stays.
    const attributes = context.heading ? ATTRIBUTES.exec(node.value) : null;
    const prose = attributes ? node.value.slice(0, attributes.index) : node.value;
    node.value = smartText(prose, context) + (attributes?.[0] ?? '');
    return;
  }
  if (WORDLIKE.has(node.type)) {
    context.before = 'x';
    return;
  }
  if (node.type === 'break') context.before = ' ';
  if (node.type === 'html' || !('children' in node)) return;
  for (const child of node.children) smarten(child, context);
}

function smartText(text: string, context: Context): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    let next: string = char;
    if (char === '-' && text[i + 1] === '-') {
      const triple = text[i + 2] === '-';
      // `---` is an em dash; `--` too between words (SmartyPants' reading: "myself--they"),
      // an en dash between numbers ("10--20") or with spaces around it, as pandoc reads it.
      const after = text[i + (triple ? 3 : 2)] ?? ' ';
      const between = /\p{L}/u.test(context.before) && /\p{L}/u.test(after);
      next = triple || between ? '—' : '–';
      i += triple ? 2 : 1;
    } else if (char === '.' && text.startsWith('..', i + 1)) {
      next = '…';
      i += 2;
    } else if (char === '"') {
      next = opens(context.before) ? '“' : '”';
    } else if (char === "'") {
      // After a letter or digit, or before a decade ('90s): an apostrophe.
      const decade = /^\d\ds/.test(text.slice(i + 1, i + 4));
      next = opens(context.before) && !decade ? '‘' : '’';
    }
    out += next;
    context.before = next;
  }
  return out;
}

/** Whether a quote after `before` opens: at the start, after a space, an opening bracket, a dash or another opening quote. */
function opens(before: string): boolean {
  return /^[\s([{<\u2013\u2014“‘]$/u.test(before);
}
