// ```chart blocks: a YAML spec naming a CSV or JSON file beside the post becomes a numbered
// figure (figures.ts numbers it with the images) holding an inline SVG chart (chart-svg.ts),
// the same data as a table, and a link to download the file. Nothing runs in the browser.
// Bad specs and bad data are problems naming the data file and its row.
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import type { Element, Root } from 'hast';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import { eachElement } from './walk.ts';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { chartSvg, type ChartRow, type ChartSpec } from './chart-svg.ts';
import { postContext, problem } from './file-data.ts';
import { readInside } from './urls.ts';

const specSchema = z.strictObject({
  data: z.string({ error: 'is required: the CSV or JSON file beside the post, e.g. ./latency.csv' }),
  x: z.string({ error: 'is required: the column along the horizontal axis' }),
  y: z.union([z.string(), z.array(z.string()).min(1)], { error: 'is required: a column, or a list of columns' }),
  type: z.enum(['line', 'bar']).default('line'),
  title: z.string().optional(),
  'x-label': z.string().optional(),
  'y-label': z.string().optional(),
});

declare module 'hast' {
  interface ElementData {
    /** A chart's figure, numbered with the images by figures.ts. */
    chart?: boolean;
  }
}

export function charts() {
  return async (tree: Root, file: VFile) => {
    const blocks: { pre: Element; parent: Root | Element; index: number }[] = [];
    eachElement(tree, (pre, index, parent) => {
      const code = pre.tagName === 'pre' ? pre.children[0] : undefined;
      const classes = code?.type === 'element' ? code.properties.className : undefined;
      if (Array.isArray(classes) && classes.includes('language-chart') && parent && index !== undefined) {
        blocks.push({ pre, parent, index });
      }
    });
    for (const [number, { pre, parent, index }] of blocks.entries()) {
      const chart = await readChart(toString(pre), file, pre);
      if (chart) parent.children[index] = chartFigure(chart.spec, chart.rows, chart.data, `chart-${number + 1}`);
    }
  };
}

async function readChart(yaml: string, file: VFile, at: Element) {
  let raw: unknown;
  try {
    raw = parseYaml(yaml, { maxAliasCount: 10 });
  } catch (error) {
    return void problem(file, `chart: the spec is not YAML: ${(error as Error).message.split('\n')[0]}`, at);
  }
  const parsed = specSchema.safeParse(raw ?? {});
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.join('.');
      const reason =
        issue.code === 'unrecognized_keys'
          ? 'unknown field; allowed: data, x, y, type, title, x-label, y-label'
          : issue.message;
      problem(file, `chart: ${field}: ${reason}`, at);
    }
    return undefined;
  }
  const { data, x, type, title } = parsed.data;
  const spec: ChartSpec = {
    x,
    y: [parsed.data.y].flat(),
    type,
    title,
    xLabel: parsed.data['x-label'],
    yLabel: parsed.data['y-label'],
  };
  const context = postContext(file);
  const bytes = await readInside(path.resolve(path.dirname(context.file), data), context.postsDir);
  if (!bytes)
    return void problem(file, `chart: data file ${data} not found (paths are relative to the post's file)`, at);
  const rows = tabulate(bytes.toString('utf8'), data, spec, (reason) => problem(file, `chart: ${reason}`, at));
  return rows && { spec, rows, data };
}

/** The data file's rows as numbers, or undefined after reporting what is wrong with it (file and row). */
function tabulate(
  text: string,
  name: string,
  spec: ChartSpec,
  report: (reason: string) => void,
): ChartRow[] | undefined {
  let records: Record<string, unknown>[];
  let columns: string[];
  /** How a row is named in messages: its line in a CSV file, its position in a JSON array. */
  let where: (index: number) => string;
  if (/\.json$/i.test(name)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return void report(`${name} is not valid JSON: ${(error as Error).message}`);
    }
    if (
      !Array.isArray(parsed) ||
      parsed.some((item) => typeof item !== 'object' || item === null || Array.isArray(item))
    ) {
      return void report(`${name} must hold a JSON array of objects, one per row`);
    }
    records = parsed as Record<string, unknown>[];
    columns = [...new Set(records.flatMap((record) => Object.keys(record)))];
    where = (index) => `${name} item ${index + 1}`;
  } else {
    const parsed = csvParse(text);
    records = parsed;
    columns = parsed.columns;
    where = (index) => `${name} line ${index + 2}`;
  }
  if (records.length === 0) return void report(`${name} has no rows of data`);
  const missing = [spec.x, ...spec.y].filter((column) => !columns.includes(column));
  if (missing.length > 0) {
    return void report(
      `${name} has no column ${missing.map((c) => `"${c}"`).join(', ')}; its columns are ${columns.join(', ')}`,
    );
  }
  const rows: ChartRow[] = [];
  for (const [index, record] of records.entries()) {
    const y = spec.y.map((column) => ({ column, value: record[column], number: Number(record[column]) }));
    const bad = y.find(
      ({ value, number }) =>
        value === null || value === undefined || String(value).trim() === '' || !Number.isFinite(number),
    );
    if (bad)
      return void report(
        `${where(index)}: ${JSON.stringify(bad.value ?? '')} in column "${bad.column}" is not a number`,
      );
    rows.push({ x: String(record[spec.x] ?? ''), y: y.map(({ number }) => number) });
  }
  return rows;
}

/** The chart's data as a table, for readers who cannot see the chart or want the numbers. */
function dataTable(spec: ChartSpec, rows: ChartRow[]): Element {
  const row = (cell: 'th' | 'td', values: string[]) =>
    h(
      'tr',
      values.map((value) => h(cell, value)),
    );
  return h('table', [
    h('thead', [row('th', [spec.x, ...spec.y])]),
    h(
      'tbody',
      rows.map((r) => row('td', [r.x, ...r.y.map(String)])),
    ),
  ]);
}

function chartFigure(spec: ChartSpec, rows: ChartRow[], data: string, id: string): Element {
  const figure = h('figure', { className: ['chart-figure'] }, [
    chartSvg(spec, rows, `${id}-title`),
    h('details', [h('summary', 'The data'), dataTable(spec, rows)]),
    h('p', { className: ['chart-download'] }, [
      h('a', { href: data, download: true }, `Download ${path.basename(data)}`),
    ]),
    h('figcaption', spec.title ?? `${spec.y.join(', ')} by ${spec.x}`),
  ]);
  return { ...figure, data: { chart: true } };
}
