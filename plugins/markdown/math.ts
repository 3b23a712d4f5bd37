// `$…$` and `$$…$$` (parsed in dollars.ts and display-math.ts) rendered at build time by
// Temml to MathML Core, which every browser draws natively: styled letters (`\mathbb{E}`,
// `\mathcal{L}`) as Unicode mathematical letters, columns aligned by class, operators spaced
// as in TeX. Temml was chosen over KaTeX's MathML for what Chromium draws (docs/corpus.md).
// The few inline styles it writes become classes of a generated stylesheet (math-styles.ts),
// so the Content-Security-Policy stays strict. Display math sits in a box of its own that
// scrolls sideways; inline math wraps at its operators.
import type { Element, ElementContent, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { toString } from 'hast-util-to-string';
import temml from 'temml';
import type { VFile } from 'vfile';
import { problem } from './file-data.ts';
import { mathStyleClasses } from './math-styles.ts';
import { eachElement, SKIP } from './walk.ts';

declare module 'vfile' {
  interface DataMap {
    /** Each labelled formula's number, by its id (`eq-…`). */
    equationNumbers: Record<string, number>;
  }
}

interface Formula {
  /** The `<code>` (inline) or `<pre>` (display) that holds the TeX. */
  node: Element;
  parent: Root | Element;
  index: number;
  display: boolean;
}

export function math() {
  return (tree: Root, file: VFile) => {
    const formulas: Formula[] = [];
    eachElement(tree, (node, index, parent) => {
      const code = node.tagName === 'pre' ? node.children[0] : node;
      if (code?.type !== 'element' || code.tagName !== 'code') return undefined;
      const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
      // Display math, and ```math blocks; inline math is a <code> of its own.
      const display = node.tagName === 'pre' && (classes.includes('math-display') || classes.includes('language-math'));
      if (!display && (node.tagName === 'pre' || !classes.includes('math-inline'))) return undefined;
      formulas.push({ node, parent, index, display });
      return SKIP;
    });
    for (const formula of formulas) formula.parent.children[formula.index] = render(formula, file);
  };
}

function render({ node, display }: Formula, file: VFile): ElementContent {
  const tex = toString(node);
  const id = display && typeof node.properties.id === 'string' ? labelId(node.properties.id) : undefined;
  // A labelled formula is numbered, as Quarto numbers it: (1) at its right, "Equation 1" in references (crossrefs.ts).
  let tag: number | undefined;
  if (id?.startsWith('eq-') && !/\\tag\b/.test(tex)) {
    const numbers = (file.data.equationNumbers ??= {});
    tag = Object.keys(numbers).length + 1;
    numbers[id] = tag;
  }
  let html: string;
  try {
    html = toMathML(tex, display, tag);
  } catch (error) {
    problem(file, `math: ${describeError(error, tex)}`, node);
    return {
      type: 'element',
      tagName: 'code',
      properties: { className: ['math-error'] },
      children: [{ type: 'text', value: tex }],
    };
  }
  // Parsed as a page would parse it (parse5, through hast-util-raw).
  const parsed = raw({ type: 'root', children: [{ type: 'raw', value: html }] }) as Root;
  const math = parsed.children.find((child): child is Element => child.type === 'element' && child.tagName === 'math');
  if (!math) throw new Error(`Temml gave no <math> for ${JSON.stringify(tex)}`);
  mathStyleClasses(math, file);
  if (!display)
    return { type: 'element', tagName: 'span', properties: { className: ['math-inline'] }, children: [math] };
  // The box scrolls sideways when the formula is wider than the page; a label names it.
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['math-display'], ...(id ? { id } : {}) },
    children: [math],
    position: node.position,
  };
}

/**
 * A formula's `{#eq-…}` label as its id. The sanitiser prefixed it, as every id of the
 * post's own; Quarto's labels (`eq-` and a name) cannot be a script's global, so they keep
 * their name and links from other posts reach them.
 */
function labelId(id: string): string {
  const label = id.replace(/^user-content-/, '');
  return /^eq-[\w-]+$/.test(label) ? label : id;
}

/**
 * MathML for the TeX: as written, else as MathJax would read it (the engine the posts of
 * Jekyll and Hugo blogs were written for): `\text{a_b}`, `t_\max`, `Q^\vec{\mu}`.
 */
function toMathML(written: string, display: boolean, tag?: number): string {
  const options = { displayMode: display, throwOnError: true, wrap: display ? 'none' : 'tex' } as const;
  // Rows with `\\` outside any environment: lines, one under another, as MathJax and KaTeX
  // show them (MathML Core has no line break to give them).
  const rows = display && hasTopLevelNewline(written) ? `\\begin{gathered}${written}\\end{gathered}` : written;
  const tex = tag === undefined ? rows : `${rows}\\tag{${tag}}`;
  try {
    return temml.renderToString(tex, options);
  } catch (error) {
    const lenient = asMathJaxReadsIt(tex);
    if (lenient === tex) throw error;
    try {
      return temml.renderToString(lenient, options);
    } catch {
      throw error;
    }
  }
}

const TEXT_COMMANDS = /\\(?:text(?:rm|it|bf|sf|tt|normal)?|mbox|hbox)\s*\{/g;

/**
 * What MathJax accepts and TeX engines refuse: `_`, `&`, `#` and `%` as characters inside
 * `\text{…}` (outside its `$…$`); a command as a bare sub- or superscript (`t_\max`,
 * `Q^\vec{\mu}`), which MathJax reads as braced. And `\big(` before a plain `)`, which Temml
 * misreads as a delimiter of a group (its `\big{(}` is the same).
 */
export function asMathJaxReadsIt(tex: string): string {
  let out = '';
  let last = 0;
  for (const match of tex.matchAll(TEXT_COMMANDS)) {
    const open = match.index + match[0].length;
    const close = closingBrace(tex, open);
    if (close === undefined || open < last) continue;
    out += tex.slice(last, open) + escapeTextSpecials(tex.slice(open, close));
    last = close;
  }
  out += tex.slice(last);
  return out
    .replace(
      /([_^])\s*(\\[A-Za-z]+)((?:\s*\{[^{}]*\})*)/g,
      (_, script: string, command: string, args: string) => `${script}{${command}${args}}`,
    )
    .replace(/\\([bB]igg?[lrm]?)\s*([([])/g, '\\$1{$2}');
}

/** Whether `\\` (a new line) stands in the formula outside braces and environments. */
function hasTopLevelNewline(tex: string): boolean {
  let depth = 0;
  for (let i = 0; i < tex.length; i++) {
    const char = tex[i];
    if (char === '{') depth++;
    else if (char === '}') depth--;
    else if (char === '\\') {
      if (tex.startsWith('begin{', i + 1)) depth++;
      else if (tex.startsWith('end{', i + 1)) depth--;
      else if (tex[i + 1] === '\\' && depth === 0) return true;
      i++;
    }
  }
  return false;
}

/** The index of the `}` that closes the group opened just before `from`. */
function closingBrace(tex: string, from: number): number | undefined {
  let depth = 1;
  for (let i = from; i < tex.length; i++) {
    const char = tex[i];
    if (char === '\\') i++;
    else if (char === '{') depth++;
    else if (char === '}' && --depth === 0) return i;
  }
  return undefined;
}

function escapeTextSpecials(text: string): string {
  // Math inside the text (`\text{for $x_i$}`) keeps its meaning.
  return text
    .split(/(\$[^$]*\$)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?<!\\)([_&#%])/g, '\\$1')))
    .join('');
}

/** Temml's message without its caret drawing; for a `$$` left open, where the formula really ends. */
function describeError(error: unknown, tex: string): string {
  const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
  // A formula holding `$` or a blank line is usually text: a `$$` whose closing `$$` is missing.
  if (/(?<!\\)\$|\n\s*\n/.test(tex)) {
    const first = tex.trim().split('\n')[0]!.slice(0, 40);
    return `${message}; this formula ("${first}…") takes in text up to the next $$: is its closing $$ missing? (write \\$ for a dollar sign)`;
  }
  return message;
}
