// A chart as an inline SVG tree: axes with ticks and labels, grid lines, a line or bars per
// series, and a legend when there are several. Scales and ticks from d3; colours by class
// (the site's stylesheet gives colour-blind-safe colours for light and dark), no styles.
import type { Element, ElementContent } from 'hast';
import { scaleBand, scaleLinear, scalePoint, type ScaleBand, type ScaleLinear } from 'd3-scale';
import { line } from 'd3-shape';

export interface ChartSpec {
  x: string;
  y: string[];
  type: 'line' | 'bar';
  title?: string;
  xLabel?: string;
  yLabel?: string;
}

/** Rows as read from the data file: x as written, each y a number. */
export interface ChartRow {
  x: string;
  y: number[];
}

const WIDTH = 640;
const HEIGHT = 360;
// Wide enough on the right for the last tick label, centred on the axis's end.
const MARGIN = { top: 16, right: 32, bottom: 56, left: 64 };

/** An element whose numeric attributes are written as text, as HTML carries them. */
const el = (
  tagName: string,
  properties: Record<string, string | number | string[]>,
  children: ElementContent[] = [],
): Element => ({
  type: 'element',
  tagName,
  properties: Object.fromEntries(
    Object.entries(properties).map(([name, value]) => [name, typeof value === 'number' ? String(value) : value]),
  ),
  children,
});
const text = (value: string): ElementContent => ({ type: 'text', value });
const round = (n: number) => Math.round(n * 10) / 10;

interface Scales {
  y: ScaleLinear<number, number>;
  xOf: (row: ChartRow) => number;
  xTicks: { at: number; label: string }[];
  band: ScaleBand<string>;
}

/** Numbers along x make a linear axis (line charts); anything else is one place per row. */
function scalesFor(spec: ChartSpec, rows: ChartRow[]): Scales {
  const numericX = spec.type === 'line' && rows.every((row) => row.x.trim() !== '' && Number.isFinite(Number(row.x)));
  const values = rows.flatMap((row) => row.y);
  const y = scaleLinear()
    .domain([Math.min(0, ...values), Math.max(...values)])
    .nice()
    .range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const xRange: [number, number] = [MARGIN.left, WIDTH - MARGIN.right];
  const xs = rows.map((row) => Number(row.x));
  const linear = scaleLinear()
    .domain([Math.min(...xs), Math.max(...xs)])
    .nice()
    .range(xRange);
  const band = scaleBand(
    rows.map((row) => row.x),
    xRange,
  ).padding(0.2);
  const point = scalePoint(
    rows.map((row) => row.x),
    xRange,
  ).padding(0.5);
  const xOf = (row: ChartRow) =>
    numericX ? linear(Number(row.x)) : spec.type === 'bar' ? band(row.x)! : point(row.x)!;
  const xTicks = numericX
    ? linear.ticks(6).map((tick) => ({ at: linear(tick), label: linear.tickFormat(6)(tick) }))
    : rows.map((row) => ({ at: xOf(row) + (spec.type === 'bar' ? band.bandwidth() / 2 : 0), label: row.x }));
  return { y, xOf, xTicks, band };
}

/** Grid lines and tick labels along y, both axes, tick labels along x, and the axis labels. */
function axes(spec: ChartSpec, { y, xTicks }: Scales): ElementContent[] {
  const bottom = HEIGHT - MARGIN.bottom;
  const right = WIDTH - MARGIN.right;
  return [
    ...y
      .ticks(5)
      .map((tick) =>
        el('g', { className: ['chart-tick'] }, [
          el('line', { className: ['chart-grid'], x1: MARGIN.left, x2: right, y1: round(y(tick)), y2: round(y(tick)) }),
          el('text', { x: MARGIN.left - 8, y: round(y(tick)), textAnchor: 'end', dominantBaseline: 'middle' }, [
            text(y.tickFormat(5)(tick)),
          ]),
        ]),
      ),
    el('line', { className: ['chart-axis'], x1: MARGIN.left, x2: right, y1: bottom, y2: bottom }),
    el('line', { className: ['chart-axis'], x1: MARGIN.left, x2: MARGIN.left, y1: MARGIN.top, y2: bottom }),
    ...xTicks.map(({ at, label }) => el('text', { x: round(at), y: bottom + 18, textAnchor: 'middle' }, [text(label)])),
    el('text', { className: ['chart-label'], x: (MARGIN.left + right) / 2, y: HEIGHT - 10, textAnchor: 'middle' }, [
      text(spec.xLabel ?? spec.x),
    ]),
    el(
      'text',
      {
        className: ['chart-label'],
        transform: `translate(16 ${(MARGIN.top + bottom) / 2}) rotate(-90)`,
        textAnchor: 'middle',
      },
      [text(spec.yLabel ?? (spec.y.length === 1 ? spec.y[0]! : ''))],
    ),
  ];
}

export function chartSvg(spec: ChartSpec, rows: ChartRow[], titleId: string): Element {
  const scales = scalesFor(spec, rows);
  const title = spec.title ?? `${spec.y.join(', ')} by ${spec.x}`;
  return el(
    'svg',
    { className: ['chart'], viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', ariaLabelledBy: [titleId] },
    [
      el('title', { id: titleId }, [text(title)]),
      ...axes(spec, scales),
      ...spec.y.map((_, series) => seriesShape(spec, rows, series, scales)),
      ...(spec.y.length > 1 ? [legend(spec.y)] : []),
    ],
  );
}

function seriesShape(spec: ChartSpec, rows: ChartRow[], series: number, scales: Scales): Element {
  const className = [`chart-series-${(series % 6) + 1}`];
  if (spec.type === 'line') {
    const path = line<ChartRow>()
      .x((row) => round(scales.xOf(row)))
      .y((row) => round(scales.y(row.y[series]!)))(rows);
    // The line, and a dot at each row: the data's own points, not only the slope between them.
    return el('g', { className }, [
      el('path', { className: ['chart-line'], d: path ?? '' }),
      ...rows.map((row) =>
        el('circle', {
          className: ['chart-point'],
          cx: round(scales.xOf(row)),
          cy: round(scales.y(row.y[series]!)),
          r: 3,
        }),
      ),
    ]);
  }
  const width = scales.band.bandwidth() / spec.y.length;
  const base = scales.y(0);
  return el(
    'g',
    { className },
    rows.map((row) => {
      const top = scales.y(row.y[series]!);
      return el('rect', {
        className: ['chart-bar'],
        x: round(scales.xOf(row) + width * series),
        y: round(Math.min(top, base)),
        width: round(width),
        height: round(Math.abs(base - top)),
      });
    }),
  );
}

function legend(names: string[]): Element {
  return el(
    'g',
    { className: ['chart-legend'] },
    names.flatMap((name, series) => [
      el('rect', {
        className: [`chart-series-${(series % 6) + 1}`, 'chart-bar'],
        x: MARGIN.left + 12,
        y: MARGIN.top + series * 18,
        width: 12,
        height: 12,
      }),
      el('text', { x: MARGIN.left + 30, y: MARGIN.top + series * 18 + 6, dominantBaseline: 'middle' }, [text(name)]),
    ]),
  );
}
