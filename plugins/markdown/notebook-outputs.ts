// A notebook's outputs in the post's tree, where notebook-source.ts left a placeholder for
// each: before the sanitiser, so that an output's HTML passes the same allow-list, nesting
// limit and table styling as the post's own. Images are files (urls.ts gives them their
// hashed names; never base64 in the page), an SVG among them, shown through <img> so its
// scripts never run; a labelled image is a numbered figure (figures.ts). Streams, results
// and tracebacks are <pre><samp>, their terminal colours as classes (ansi.ts).
import type { Element, ElementContent, Root } from 'hast';
import { raw } from 'hast-util-raw';
import { toString } from 'hast-util-to-string';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { ansiToHast } from './ansi.ts';
import { ANCHOR_BLOCK, HIDDEN_INPUT, OUTPUT_BLOCK, type NotebookSource, type OutputPlace } from './notebook-source.ts';
import { SKIP, eachElement, eachNode } from './walk.ts';

declare module 'vfile' {
  interface DataMap {
    /** The notebook being rendered, as notebook-source.ts read it. */
    notebook: NotebookSource;
  }
}

export function notebookOutputs() {
  return (tree: Root, file: VFile) => {
    const notebook = file.data.notebook;
    if (!notebook) return;
    eachElement(tree, (node, index, parent) => {
      const code = node.tagName === 'pre' ? node.children[0] : undefined;
      if (code?.type !== 'element' || code.tagName !== 'code') return undefined;
      const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
      if (classes.includes(`language-${ANCHOR_BLOCK}`)) {
        parent.children[index] = withPosition(element('span', { id: toString(code).trim() }), node.position);
        return SKIP;
      }
      if (classes.includes(`language-${OUTPUT_BLOCK}`)) {
        const place = notebook.outputs[toString(code).trim()];
        if (place) parent.children[index] = withPosition(outputElement(place), node.position);
        return SKIP;
      }
      const meta = typeof code.data?.meta === 'string' ? code.data.meta : '';
      if (meta.split(/\s+/).includes(HIDDEN_INPUT)) {
        parent.children[index] = disclosure('Show the code', 'cell-input', node);
        return SKIP;
      }
      return undefined;
    });
  };
}

function outputElement(place: OutputPlace): Element {
  const element = shownOutput(place);
  return place.hidden ? disclosure('Show the output', 'cell-output-hidden', element) : element;
}

function shownOutput(place: OutputPlace): Element {
  const { view } = place;
  switch (view.kind) {
    case 'image': {
      const image = element('img', {
        src: view.url,
        alt: place.alt ?? place.caption ?? `Output of cell ${place.cell}`,
        ...(view.width ? { width: view.width } : {}),
        ...(view.height ? { height: view.height } : {}),
      });
      // A figure (figures.ts numbers it): the caption, and the label as its id.
      if (place.label || place.caption) {
        image.properties.title = `${place.caption ?? ''}${place.label ? ` {#${place.label}}` : ''}`.trim();
        return element('p', {}, [image]);
      }
      return element('div', { className: ['cell-output', 'cell-output-image'] }, [image]);
    }
    case 'html':
      return element('div', { className: ['cell-output', 'cell-output-html'] }, outputHtml(view.html));
    case 'text':
      return element('pre', { className: ['cell-output', view.className] }, [
        element('samp', {}, ansiToHast(view.text)),
      ]);
    case 'error':
      return element('pre', { className: ['cell-output', 'cell-output-error'] }, [
        element('samp', {}, ansiToHast(view.text)),
      ]);
  }
}

/**
 * An output's HTML as a tree. What Jupyter's own page needs and ours must not carry goes
 * quietly (a DataFrame's <style> block, its `class`, `border` and `style` attributes: the
 * site's table styling replaces them; its empty corner header is a plain cell); anything
 * else the sanitiser removes is a warning.
 */
function outputHtml(html: string): ElementContent[] {
  const tree = raw({ type: 'root', children: [{ type: 'raw', value: html }] }) as Root;
  eachNode(tree, (node, index, parent) => {
    if (node.type === 'element' && node.tagName === 'style') {
      parent.children.splice(index, 1, { type: 'text', value: '' });
      return SKIP;
    }
    if (node.type === 'element') {
      // A DataFrame's top left corner is an empty header cell: it heads nothing.
      if (node.tagName === 'th' && toString(node).trim() === '') node.tagName = 'td';
      delete node.properties.className;
      delete node.properties.style;
      delete node.properties.border;
    }
    return undefined;
  });
  return tree.children.filter((node): node is ElementContent => node.type !== 'doctype');
}

function disclosure(summary: string, className: string, content: Element): Element {
  return element('details', { className: [className] }, [
    element('summary', {}, [{ type: 'text', value: summary }]),
    content,
  ]);
}

function element(tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

/** Gives `node` and everything in it the placeholder's place, so that a message about it names the cell. */
function withPosition(node: Element, position: Position | undefined): Element {
  if (!position) return node;
  node.position = position;
  eachNode(node, (child) => {
    child.position = position;
  });
  return node;
}
