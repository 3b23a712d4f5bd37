// The plugins' walks over a post's tree. unist-util-visit makes a new function for every node
// it passes, renames it for its stack traces and copies the ancestors into a new array: over
// the fifteen walks of a post that was a fifth of its render time. These walks go the same
// way (depth first, in document order, into a node after its visitor has seen it, reading
// each parent's children as they are when reached) and allocate nothing per node. They
// recurse once per level: limits.ts bounds the depth before any walk.
import type { Element, Root, RootContent } from 'hast';

/** Returned by a visitor: do not walk into this node. */
export const SKIP = 'skip';
/** Returned by a visitor: stop the walk. */
export const EXIT = 'exit';

type Parent = Root | Element;
type Step = typeof SKIP | typeof EXIT | undefined | void;

/** Each element below `tree` (not `tree` itself), with its index in its parent. */
export function eachElement(tree: Parent, visitor: (node: Element, index: number, parent: Parent) => Step): void {
  eachNode(tree, (node, index, parent) => (node.type === 'element' ? visitor(node, index, parent) : undefined));
}

/** Each node below `tree` (not `tree` itself), with its index in its parent. */
export function eachNode(tree: Parent, visitor: (node: RootContent, index: number, parent: Parent) => Step): void {
  walk(tree, visitor);
}

function walk(parent: Parent, visitor: (node: RootContent, index: number, parent: Parent) => Step): boolean {
  const children: RootContent[] = parent.children;
  for (let index = 0; index < children.length; index++) {
    const node = children[index]!;
    const step = visitor(node, index, parent);
    if (step === EXIT) return false;
    if (step !== SKIP && node.type === 'element' && !walk(node, visitor)) return false;
  }
  return true;
}
