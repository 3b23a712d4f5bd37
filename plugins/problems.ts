// Problems (what fails the build) and warnings (what it reports but publishes), each
// naming the post's file, its line where there is one, and the field or thing at fault.
import path from 'node:path';

/** A problem or warning inside one post: its line and what is wrong. */
export interface Finding {
  line?: number;
  field?: string;
  message: string;
}

export interface Problem extends Finding {
  /** Path relative to the project root, e.g. `posts/foo.md`. */
  file: string;
}

/** `posts/foo.md:3 date: expected YYYY-MM-DD, got "March 3"` */
export function formatProblem(problem: Problem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return `${where} ${problem.field ? `${problem.field}: ` : ''}${problem.message}`;
}

/** A path as problems name it: relative to the project (`posts/foo.md`), or absolute when outside it. */
export function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}

/** In the order an author reads them: by file, then line. */
export function byPlace(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0);
}
