// Which lines of markdown are fenced code, as CommonMark reads fences: an opening ``` or ~~~
// (up to three spaces in; a backtick fence's info string holds no backtick) runs to a line
// of the same character, at least as long, with nothing after it, or to the end. Used where
// a post's text is scanned line by line before it is parsed (limits, notebook cells, the
// import's conversions), so that each agrees with the parser on what is code.

export interface Fences {
  /** For each line: whether it is part of a fenced block, its fence lines included. */
  inCode: boolean[];
  /** The fence of a block still open at the end, if any. */
  open?: string;
}

const OPENING = /^ {0,3}(`{3,}|~{3,})(.*)$/;

export function fences(lines: readonly string[]): Fences {
  const inCode: boolean[] = [];
  let open: string | undefined;
  for (const line of lines) {
    const match = OPENING.exec(line);
    if (open) {
      inCode.push(true);
      if (match && match[1]![0] === open[0] && match[1]!.length >= open.length && match[2]!.trim() === '')
        open = undefined;
    } else if (match && !(match[1]![0] === '`' && match[2]!.includes('`'))) {
      inCode.push(true);
      open = match[1]!;
    } else {
      inCode.push(false);
    }
  }
  return { inCode, ...(open ? { open } : {}) };
}
