// A post's text in runs of lines: fenced code (``` or ~~~, as CommonMark closes them) and
// the rest, so that a conversion meant for prose never rewrites an example in a code block.
import { fences } from '../../plugins/markdown/fences.ts';

export interface Segment {
  code: boolean;
  lines: string[];
  /** Index of the first line in the whole text. */
  start: number;
}

export function segments(text: string): Segment[] {
  const result: Segment[] = [];
  let current: Segment | undefined;
  const lines = text.split('\n');
  const { inCode } = fences(lines);
  lines.forEach((line, i) => {
    const code = inCode[i]!;
    if (!current || current.code !== code) {
      current = { code, lines: [], start: i };
      result.push(current);
    }
    current.lines.push(line);
  });
  return result;
}

/**
 * Applies `convert` to the prose between code blocks; it gets each run's text and the index
 * of its first line, and must keep the number of lines (so that lines in the report are the
 * old file's).
 */
export function mapProse(text: string, convert: (prose: string, start: number) => string): string {
  return segments(text)
    .map((segment) => (segment.code ? segment.lines.join('\n') : convert(segment.lines.join('\n'), segment.start)))
    .join('\n');
}

/** The line index (from 0) of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
