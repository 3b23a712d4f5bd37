// The summary marker of each tool (`<!--more-->`, Docusaurus's `<!-- truncate -->`, Jekyll's
// own `excerpt_separator`) as ours: `<!-- more -->` on its own line, once.
import { mapProse } from '../segments.ts';
import type { SyntaxContext } from '../types.ts';
import { GONE } from './marks.ts';

export function moreMarker(text: string, context: SyntaxContext, separators: string[]): string {
  const markers = [/^\s*<!--\s*(?:more|truncate)\s*-->\s*$/i, /^\s*\{\/\*\s*truncate\s*\*\/\}\s*$/];
  let seen = false;
  return mapProse(text, (prose) =>
    prose
      .split('\n')
      .map((line) => {
        const isMarker =
          markers.some((marker) => marker.test(line)) ||
          separators.some((separator) => line.trim() === separator.trim());
        if (!isMarker) return line;
        context.count('summary marker (now <!-- more -->)');
        const first = !seen;
        seen = true;
        return first ? '<!-- more -->' : GONE;
      })
      .join('\n'),
  );
}
