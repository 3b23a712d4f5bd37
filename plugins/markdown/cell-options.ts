// A notebook code cell's options, as Quarto writes them: YAML in `#|` lines at the top of
// the cell (`#| echo: false`, `#| fig-cap: …`, a list of captions for a cell of several
// images), read with the YAML parser the front matter uses.
import { parse } from 'yaml';
import type { Finding } from '../problems.ts';

export interface CellOptions {
  /** How many lines at the top of the cell are options (never shown). */
  lines: number;
  /** Whether the code is shown (`echo`), the outputs (`output`), either (`include`). */
  echo: boolean;
  output: boolean;
  include: boolean;
  /** `code-fold: true` or `show`: the code behind a disclosure. */
  fold: boolean;
  /** `label: fig-…`: the cell's images are numbered figures. */
  label?: string;
  /** `fig-cap` and `fig-alt`: one for each image of the cell, in order, or one for them all. */
  captions: string[];
  alts: string[];
}

/** The options at the top of `code`; options that are not YAML are a problem at their line (counted in the cell). */
export function cellOptions(code: string): { options: CellOptions; problems: Finding[] } {
  const lines = code.split(/\r\n|\r|\n/);
  const count = lines.findIndex((line) => !line.startsWith('#|'));
  const optionLines = lines.slice(0, count === -1 ? lines.length : count);
  const defaults: CellOptions = {
    lines: optionLines.length,
    echo: true,
    output: true,
    include: true,
    fold: false,
    captions: [],
    alts: [],
  };
  if (optionLines.length === 0) return { options: defaults, problems: [] };
  let read: unknown;
  try {
    read = parse(optionLines.map((line) => line.replace(/^#\| ?/, '')).join('\n'));
  } catch (error) {
    const line = (error as { linePos?: [{ line: number }] }).linePos?.[0].line;
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      options: defaults,
      problems: [{ line, message: `the cell's #| options are not YAML and were ignored: ${reason}` }],
    };
  }
  const options =
    typeof read === 'object' && read !== null && !Array.isArray(read) ? (read as Record<string, unknown>) : {};
  const off = (value: unknown) => value === false || value === 'false';
  const texts = (value: unknown) =>
    (Array.isArray(value) ? value : [value])
      .filter((item): item is string | number => typeof item === 'string' || typeof item === 'number')
      .map(String);
  return {
    options: {
      ...defaults,
      echo: !off(options.echo),
      output: !off(options.output),
      include: !off(options.include),
      fold: options['code-fold'] === true || options['code-fold'] === 'true' || options['code-fold'] === 'show',
      ...(typeof options.label === 'string' && options.label !== '' ? { label: options.label } : {}),
      captions: texts(options['fig-cap']),
      alts: texts(options['fig-alt']),
    },
    problems: [],
  };
}

/** The caption and alt text of the cell's `image`-th image (from 1). */
export function imageText(options: CellOptions, image: number): { caption?: string; alt?: string } {
  const { captions, alts } = options;
  const caption = captions.length > 1 ? captions[image - 1] : image === 1 ? captions[0] : undefined;
  // One caption for several images names each of them.
  const alt = (alts.length > 1 ? alts[image - 1] : alts[0]) ?? (captions.length === 1 ? captions[0] : caption);
  return { ...(caption ? { caption } : {}), ...(alt ? { alt } : {}) };
}
