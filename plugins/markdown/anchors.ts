// Anchors written as raw HTML, `<a name="x"></a>` or `<a id="x"></a>`, keep their name, so
// that `#x` reaches them from the post, from other posts and from other sites. Raw ids are
// prefixed by the sanitiser (`user-content-x`) because an element's id becomes a property of
// `window` and could shadow a global the page's scripts read; an `<a>` element's `name` never
// does (only those of <embed>, <form>, <iframe>, <img> and <object> are named properties), and
// a browser scrolls to `<a name>` as to an id. So an anchor's id (an `<a>` that is not a
// link) becomes its name.
import type { Root } from 'hast';
import { eachElement } from './walk.ts';

export function anchors() {
  return (tree: Root) => {
    eachElement(tree, (node) => {
      const { id, name, href } = node.properties;
      if (node.tagName !== 'a' || typeof id !== 'string' || name !== undefined || href !== undefined) return;
      node.properties.name = id;
      delete node.properties.id;
    });
  };
}
