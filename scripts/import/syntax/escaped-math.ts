// Hugo's markdown reads a formula before the page's MathJax or KaTeX does, so authors escape
// what markdown would eat: `\_` for a subscript, `\\\\` for a new row. Here a formula is read
// as written, so in a post with that habit each formula gets back the TeX its readers saw:
// markdown's backslash escapes undone (`\_` → `_`, `\\\\` → `\\`, `\{` → `{`).
import { mapProse } from '../segments.ts';
import type { SyntaxContext } from '../types.ts';

const MATH = /\$\$[\s\S]+?\$\$|(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$/g;
const ESCAPED = /\\([!-/:-@[-`{-~])/g;

export function escapedMath(text: string, context: SyntaxContext): string {
  const formulas = [...text.matchAll(MATH)].map((match) => match[0]);
  if (!formulas.some((formula) => /\\[_*]/.test(formula))) return text;
  return mapProse(text, (prose) =>
    prose.replace(MATH, (formula) => {
      const unescaped = formula.replace(ESCAPED, '$1');
      if (unescaped !== formula) context.count('formula escaped for Hugo’s markdown (as its readers saw it)');
      return unescaped;
    }),
  );
}
