// Conversions keep the old file's lines while they run (so that the report's lines are the
// old file's): a line to delete is marked, and text that must not be converted (Liquid's
// `{% raw %}`, Hugo's `{{</* … */>}}`) is held aside. `finish` deletes and restores.
import { segments } from '../segments.ts';

/** Put where a whole line is to go; the line is deleted at the end if nothing else is on it. */
export const GONE = '\uE002';
const HELD = /\uE000(\d+)\uE001/g;

export class Held {
  private texts: string[] = [];
  /** A token standing for `text` until `finish`: no conversion sees it. */
  hold(text: string): string {
    this.texts.push(text);
    return `\uE000${this.texts.length - 1}\uE001`;
  }
  /** Each line of `text` held on its own, so the lines stay lines. */
  holdLines(text: string): string {
    return text
      .split('\n')
      .map((line) => (line ? this.hold(line) : line))
      .join('\n');
  }
  restore(text: string): string {
    return text.replace(HELD, (_, i: string) => this.texts[Number(i)] ?? '');
  }
}

/** Deletes marked lines, restores held text, and leaves no run of blank lines outside code. */
export function finish(text: string, held: Held): string {
  const lines = text.split('\n').filter((line) => !(line.includes(GONE) && line.replaceAll(GONE, '').trim() === ''));
  const kept = held.restore(lines.map((line) => line.replaceAll(GONE, '')).join('\n'));
  const tidy = segments(kept)
    .map((segment) => {
      const text = segment.lines.join('\n');
      return segment.code ? text : text.replace(/\n(?:[ \t]*\n){2,}/g, '\n\n');
    })
    .join('\n');
  return tidy.replace(/^\s*\n/, '').trimEnd() + '\n';
}
