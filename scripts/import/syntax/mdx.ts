// Astro's and Docusaurus's MDX: `import`/`export` lines go (they would show as text), the
// markdown is kept, and each component (`<Tabs>`, `<YouTube …/>`) is left for the author by
// line. Docusaurus's admonitions (`:::note Title` … `:::`) become a quotation led by their
// kind, and `{/* comments */}` HTML comments.
import { mapProse, segments } from '../segments.ts';
import type { SyntaxContext } from '../types.ts';
import { GONE } from './marks.ts';

const ADMONITION =
  /^(\s*)(:{3,})(note|tip|info|caution|warning|danger|important|success|secondary)(?:\[(.*?)\]|[ \t]+(.*?))?\s*$/;

export function mdx(text: string, context: SyntaxContext): string {
  const images = new Map<string, string>();
  for (const match of text.matchAll(
    /^import\s+(\w+)\s+from\s+['"]([^'"]+\.(?:png|jpe?g|gif|svg|webp|avif|mp4|webm|mov|ogg))['"]/gim,
  ))
    images.set(match[1]!, match[2]!);
  return mapProse(admonitions(text, context), (prose, start) => {
    const lines = prose.split('\n');
    dropImports(lines, context);
    const joined = lines
      .join('\n')
      // An image imported by name (`import chart from './chart.png'`) is that file where it is used.
      .replace(/(\]\(\s*|\bsrc=)\{\s*(\w+)\s*\}/g, (match, before: string, name: string) => {
        const file = images.get(name);
        if (!file) return match;
        context.count('imported image used by name (now its file)');
        return before.startsWith('src') ? `${before}"${file}"` : `${before}${file}`;
      })
      .replace(
        /\{\/\*([\s\S]*?)\*\/\}/g,
        (_, inner: string) => (context.count('{/* comment */}'), `<!--${inner.replace(/--/g, '- -')}-->`),
      );
    joined.split('\n').forEach((line, i) => {
      for (const match of line.replace(/`[^`]*`/g, '').matchAll(/<([A-Z][\w.]*)[\s/>]/g))
        context.leave(start + i, `component <${match[1]}>`, 'write what it showed in markdown or HTML, or delete it');
    });
    return joined;
  });
}

/** `import X from '…'` (over several lines too) and one-line `export …` at the start of a line. */
function dropImports(lines: string[], context: SyntaxContext): void {
  for (let i = 0; i < lines.length; i++) {
    if (/^export\s+(const|let|default|function)\b.*;?\s*$/.test(lines[i]!) && !/[{(]\s*$/.test(lines[i]!)) {
      context.count('export line');
      lines[i] = GONE;
      continue;
    }
    if (!/^import\s/.test(lines[i]!)) continue;
    let end = i;
    while (end < lines.length - 1 && !/(from\s+)?['"][^'"]+['"];?\s*$/.test(lines[end]!)) end++;
    context.count('import line');
    for (let j = i; j <= end; j++) lines[j] = GONE;
    i = end;
  }
}

/** `:::tip Title` … `:::` → `> **Tip: Title**` and the text quoted, nested ones deeper. */
function admonitions(text: string, context: SyntaxContext): string {
  const lines = text.split('\n');
  const inCode = new Set(
    segments(text).flatMap((segment) => (segment.code ? segment.lines.map((_, i) => segment.start + i) : [])),
  );
  const open: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const start = inCode.has(i) ? null : ADMONITION.exec(line);
    const depth = '> '.repeat(open.length);
    if (start) {
      const kind = start[3]!;
      const title = start[4] ?? start[5];
      const label = kind[0]!.toUpperCase() + kind.slice(1);
      lines[i] = `${depth}> **${title ? `${label}: ${title}` : label}**`;
      open.push(start[2]!);
      context.count(':::admonition');
      continue;
    }
    if (open.length > 0 && !inCode.has(i) && /^\s*:{3,}\s*$/.test(line)) {
      open.pop();
      lines[i] = GONE;
      continue;
    }
    if (open.length > 0) lines[i] = line.trim() ? `${depth}${line}` : depth.trimEnd();
  }
  return lines.join('\n');
}
