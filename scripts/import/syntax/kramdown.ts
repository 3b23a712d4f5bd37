// kramdown, Jekyll's markdown: attribute lists `{: …}` (classes, sizes: dropped; the site's
// styles apply), the `{:toc}` marker (the table of contents is automatic), and inline math
// written `$$…$$` inside a sentence (kramdown's inline math; `$…$` here).
import { mapProse } from '../segments.ts';
import type { SyntaxContext } from '../types.ts';
import { GONE } from './marks.ts';

const ATTRIBUTE_LINE = /^\s*(?:[*-]\s+)?\{:(?!:)[^}\n]*\}\s*$/;
const INLINE_ATTRIBUTES = /\{:(?!:)\s*[^}\n]*\}/g;
const EXTENSION = /\{::(\w+)/g;

export function kramdown(text: string, context: SyntaxContext): string {
  return mapProse(text, (prose, start) => {
    const lines = prose.split('\n');
    const converted = lines.map((line, i) => {
      if (/^\s*\{:\s*toc\s*\}\s*$/.test(line) && i > 0 && /^\s*[*-]\s+\S/.test(lines[i - 1]!)) {
        context.count('* TOC {:toc} (the table of contents is automatic)');
        lines[i - 1] = GONE;
        return GONE;
      }
      if (ATTRIBUTE_LINE.test(line)) {
        context.count('kramdown attribute line {: …}');
        return GONE;
      }
      for (const match of line.matchAll(EXTENSION))
        context.leave(start + i, `kramdown extension {::${match[1]}}`, 'write it as markdown or HTML, or delete it');
      return line.replace(INLINE_ATTRIBUTES, () => (context.count('kramdown attributes {: …} after an element'), ''));
    });
    return inlineMath(converted.map((line, i) => (lines[i] === GONE ? GONE : line)).join('\n'), context);
  });
}

/** In a paragraph that is not display math alone, `$$x$$` is kramdown's inline math. */
function inlineMath(prose: string, context: SyntaxContext): string {
  return prose
    .split(/(\n[ \t]*\n)/)
    .map((paragraph) => {
      const body = paragraph.trim();
      if (!body.includes('$$')) return paragraph;
      if (body.startsWith('$$') && body.endsWith('$$') && body.split('$$').length === 3) return paragraph;
      // Paired in order, as kramdown reads them: the first $$ opens, the next closes.
      return paragraph.replace(/(?<!\\)\$\$([\s\S]*?)(?<!\\)\$\$/g, (match, tex: string) => {
        // $$ alone on its line, or around an environment, is a display formula however it sits.
        if (!tex.trim() || /^[ \t]*\n/.test(tex) || /\\begin\{/.test(tex)) return match;
        context.count('kramdown inline math $$…$$ (now $…$)');
        return `$${tex.trim()}$`;
      });
    })
    .join('');
}
