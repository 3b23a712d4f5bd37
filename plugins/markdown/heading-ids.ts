// Every heading gets an id from its text (GitHub's way), for links to sections; none may
// take an id the app itself uses.
import type { Root } from 'hast';
import rehypeSlug from 'rehype-slug';
import { eachElement } from './walk.ts';
import { APP_IDS as IDS } from '../../src/routes.ts';

const APP_IDS = new Set<string>(Object.values(IDS));

export function headingIds() {
  const slug = rehypeSlug();
  return (tree: Root) => {
    slug(tree);
    eachElement(tree, (node) => {
      const id = node.properties.id;
      if (typeof id === 'string' && APP_IDS.has(id)) node.properties.id = `${id}-section`;
    });
  };
}
