// An image alone in its paragraph, or a chart (charts.ts), is a figure: `<figure id="figure-N">` with the image and
// `<figcaption>Figure N: caption</figcaption>`, numbered from 1 in each post. The caption is
// the image's title, else its alt text; a title ending in `{#my-id}` sets the id instead
// (the number stays). Links to the ids are checked like any anchor (plugins/links.ts).
import type { Element, ElementContent, Root } from 'hast';
import { eachElement } from './walk.ts';
import type { VFile } from 'vfile';
import { problem } from './file-data.ts';

const ID_SUFFIX = /\s*\{#([^}\s]*)\}\s*$/;

export function figures() {
  return (tree: Root, file: VFile) => {
    const taken = new Set<string>();
    eachElement(tree, (node) => {
      if (typeof node.properties.id === 'string') taken.add(node.properties.id);
    });
    let number = 0;
    const numbers: Record<string, number> = {};
    file.data.figureNumbers = numbers;
    eachElement(tree, (node, index, parent) => {
      if (node.tagName === 'figure' && node.data?.chart) {
        // A chart (charts.ts) is numbered with the images.
        number += 1;
        const id = `figure-${number}`;
        if (taken.has(id)) problem(file, `figure id "${id}" is already the id of another element`, node);
        taken.add(id);
        node.properties.id = id;
        numbers[id] = number;
        const caption = node.children.find((child) => child.type === 'element' && child.tagName === 'figcaption');
        const captionText = caption?.type === 'element' ? caption.children[0] : undefined;
        if (captionText?.type === 'text') captionText.value = `Figure ${number}: ${captionText.value}`;
        return 'skip';
      }
      const image = loneImage(node);
      if (!image || !parent || index === undefined) return;
      number += 1;
      const title = typeof image.properties.title === 'string' ? image.properties.title : '';
      const chosen = ID_SUFFIX.exec(title)?.[1];
      const caption = title.replace(ID_SUFFIX, '') || String(image.properties.alt ?? '');
      const id = chosen ?? `figure-${number}`;
      if (chosen !== undefined && !/^[A-Za-z][\w-]*$/.test(chosen)) {
        problem(file, `figure id {#${chosen}} must start with a letter and hold only letters, digits, - and _`, image);
      } else if (taken.has(id)) {
        problem(file, `figure id "${id}" is already the id of another element; set one with {#another-id}`, image);
      }
      taken.add(id);
      numbers[id] = number;
      delete image.properties.title;
      const captionText = caption ? `Figure ${number}: ${caption}` : `Figure ${number}`;
      const figcaption: Element = {
        type: 'element',
        tagName: 'figcaption',
        properties: {},
        children: [{ type: 'text', value: captionText }],
      };
      parent.children[index] = {
        type: 'element',
        tagName: 'figure',
        properties: { id },
        children: [image, figcaption],
        position: node.position,
      };
      return 'skip';
    });
  };
}

/** The image of a paragraph that holds nothing else (but white space). */
function loneImage(node: Element): Element | undefined {
  if (node.tagName !== 'p') return undefined;
  const content = node.children.filter(
    (child: ElementContent) => !(child.type === 'text' && child.value.trim() === ''),
  );
  const [only] = content;
  return content.length === 1 && only?.type === 'element' && only.tagName === 'img' ? only : undefined;
}
