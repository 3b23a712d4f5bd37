// pandoc's inline footnotes, which R Markdown and Quarto posts use: `text^[The note.]`
// becomes a footnote like `text[^1]` with `[^1]: The note.`, numbered with the others. The
// note may hold emphasis, links and math; brackets inside it must pair up.
import type { FootnoteDefinition, PhrasingContent, Root, RootContent } from 'mdast';

export function inlineNotes() {
  return (tree: Root) => {
    const definitions: FootnoteDefinition[] = [];
    const visit = (node: Root | RootContent) => {
      if (!('children' in node)) return;
      if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
        node.children = withNotes(node.children, definitions);
      }
      for (const child of node.children) visit(child);
    };
    visit(tree);
    tree.children.push(...definitions);
  };
}

/** The phrasing content with each `^[…]` made a footnote reference, its content a definition. */
function withNotes(children: PhrasingContent[], definitions: FootnoteDefinition[]): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  const queue = [...children];
  for (let node = queue.shift(); node; node = queue.shift()) {
    const open = node.type === 'text' ? node.value.indexOf('^[') : -1;
    // The note runs to the `]` that closes its `[`, in this text or a later one.
    const close =
      node.type === 'text' && open !== -1
        ? closing([{ ...node, value: node.value.slice(open + 2) }, ...queue])
        : undefined;
    if (node.type !== 'text' || !close) {
      out.push(node);
      continue;
    }
    const identifier = `note-${definitions.length + 1}`;
    if (open > 0) out.push({ type: 'text', value: node.value.slice(0, open), position: node.position });
    out.push({ type: 'footnoteReference', identifier, label: identifier, position: node.position });
    definitions.push({
      type: 'footnoteDefinition',
      identifier,
      label: identifier,
      children: [{ type: 'paragraph', children: close.note }],
    });
    // The nodes the note took; what follows its `]` is read on (it may hold another note).
    queue.splice(0, close.consumed - 1);
    if (close.after) queue.unshift(close.after);
  }
  return out;
}

/**
 * Where the note that starts `nodes` ends: its content, how many of `nodes` it used (the
 * last partly), and what of that last text node follows the `]`.
 */
function closing(
  nodes: PhrasingContent[],
): { note: PhrasingContent[]; consumed: number; after: PhrasingContent | undefined } | undefined {
  let depth = 1;
  const note: PhrasingContent[] = [];
  for (const [index, node] of nodes.entries()) {
    if (node.type !== 'text') {
      note.push(node);
      continue;
    }
    for (let at = 0; at < node.value.length; at++) {
      const char = node.value[at];
      if (char === '[') depth++;
      else if (char === ']' && --depth === 0) {
        if (at > 0) note.push({ type: 'text', value: node.value.slice(0, at) });
        const remaining = node.value.slice(at + 1);
        return {
          note,
          consumed: index + 1,
          after: remaining ? { type: 'text', value: remaining, position: node.position } : undefined,
        };
      }
    }
    note.push(node);
  }
  return undefined;
}
