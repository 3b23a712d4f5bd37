// A notebook as the markdown the pipeline renders: its markdown cells as they are, each
// code cell as fenced code in the kernel's language titled with its execution count, and
// each output as a placeholder block that notebook-outputs.ts fills (an output that is
// markdown or LaTeX is written in as it is). Cells hide what their options say: Quarto's
// `#| echo: false`, `#| output: false`, `#| include: false`, `#| code-fold: true`, and
// Jupyter Book's tags hide-input, hide-output, remove-input, remove-output and remove-cell.
// Every line of the markdown knows its cell, so that a problem names the cell and its line
// there. Nothing is executed: the outputs are those the notebook was saved with.
import type { Finding } from '../problems.ts';
import type { MadeFile } from './file-data.ts';
import { cellOptions, imageText, type CellOptions } from './cell-options.ts';
import { isUnsafeSvg } from './urls.ts';
import { fences } from './fences.ts';
import { cellText, frontMatterCell, type Notebook, type NotebookCell, type NotebookOutput } from '../posts/notebook.ts';

/** The largest output a notebook may hold, as saved (an image's base64 text, a stream's text). */
export const MAX_OUTPUT_BYTES = 5 * 1024 * 1024;

/** The classes of an output shown as text: a stream, a result, a traceback. */
export const OUTPUT_TEXT_CLASSES = [
  'cell-output-stdout',
  'cell-output-stderr',
  'cell-output-result',
  'cell-output-error',
] as const;

/** What the page shows of one output: the first representation of its bundle the page can show. */
export type OutputView =
  | { kind: 'image'; url: string; width?: number; height?: number }
  | { kind: 'html'; html: string }
  | { kind: 'text'; text: string; className: Exclude<(typeof OUTPUT_TEXT_CLASSES)[number], 'cell-output-error'> }
  | { kind: 'error'; text: string };

/** An output the page shows, and what its cell's options say of it. */
export interface OutputPlace {
  cell: number;
  view: OutputView;
  /** Under a "Show the output" disclosure (the hide-output tag). */
  hidden?: boolean;
  /** `#| label: fig-…`: the output's image is a numbered figure with this id. */
  label?: string;
  caption?: string;
  alt?: string;
}

export interface NotebookSource {
  markdown: string;
  /** Each placeholder's output, by the placeholder's text. */
  outputs: Record<string, OutputPlace>;
  /** The files the outputs and attachments make, by the relative address the markdown gives them. */
  files: Record<string, MadeFile>;
  /** For each line of the markdown (from 1), its cell and the line in that cell. */
  places: { cell: number; line?: number }[];
  problems: Finding[];
  warnings: Finding[];
}

/** The language of a placeholder block. */
export const OUTPUT_BLOCK = 'notebook-output';

/** The language of a block standing for an anchor to a cell (Colab's `#scrollTo=<cell id>`). */
export const ANCHOR_BLOCK = 'notebook-anchor';

/** A code block's meta word for a cell whose code is under a "Show the code" disclosure. */
export const HIDDEN_INPUT = 'notebook-hidden-input';

/** Interactive outputs: they need their library's script, which no page of the site runs. */
const INTERACTIVE =
  /^application\/(?:vnd\.jupyter\.widget-view|vnd\.plotly|vnd\.bokehjs|vnd\.vega|vnd\.vegalite|javascript)/;

const IMAGE_TYPES = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/jpeg': 'jpg' } as const;

export function notebookSource(notebook: Notebook, slug: string): NotebookSource {
  // A first line that is not `---`, so that no cell is taken for front matter.
  const lines: string[] = [''];
  const source: NotebookSource = {
    markdown: '',
    outputs: {},
    files: {},
    places: [{ cell: 0 }, { cell: 0 }],
    problems: [],
    warnings: [],
  };
  const write: Write = (text, cell, firstLine) => {
    text.split(/\r\n|\r|\n/).forEach((line, i) => {
      lines.push(line);
      source.places.push({ cell, ...(firstLine === undefined ? {} : { line: firstLine + i }) });
    });
  };
  const frontMatter = frontMatterCell(notebook);
  const targets = scrollTargets(notebook);
  notebook.cells.forEach((cell, index) => {
    const number = index + 1;
    // Raw cells are for other formats (nbconvert's LaTeX, say); the page shows none.
    if (cell.cell_type === 'raw') return;
    const id = [cell.id, cell.metadata?.id].find((candidate) => candidate !== undefined && targets.has(candidate));
    if (id !== undefined) write(`\`\`\`${ANCHOR_BLOCK}\nscrollTo=${id}\n\`\`\`\n`, number);
    if (cell.cell_type === 'markdown') {
      let text = cellText(cell.source);
      let firstLine = 1;
      if (index === 0 && frontMatter) {
        // A markdown cell of front matter may go on with the post's first paragraphs.
        const end = frontMatter.findIndex((line, i) => i > 0 && line.trimEnd() === '---');
        text = frontMatter.slice(end + 1).join('\n');
        firstLine = end + 2;
      }
      write(withAttachments(closedFences(text), cell, number, firstLine, slug, source), number, firstLine);
    } else {
      writeCode(cell, number, notebook.language, write, source, slug);
    }
    write('', number);
  });
  source.markdown = lines.join('\n');
  return source;
}

type Write = (text: string, cell: number, firstLine?: number) => void;

/**
 * A markdown cell's text with a code fence it leaves open closed at its end: Jupyter renders
 * each cell on its own, so an open fence never takes the cells after it into its code.
 */
function closedFences(markdown: string): string {
  const { open } = fences(markdown.split(/\r\n|\r|\n/));
  return open ? `${markdown.replace(/\n?$/, '\n')}${open}` : markdown;
}

/**
 * The cells that links in the markdown cells point to as Colab's table of contents does,
 * `#scrollTo=<cell id>`: each gets an anchor of that name, so the links work on the page too.
 */
function scrollTargets(notebook: Notebook): Set<string> {
  const targets = new Set<string>();
  for (const cell of notebook.cells) {
    if (cell.cell_type !== 'markdown') continue;
    for (const match of cellText(cell.source).matchAll(/#scrollTo=([\w-]+)/g)) targets.add(match[1]!);
  }
  return targets;
}

/** `![…](attachment:plot.png)`: the cell's own file, given an address beside the post. */
function withAttachments(
  markdown: string,
  cell: Extract<NotebookCell, { cell_type: 'markdown' }>,
  number: number,
  firstLine: number,
  slug: string,
  source: NotebookSource,
): string {
  return markdown
    .split('\n')
    .map((line, i) =>
      line.replace(/(\]\(\s*<?)attachment:([^)\s>]+)/g, (whole, opening: string, name: string) => {
        const bundle = cell.attachments?.[decodeURIComponentSafe(name)];
        const image = bundle ? firstImage(bundle) : undefined;
        if (!image) {
          source.problems.push({
            cell: number,
            line: firstLine + i,
            message: `attachment:${name} is not an attachment of this cell (paste the image into the cell again)`,
          });
          return whole;
        }
        const url = `./.notebook/cell-${number}-${name.replace(/[^\w.-]/g, '-')}`;
        source.files[url] = {
          data: image.data,
          name: `${slug}-${name.replace(/\.\w+$/, '')}`,
          written: `attachment:${name}`,
        };
        return `${opening}${url}`;
      }),
    )
    .join('\n');
}

/** A code cell being written, and what its options and tags say. */
interface CodeCell {
  cell: Extract<NotebookCell, { cell_type: 'code' }>;
  number: number;
  options: CellOptions;
  tags: Set<string>;
}

function writeCode(
  cell: Extract<NotebookCell, { cell_type: 'code' }>,
  number: number,
  language: string,
  write: Write,
  source: NotebookSource,
  slug: string,
): void {
  const code = cellText(cell.source);
  const { options, problems } = cellOptions(code);
  source.warnings.push(...problems.map((problem) => ({ ...problem, cell: number })));
  const optionLines = options.lines;
  const tags = new Set((cell.metadata?.tags ?? []).map((tag) => tag.replace(/_/g, '-')));
  if (!options.include || tags.has('remove-cell')) return;
  const shown = code
    .split(/\r\n|\r|\n/)
    .slice(optionLines)
    .join('\n');
  if (options.echo && !tags.has('remove-input') && shown.trim() !== '') {
    const fence = '`'.repeat(Math.max(3, ...[...shown.matchAll(/`+/g)].map((run) => run[0].length + 1)));
    const count = cell.execution_count ?? undefined;
    const hidden = tags.has('hide-input') || tags.has('hide-cell') || options.fold;
    const meta = [count === undefined ? '' : `title="In [${count}]"`, hidden ? HIDDEN_INPUT : ''].filter(Boolean);
    write(`${fence}${cellLanguage(shown, language)}${meta.length > 0 ? ` ${meta.join(' ')}` : ''}`, number);
    write(shown, number, optionLines + 1);
    write(fence, number);
    write('', number);
  }
  if (!options.output || tags.has('remove-output')) return;
  writeOutputs({ cell, number, options, tags }, write, source, slug);
}

function writeOutputs(code: CodeCell, write: Write, source: NotebookSource, slug: string): void {
  const { number, options } = code;
  const hidden = code.tags.has('hide-output') || code.tags.has('hide-cell');
  let images = 0;
  for (const [index, output] of mergedStreams(code.cell.outputs).entries()) {
    const size = savedSize(output);
    if (size > MAX_OUTPUT_BYTES) {
      const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
      source.problems.push({
        cell: number,
        message: `output ${index + 1} holds ${mb(size)}; the limit is ${mb(MAX_OUTPUT_BYTES)} (clear it, or save a smaller image)`,
      });
      continue;
    }
    const view = outputView(output, number, index + 1, slug, source);
    if (!view) continue;
    if (view.kind === 'markdown') {
      write(view.markdown, number);
      write('', number);
      continue;
    }
    const key = `${number}.${index + 1}`;
    source.outputs[key] = { cell: number, view, ...(hidden ? { hidden } : {}) };
    if (view.kind === 'image') {
      // A cell's second image is its label's second figure, as Quarto numbers subfigures: fig-x-2.
      images += 1;
      const label = options.label && images > 1 ? `${options.label}-${images}` : options.label;
      const text = imageText(options, images);
      Object.assign(source.outputs[key], { ...(label ? { label } : {}), ...text });
      if (!text.alt) {
        source.warnings.push({
          cell: number,
          message: `output ${index + 1} is an image that says nothing of what it shows (a screen reader reads "Output of cell ${number}"); describe it with #| fig-alt: … or #| fig-cap: … at the top of the cell`,
        });
      }
    }
    write(`\`\`\`${OUTPUT_BLOCK}\n${key}\n\`\`\``, number);
    write('', number);
  }
}

/** What an output shows; markdown (and LaTeX) is written into the post's markdown. */
function outputView(
  output: NotebookOutput,
  cell: number,
  index: number,
  slug: string,
  source: NotebookSource,
): OutputView | { kind: 'markdown'; markdown: string } | undefined {
  switch (output.output_type) {
    case 'stream':
      return {
        kind: 'text',
        text: overwritten(cellText(output.text)),
        className: output.name === 'stderr' ? 'cell-output-stderr' : 'cell-output-stdout',
      };
    case 'error':
      return {
        kind: 'error',
        text: output.traceback.length > 0 ? output.traceback.join('\n') : `${output.ename}: ${output.evalue}`,
      };
    default:
      break;
  }
  const bundle = output.data;
  const image = firstImage(bundle);
  if (image) {
    const url = `./.notebook/cell-${cell}-output-${index}.${image.extension}`;
    source.files[url] = { data: image.data, name: `${slug}-cell-${cell}` };
    const size = output.metadata?.[image.type];
    const dimension = (value: unknown) => (typeof value === 'number' && value > 0 ? Math.round(value) : undefined);
    const sized = typeof size === 'object' && size !== null ? (size as Record<string, unknown>) : {};
    const [width, height] = [dimension(sized.width), dimension(sized.height)];
    return { kind: 'image', url, ...(width ? { width } : {}), ...(height ? { height } : {}) };
  }
  const interactive = Object.keys(bundle).find((type) => INTERACTIVE.test(type));
  const html = text(bundle['text/html']);
  if (interactive || (html !== undefined && /<script\b/i.test(html))) {
    source.warnings.push({
      cell,
      message: `output ${index} is interactive (${interactive ?? 'HTML with scripts'}) and was left out: the page runs no notebook scripts; save a static image with it (a PNG or SVG output) to show it`,
    });
    return undefined;
  }
  if (html !== undefined) return { kind: 'html', html };
  const markdown = text(bundle['text/markdown']) ?? text(bundle['text/latex']);
  if (markdown !== undefined) return { kind: 'markdown', markdown };
  const plain = text(bundle['text/plain']);
  if (plain !== undefined) return { kind: 'text', text: plain, className: 'cell-output-result' };
  const types = Object.keys(bundle);
  source.warnings.push({
    cell,
    message: `output ${index} has no form the page can show (${types.length > 0 ? types.join(', ') : 'it is empty'}) and was left out`,
  });
  return undefined;
}

function firstImage(
  bundle: Record<string, unknown>,
): { type: keyof typeof IMAGE_TYPES; extension: string; data: string } | undefined {
  for (const [type, extension] of Object.entries(IMAGE_TYPES) as [keyof typeof IMAGE_TYPES, string][]) {
    const value = text(bundle[type]);
    if (value === undefined) continue;
    // An SVG with scripts may not be published (urls.ts); a PNG of the same output may.
    if (type === 'image/svg+xml' && isUnsafeSvg(Buffer.from(value)) && (bundle['image/png'] || bundle['image/jpeg']))
      continue;
    // An SVG is saved as text, the others as base64 (which may be split into lines).
    const data = type === 'image/svg+xml' ? Buffer.from(value).toString('base64') : value.replace(/\s+/g, '');
    return { type, extension, data };
  }
  return undefined;
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((line) => typeof line === 'string')) return value.join('');
  return undefined;
}

/** Consecutive writes to one stream, as Jupyter shows them: one block. */
function mergedStreams(outputs: NotebookOutput[]): NotebookOutput[] {
  const merged: NotebookOutput[] = [];
  for (const output of outputs) {
    const last = merged.at(-1);
    if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
      merged[merged.length - 1] = { ...last, text: cellText(last.text) + cellText(output.text) };
    } else merged.push(output);
  }
  return merged;
}

/**
 * A stream as a terminal leaves it: a carriage return starts its line again, so a progress
 * bar that redrew itself a thousand times shows its last state, as Jupyter shows it.
 */
function overwritten(stream: string): string {
  return stream
    .split('\n')
    .map((line) => line.replace(/\r+$/, '').split('\r').at(-1))
    .join('\n');
}

/** The characters of text an output holds as saved: its data, its stream text or its traceback. */
function savedSize(output: NotebookOutput): number {
  const count = (value: unknown): number => {
    if (typeof value === 'string') return value.length;
    if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + count(item), 0);
    if (typeof value === 'object' && value !== null) return count(Object.values(value));
    return 0;
  };
  if (output.output_type === 'stream') return count(output.text);
  if (output.output_type === 'error') return count(output.traceback);
  return count(output.data);
}

/** IPython's cell magics that change the cell's language. */
const MAGIC_LANGUAGES: Record<string, string> = {
  bash: 'bash',
  sh: 'bash',
  script: 'bash',
  html: 'html',
  javascript: 'javascript',
  js: 'javascript',
  latex: 'latex',
  markdown: 'markdown',
  sql: 'sql',
  capture: '',
  time: '',
  timeit: '',
};

const WRITTEN_LANGUAGES: Record<string, string> = {
  py: 'python',
  sh: 'bash',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  toml: 'toml',
  md: 'markdown',
  r: 'r',
  cpp: 'cpp',
  cu: 'cpp',
  c: 'c',
};

/** The language to highlight a cell in: the kernel's, unless a cell magic (`%%bash`) says otherwise. */
function cellLanguage(code: string, language: string): string {
  const [, magic, argument = ''] = /^%%(\w+)[ \t]*(\S*)/.exec(code) ?? [];
  // `%%writefile train.py`: the file's language, by its extension.
  const named =
    magic === 'writefile' ? WRITTEN_LANGUAGES[/\.(\w+)$/.exec(argument)?.[1] ?? ''] : magic && MAGIC_LANGUAGES[magic];
  return named === undefined || named === '' ? language : named;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
