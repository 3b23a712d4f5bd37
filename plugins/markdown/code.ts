// Fenced code with a language, highlighted at build time by Shiki: ```py title="train.py" {3-5}
// shows a title bar with the file name and the language, and marks lines 3 to 5. Tokens
// carry classes (code-classes.ts), so no script and no inline style reaches the page. An
// unknown language is shown as plain text, with a warning naming the line.
import { transformerMetaHighlight } from '@shikijs/transformers';
import type { Element, ElementContent, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import { bundledLanguagesInfo, createHighlighter, type Highlighter, type ShikiTransformer } from 'shiki';
import { eachElement } from './walk.ts';
import type { VFile } from 'vfile';
import { readChunk } from './chunks.ts';
import { CODE_THEMES, tokenClasses } from './code-classes.ts';

let highlighter: Promise<Highlighter> | undefined;
/** Languages (as written, aliases included) already loaded into the highlighter. */
const loaded = new Set<string>();
/** What authors write for text that is no language: shown plain, without a warning or a language label. */
const PLAIN_TEXT = new Set(['text', 'txt', 'plaintext', 'plain', 'output', 'none']);
const languageNames = new Map(
  bundledLanguagesInfo.flatMap((info) => [info.id, ...(info.aliases ?? [])].map((id) => [id, info.name])),
);

/** Styles become classes: the token colours, and the block's own colours as `.shiki`. */
const classesNotStyles: ShikiTransformer = {
  name: 'classes-not-styles',
  pre(node) {
    node.properties = { className: ['shiki'], tabIndex: 0 };
  },
  span(node) {
    const style = typeof node.properties.style === 'string' ? node.properties.style : '';
    delete node.properties.style;
    const classes = tokenClasses(style);
    if (classes.length > 0) this.addClassToHast(node, classes);
  },
};

export function code() {
  return async (tree: Root, file: VFile) => {
    const blocks: { pre: Element; code: Element; lang: string; parent: Root | Element; index: number }[] = [];
    eachElement(tree, (pre, index, parent) => {
      const code = pre.tagName === 'pre' ? pre.children.find(isElement('code')) : undefined;
      const className = code?.properties.className;
      const lang = Array.isArray(className)
        ? String(className.find((c) => String(c).startsWith('language-')) ?? '')
        : '';
      if (code && lang && parent && index !== undefined) blocks.push({ pre, code, lang: lang.slice(9), parent, index });
    });
    if (blocks.length === 0) return;
    highlighter ??= createHighlighter({ themes: [CODE_THEMES.light, CODE_THEMES.dark], langs: [] });
    const shiki = await highlighter;
    for (const { pre, code, lang: written, parent, index } of [...blocks].reverse()) {
      const meta = typeof code.data?.meta === 'string' ? code.data.meta : '';
      const chunk = readChunk(written, meta, toString(code));
      if (chunk.hidden) {
        parent.children.splice(index, 1);
        continue;
      }
      const { lang } = chunk;
      const known = languageNames.has(lang);
      const plain = PLAIN_TEXT.has(lang);
      // Loading a language again costs as much as highlighting a block: only the first time.
      if (known && !loaded.has(lang)) {
        await shiki.loadLanguage(lang as Parameters<Highlighter['loadLanguage']>[0]);
        loaded.add(lang);
      } else if (!known && !plain)
        file.message(
          `unknown language "${lang}" in a code block: shown as plain text (see https://shiki.style/languages)`,
          pre,
        );
      const highlighted = shiki.codeToHast(chunk.code.replace(/\n$/, ''), {
        lang: known ? lang : 'text',
        themes: CODE_THEMES,
        defaultColor: false,
        meta: { __raw: meta },
        transformers: [transformerMetaHighlight(), classesNotStyles],
      });
      const title = /title=(?:"([^"]*)"|'([^']*)')/.exec(meta);
      parent.children[index] = codeBlock(
        highlighted.children as ElementContent[],
        title?.[1] ?? title?.[2] ?? chunk.title,
        languageNames.get(lang),
      );
    }
  };
}

function codeBlock(pre: ElementContent[], title: string | undefined, language: string | undefined): Element {
  const label = (className: string, text: string): Element => ({
    type: 'element',
    tagName: 'span',
    properties: { className: [className] },
    children: [{ type: 'text', value: text }],
  });
  const header: ElementContent[] = [
    ...(title ? [label('code-title', title)] : []),
    ...(language ? [label('code-language', language)] : []),
  ];
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['code-block'] },
    children: [
      ...(header.length > 0
        ? [{ type: 'element' as const, tagName: 'div', properties: { className: ['code-header'] }, children: header }]
        : []),
      ...pre,
    ],
  };
}

function isElement(tagName: string) {
  return (node: ElementContent): node is Element => node.type === 'element' && node.tagName === tagName;
}
