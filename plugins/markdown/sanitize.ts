// The allow-list every post's HTML passes, and a warning (with its line) for each thing
// the sanitiser actually removed: the warnings come from comparing the tree before and
// after, so they can never disagree with what was removed.
import type { Element, Properties, Root } from 'hast';
import { defaultSchema, sanitize as sanitizeTree, type Schema } from 'hast-util-sanitize';
import { find, html } from 'property-information';
import type { VFile } from 'vfile';
import { ANSI_CLASSES } from './ansi.ts';
import { OUTPUT_TEXT_CLASSES } from './notebook-source.ts';
import { eachElement } from './walk.ts';

/** The inline styles of citeproc's HTML output, as classes of the site's stylesheet. */
export const CITEPROC_STYLES: Record<string, string> = {
  'font-style:normal;': 'csl-upright',
  'font-variant:small-caps;': 'csl-small-caps',
  'font-variant:normal;': 'csl-normal-variant',
  'font-weight:normal;': 'csl-normal-weight',
  'text-decoration:none;': 'csl-no-decoration',
  'text-decoration:underline;': 'csl-underline',
};

/**
 * The raw HTML a post may use: GitHub's allow-list (`<details>`, `<kbd>`, `<sup>`,
 * tables, images...) plus a few semantic tags (`<abbr>`, `<mark>`, `<small>`, `<cite>`,
 * `<u>`, `<aside>`, `<figure>`, `<progress>`) and `<video>` with its sources and captions. No scripts, styles, frames, forms, event
 * handlers or `style` attributes; links only to http(s), mailto and the like; raw `id`
 * values get a `user-content-` prefix so they cannot clobber the app's.
 */
const SANITIZE_SCHEMA: Schema = {
  ...defaultSchema,
  // `name` only on <a>, as it is, where it names an anchor and nothing else (anchors.ts).
  clobber: defaultSchema.clobber?.filter((property) => property !== 'name'),
  attributes: {
    ...defaultSchema.attributes,
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((property) => property !== 'name'),
    a: [...(defaultSchema.attributes?.a ?? []), 'name'],
    // the math classes (dollars.ts), which rehype-katex (after the sanitiser) turns into MathML.
    code: [['className', /^language-./, 'math-inline', 'math-display']],
    // citeproc's inline styles (citations.ts) and a terminal's colours (ansi.ts), as classes.
    span: [['className', ...Object.values(CITEPROC_STYLES), ...ANSI_CLASSES]],
    // A notebook's outputs and disclosures (notebook-outputs.ts).
    div: [
      ...(defaultSchema.attributes?.div ?? []),
      ['className', 'cell-output', 'cell-output-html', 'cell-output-image'],
    ],
    pre: [['className', 'cell-output', ...OUTPUT_TEXT_CLASSES]],
    details: [...(defaultSchema.attributes?.details ?? []), ['className', 'cell-input', 'cell-output-hidden']],
    // Video files beside the post, with their captions (videos.ts).
    video: ['src', 'poster', 'controls', 'loop', 'muted', 'playsInline', 'preload', 'width', 'height', 'ariaLabel'],
    source: ['src', 'type'],
    track: ['src', 'kind', 'srcLang', 'label', 'default'],
    // A progress bar (a notebook's training loop writes one into its HTML output).
    progress: ['value', 'max'],
  },
  protocols: { ...defaultSchema.protocols, poster: ['http', 'https'] },
  tagNames: [
    ...(defaultSchema.tagNames ?? []),
    ...['abbr', 'mark', 'small', 'cite', 'u', 'aside', 'figure', 'figcaption', 'video', 'source', 'track', 'progress'],
  ],
  strip: ['script', 'style', 'template', 'title', 'textarea', 'noscript', 'noembed', 'noframes', 'xmp', 'iframe'],
};

declare module 'hast' {
  interface ElementData {
    /** Which element of the tree before sanitising this one is (sanitize.ts). */
    beforeSanitizing?: number;
  }
}

interface Original {
  element: Element;
  properties: Properties;
  /** The nearest enclosing element's number, if any. */
  parent?: number;
}

export function sanitize() {
  return (tree: Root, file: VFile): Root => {
    const originals: Original[] = [];
    eachElement(tree, (element, _index, parentNode) => {
      const parent = parentNode.type === 'element' ? parentNode.data?.beforeSanitizing : undefined;
      originals.push({ element, properties: { ...element.properties }, parent });
      element.data = { ...element.data, beforeSanitizing: originals.length - 1 };
    });
    // hast-util-sanitize keeps `data`, so each surviving element still carries its number.
    const clean = sanitizeTree(tree, SANITIZE_SCHEMA) as Root;
    const kept = new Map<number, Element>();
    eachElement(clean, (element) => {
      const number = element.data?.beforeSanitizing;
      if (number !== undefined) kept.set(number, element);
      delete element.data?.beforeSanitizing;
    });
    reportRemovals(originals, kept, file);
    return clean;
  };
}

function reportRemovals(originals: Original[], kept: Map<number, Element>, file: VFile): void {
  const silenced = new Set<number>();
  originals.forEach(({ element, properties, parent }, number) => {
    // Inside an element removed with its content, only the outermost removal is news.
    if (parent !== undefined && silenced.has(parent)) {
      silenced.add(number);
      return;
    }
    const tag = element.tagName;
    const survivor = kept.get(number);
    if (!survivor) {
      if (SANITIZE_SCHEMA.strip?.includes(tag)) silenced.add(number);
      const allowedInside = SANITIZE_SCHEMA.ancestors?.[tag];
      file.message(
        SANITIZE_SCHEMA.tagNames?.includes(tag) && allowedInside
          ? `<${tag}> is allowed only inside ${allowedInside.map((name) => `<${name}>`).join(' or ')}; it was removed and its content kept`
          : `<${tag}> is not allowed in posts and was removed`,
        element,
      );
      return;
    }
    for (const [property, value] of Object.entries(properties)) {
      const reason = removal(tag, property, value, survivor.properties[property]);
      if (reason) file.message(reason, element);
    }
  });
}

/** What the sanitiser did to one property, if it removed anything. */
function removal(tag: string, property: string, before: unknown, after: unknown): string | undefined {
  const attribute = find(html, property).attribute;
  if (after === undefined || after === null) {
    if (typeof before === 'string' && SANITIZE_SCHEMA.protocols?.[property] && /^[^/?#]*:/.test(before.trim())) {
      return `the unsafe URL ${JSON.stringify(before)} on <${tag}> was removed`;
    }
    return `the ${attribute} attribute on <${tag}> is not allowed and was removed`;
  }
  // Ids and id references get the `user-content-` prefix: renamed, not removed.
  const prefix = SANITIZE_SCHEMA.clobber?.includes(property) ? (SANITIZE_SCHEMA.clobberPrefix ?? '') : '';
  if (Array.isArray(before) && Array.isArray(after)) {
    const dropped = before.filter((item) => !after.includes(`${prefix}${item}`));
    if (dropped.length > 0) {
      return `the ${attribute} ${JSON.stringify(dropped.join(' '))} on <${tag}> is not allowed and was removed`;
    }
  } else if (after !== before && after !== `${prefix}${String(before)}`) {
    return `the ${attribute} value ${JSON.stringify(String(before))} on <${tag}> is not allowed and was replaced`;
  }
  return undefined;
}
