// A post's text in runs of lines: fenced code (``` or ~~~, as CommonMark closes them) and
// the rest, so that a conversion meant for prose never rewrites an example in a code block.

export interface Segment {
  code: boolean;
  lines: string[];
  /** Index of the first line in the whole text. */
  start: number;
}

export function segments(text: string): Segment[] {
  const result: Segment[] = [];
  let current: Segment | undefined;
  let fence: { char: string; length: number } | undefined;
  text.split('\n').forEach((line, i) => {
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    let code = fence !== undefined;
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
    } else if (open && !(open[1]![0] === '`' && line.slice(line.indexOf('`') + open[1]!.length).includes('`'))) {
      fence = { char: open[1]![0]!, length: open[1]!.length };
      code = true;
    }
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
