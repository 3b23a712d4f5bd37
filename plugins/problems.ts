// Problems (what fails the build) and warnings (what it reports but publishes), each
// naming the post's file, its line where there is one, and the field or thing at fault.
import path from 'node:path';

/** A problem or warning inside one post: its line and what is wrong. */
export interface Finding {
  /** In a notebook: the cell, from 1, that `line` counts in. */
  cell?: number;
  line?: number;
  field?: string;
  message: string;
}

export interface Problem extends Finding {
  /** Path relative to the project root, e.g. `posts/foo.md`. */
  file: string;
}

/** `posts/foo.md:3 date: expected YYYY-MM-DD, got "March 3"`; in a notebook `posts/nb/index.ipynb cell 4:2 …`. */
export function formatProblem(problem: Problem): string {
  const file = problem.cell === undefined ? problem.file : `${problem.file} cell ${problem.cell}`;
  const where = problem.line === undefined ? file : `${file}:${problem.line}`;
  return `${where} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

/** A path as problems name it: relative to the project (`posts/foo.md`), or absolute when outside it. */
export function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

/** In the order an author reads them: by file, then cell, then line. */
export function byPlace(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || (a.cell ?? 0) - (b.cell ?? 0) || (a.line ?? 0) - (b.line ?? 0);
}
