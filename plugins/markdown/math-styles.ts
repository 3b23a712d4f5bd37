// Temml writes a few inline styles (a table cell's padding, an equation number's width), and
// the site's Content-Security-Policy allows no `style` attribute. A colour becomes MathML's
// own `mathcolor`, a script level `scriptlevel`, and `display: block math` (what every
// browser does with `display="block"`) goes; what is left becomes a class named by a hash of
// its declarations, whose rule the site's stylesheet carries (`mathStylesheet`, for the
// classes of every post). Only known properties with plain values are kept.
import type { Element } from 'hast';
import type { VFile } from 'vfile';
import { fileHash } from './file-data.ts';
import { eachElement } from './walk.ts';

declare module 'vfile' {
  interface DataMap {
    /** The declarations of each math style class the post uses. */
    mathStyles: Record<string, string>;
  }
}

/** The CSS properties Temml writes, and what a table cell, a box or a rule needs. */
const PROPERTIES = new Set([
  'padding',
  'padding-left',
  'padding-right',
  'padding-top',
  'padding-bottom',
  'width',
  'height',
  'margin-left',
  'text-align',
  'border',
  'border-top',
  'border-bottom',
  'border-left',
  'border-right',
  'position',
  'top',
  'bottom',
  'left',
  'right',
  'transform',
  'justify-content',
  'white-space',
  'font-weight',
  'font-style',
]);

/** Lengths, keywords, numbers, colours and the functions of lengths: no url(), no escapes. */
const PLAIN_VALUE = /^[\w\s.%#,+-]*(?:(?:calc|scale|translate|rotate)\([\w\s.%,+*/-]*\)[\w\s.%#,+-]*)*$/;

/** Replaces `style` attributes below `math` (and on it) by attributes and classes; records the classes in `file.data.mathStyles`. */
export function mathStyleClasses(math: Element, file: VFile): void {
  const convert = (element: Element) => {
    const style = element.properties.style;
    if (typeof style !== 'string') return;
    delete element.properties.style;
    const kept: string[] = [];
    for (const declaration of style.split(';')) {
      const colon = declaration.indexOf(':');
      if (colon === -1) continue;
      const property = declaration.slice(0, colon).trim().toLowerCase();
      const value = declaration.slice(colon + 1).trim();
      if (property === 'color' && /^#?\w+$/.test(value)) element.properties.mathcolor = value;
      else if (property === 'background-color' && /^#?\w+$/.test(value)) element.properties.mathbackground = value;
      else if (property === 'math-depth' && /^\d+$/.test(value)) element.properties.scriptlevel = value;
      else if (PROPERTIES.has(property) && PLAIN_VALUE.test(value)) kept.push(`${property}:${value}`);
    }
    if (kept.length === 0) return;
    const declarations = kept.join(';');
    const name = `m-${fileHash(Buffer.from(declarations)).slice(0, 8)}`;
    const classes = Array.isArray(element.properties.className) ? element.properties.className : [];
    element.properties.className = [...classes, name];
    file.data.mathStyles = { ...file.data.mathStyles, [name]: declarations };
  };
  convert(math);
  eachElement(math, convert);
}

/**
 * The rules of these classes, for the site's stylesheet. Each stands for a `style`
 * attribute, so it wins as one would.
 */
export function mathStylesheet(styles: Record<string, string>): string {
  return Object.entries(styles)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, declarations]) => `.${name}{${declarations.replace(/;|$/g, '!important;')}}`)
    .join('');
}
