// A Jupyter notebook as a post: its JSON checked against nbformat 4 (the cells Jupyter,
// JupyterLab, VS Code and Colab save), its front matter from a first raw or markdown cell
// holding `---` YAML, as Quarto reads it. Each problem names its cell (numbered from 1, as
// Jupyter shows them) and, inside it, its line.
import { z } from 'zod';
import type { Finding } from '../problems.ts';
import { readFrontMatter, type FrontMatterResult } from './front-matter.ts';

/** A cell's text: a string, or its lines as an array of strings. */
const multiline = z.union([z.string(), z.array(z.string())], { error: 'expected text, or a list of lines of text' });

const mimeBundle = z.record(z.string(), z.unknown());

const output = z.discriminatedUnion('output_type', [
  z.looseObject({ output_type: z.literal('stream'), name: z.string(), text: multiline }),
  z.looseObject({ output_type: z.literal('display_data'), data: mimeBundle, metadata: z.looseObject({}).optional() }),
  z.looseObject({
    output_type: z.literal('execute_result'),
    data: mimeBundle,
    metadata: z.looseObject({}).optional(),
    execution_count: z.number().nullable().optional(),
  }),
  z.looseObject({
    output_type: z.literal('error'),
    ename: z.string(),
    evalue: z.string(),
    traceback: z.array(z.string()),
  }),
]);

const cellMetadata = z
  .looseObject({
    tags: z.array(z.string()).optional(),
    /** Colab's own id of the cell, which its table of contents links to (`#scrollTo=<id>`). */
    id: z.string().optional(),
    jupyter: z.looseObject({ source_hidden: z.boolean().optional(), outputs_hidden: z.boolean().optional() }).optional(),
  })
  .optional();

const cell = z.discriminatedUnion('cell_type', [
  z.looseObject({
    cell_type: z.literal('markdown'),
    id: z.string().optional(),
    source: multiline,
    metadata: cellMetadata,
    attachments: z.record(z.string(), mimeBundle).optional(),
  }),
  z.looseObject({ cell_type: z.literal('raw'), id: z.string().optional(), source: multiline, metadata: cellMetadata }),
  z.looseObject({
    cell_type: z.literal('code'),
    id: z.string().optional(),
    source: multiline,
    metadata: cellMetadata,
    execution_count: z.number().nullable().optional(),
    outputs: z.array(output),
  }),
]);

const notebookSchema = z.looseObject({
  nbformat: z.literal(4),
  nbformat_minor: z.number().optional(),
  metadata: z
    .looseObject({
      kernelspec: z.looseObject({ language: z.string().optional(), name: z.string().optional() }).optional(),
      language_info: z.looseObject({ name: z.string().optional() }).optional(),
    })
    .optional(),
  cells: z.array(z.unknown()),
});

export type NotebookCell = z.infer<typeof cell>;
export type NotebookOutput = z.infer<typeof output>;

export interface Notebook {
  /** The kernel's language, for its code cells' highlighting: `python` unless it says otherwise. */
  language: string;
  cells: NotebookCell[];
}

/** A cell's text, whichever way the notebook stores it. */
export function cellText(source: string | string[]): string {
  return Array.isArray(source) ? source.join('') : source;
}

/** The notebook in `text`, or what keeps it from being one (each problem naming its cell). */
export function readNotebook(text: string): { notebook?: Notebook; problems: Finding[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position === undefined ? undefined : text.slice(0, Number(position)).split('\n').length;
    return { problems: [{ line, message: `is not a Jupyter notebook: its JSON does not parse (${message})` }] };
  }
  const version = typeof json === 'object' && json !== null && 'nbformat' in json ? json.nbformat : undefined;
  if (typeof version === 'number' && version !== 4) {
    const message = `is a notebook of nbformat ${version}; save it as nbformat 4 (jupyter nbconvert --to notebook --nbformat 4)`;
    return { problems: [{ message }] };
  }
  const parsed = notebookSchema.safeParse(json);
  if (!parsed.success) {
    return { problems: [{ message: 'is not a Jupyter notebook: it has no nbformat 4 and cells' }] };
  }
  const problems: Finding[] = [];
  const cells: NotebookCell[] = [];
  parsed.data.cells.forEach((candidate, index) => {
    const checked = cell.safeParse(candidate);
    if (checked.success) cells.push(checked.data);
    else problems.push({ cell: index + 1, message: `is not a notebook cell: ${describeIssue(checked.error.issues[0])}` });
  });
  const { kernelspec, language_info: info } = parsed.data.metadata ?? {};
  const language = (kernelspec?.language ?? info?.name ?? 'python').toLowerCase();
  return problems.length > 0 ? { problems } : { notebook: { language, cells }, problems };
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'its fields are not those of a cell';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * The front matter's lines, from the notebook's first cell when it is a raw or markdown cell
 * opening with `---` (Quarto's way); undefined when there is none.
 */
export function frontMatterCell(notebook: Notebook): string[] | undefined {
  const first = notebook.cells[0];
  if (!first || first.cell_type === 'code') return undefined;
  const lines = cellText(first.source).split(/\r\n|\r|\n/);
  return lines[0]?.trimEnd() === '---' ? lines : undefined;
}

/** A notebook post's front matter: read from its first cell, its problems in cell 1 (or the notebook's own). */
export function notebookFrontMatter(text: string): FrontMatterResult {
  const { notebook, problems } = readNotebook(text);
  if (!notebook) return { problems, unreadable: true };
  const lines = frontMatterCell(notebook);
  if (!lines) {
    const message =
      'a notebook post starts with a raw cell of front matter: a --- line, title: and date:, then ---';
    return { problems: [{ cell: 1, message }] };
  }
  const result = readFrontMatter(lines, false);
  return { ...result, problems: result.problems.map((finding) => ({ cell: 1, ...finding })) };
}
