/**
 * Line chart of one or more named series (elbow curves, silhouette against k, training
 * loss) as an SVG string.
 */
import { LatentError, describe } from '../core/errors.js';
import { assertAllocatable, assertNumber, assertOneOf } from '../core/validate.js';
import { PLOT_LIMIT, assertDrawable, axes, leftMargin, legend, legendWidth, project, svgOpen, titleText, type Frame, type LegendEntry, type Scale } from './axes.js';
import { escapeXml, fmt, paletteColor } from './svg.js';
import { logTicks, niceDomain, niceTicks, type Ticks } from './ticks.js';
import { booleanOption, readOptions, stringOption, type OptionKeys } from '../core/options.js';

/** One line of a {@link lineSvg} chart. */
export interface LineSeries {
  /** Legend name. @defaultValue none (no legend row) */
  name?: string;
  /** x values, ascending or not (drawn in the given order). @defaultValue 1, 2, …, n */
  x?: ArrayLike<number>;
  /** y values. */
  y: ArrayLike<number>;
  /** CSS colour. @defaultValue the next palette colour */
  color?: string;
  /** Dashed line. @defaultValue false */
  dashed?: boolean;
}

/** A vertical marker line, e.g. at a suggested number of clusters. */
export interface LineMark {
  /** Where to draw it (x in data units). */
  x: number;
  /** Text beside the marker. @defaultValue none */
  label?: string;
}

/** Options for {@link lineSvg}. */
export interface LineOptions {
  /** Chart title. @defaultValue none */
  title?: string;
  /** x-axis label. @defaultValue none */
  xLabel?: string;
  /** y-axis label. @defaultValue none */
  yLabel?: string;
  /** Total width in pixels. @defaultValue 560 */
  width?: number;
  /** Total height in pixels. @defaultValue 340 */
  height?: number;
  /** y axis: linear or base-10 log (y values must then be > 0). @defaultValue 'linear' */
  yScale?: 'linear' | 'log';
  /** Draw a dot at every point. @defaultValue true when every series has ≤ 40 points */
  markers?: boolean;
  /** A dashed vertical marker (number = its x). @defaultValue none */
  mark?: LineMark | number;
  /** Draw the legend when some series is named. @defaultValue true */
  legend?: boolean;
}

const LINE_KEYS: OptionKeys<LineOptions> = { title: true, xLabel: true, yLabel: true, width: true, height: true, yScale: true, markers: true, mark: true, legend: true };

/** A validated series with its resolved x values. */
interface Resolved {
  name: string | undefined;
  x: Float64Array;
  y: Float64Array;
  color: string;
  dashed: boolean;
}

/**
 * Draws one or more series as a line chart and returns the SVG markup.
 *
 * Accepts a single `y` array (`lineSvg(history.loss)`), one series or an array of named
 * series. x values default to 1…n (epochs); when every x is a whole number the x axis
 * uses whole-number ticks (k, epochs). A `mark` draws a dashed vertical line, e.g. at
 * the k an elbow or silhouette criterion suggests. O(total points) time and size.
 *
 * @param series - y values, a {@link LineSeries}, or an array of them
 * @param options - see {@link LineOptions}
 * @returns a standalone `<svg>` element as a string
 * @throws LatentError `E_TYPE` (not numbers / series), `E_SHAPE` (x and y lengths differ, no
 *   series), `E_NOT_FINITE` (NaN or ±Infinity), `E_RANGE` (y ≤ 0 on a log axis, bad sizes),
 *   `E_OPTION` (unknown `yScale`)
 * @example
 * ```ts
 * const svg = lineSvg({ name: 'inertia', x: [1, 2, 3, 4], y: [90, 40, 22, 20] }, { mark: 3 });
 * svg.includes('inertia'); // true
 * ```
 * @see matplotlib's `pyplot.plot`
 */
export function lineSvg(series: ArrayLike<number> | LineSeries | readonly LineSeries[], options?: LineOptions): string {
  const fn = 'lineSvg';
  const o = readOptions(fn, options, LINE_KEYS);
  stringOption(fn, 'title', o.title);
  stringOption(fn, 'xLabel', o.xLabel);
  stringOption(fn, 'yLabel', o.yLabel);
  if (o.markers !== undefined) booleanOption(fn, 'markers', o.markers, false);
  if (o.legend !== undefined) booleanOption(fn, 'legend', o.legend, false);
  const width = assertNumber(fn, 'width', o.width ?? 560, 120, 20000);
  const height = assertNumber(fn, 'height', o.height ?? 340, 100, 20000);
  const yScale = assertOneOf(fn, 'yScale', o.yScale ?? 'linear', ['linear', 'log'] as const);
  const log = yScale === 'log';
  const list = resolve(fn, series, log);
  const markers = o.markers ?? list.every((s) => s.y.length <= 40);
  if (o.mark !== undefined && typeof o.mark !== 'number' && (typeof o.mark !== 'object' || o.mark === null)) {
    throw new LatentError('E_TYPE', `${fn}: mark must be a number or { x, label? }, got ${describe(o.mark)}`);
  }
  const mark = typeof o.mark === 'number' ? { x: o.mark } : o.mark;
  if (mark !== undefined) {
    assertNumber(fn, 'mark.x', mark.x);
    assertDrawable(fn, 'mark.x', mark.x);
    stringOption(fn, 'mark.label', mark.label);
  }

  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  let integer = true;
  for (const s of list) {
    for (let i = 0; i < s.x.length; i++) {
      const x = s.x[i]!;
      const y = s.y[i]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (!Number.isInteger(x)) integer = false;
    }
  }
  if (mark !== undefined) {
    x0 = Math.min(x0, mark.x);
    x1 = Math.max(x1, mark.x);
  }
  if (x0 === Infinity) [x0, x1, y0, y1] = [0, 1, log ? 1 : 0, log ? 10 : 1];
  if (!(x1 - x0 > (Math.abs(x0) + Math.abs(x1)) * 1e-12 + 1e-280)) [x0, x1] = [x0 - 1, x1 + 1];

  const entries: LegendEntry[] = (o.legend ?? true)
    ? list.filter((s) => s.name !== undefined).map((s) => ({ name: s.name!, color: s.color, shape: 'line' as const, dashed: s.dashed }))
    : [];
  const legendW = legendWidth(entries);
  const top = o.title ? 34 : 14;
  const frame: Frame = { left: 0, top, width: 0, height: height - top - (o.xLabel ? 48 : 32) };
  if (frame.height < 40) {
    throw new LatentError('E_RANGE', `${fn}: width × height ${width} × ${height} leaves no room for the plot`);
  }
  let yDomain: [number, number];
  let yTicks: Ticks;
  if (log) {
    yDomain = y0 === y1 ? [y0 / 2, y1 * 2] : [y0, y1];
    yTicks = logTicks(yDomain[0], yDomain[1]);
    // Less than a decade: round linear values read better than one lonely power of ten.
    if (yTicks.values.length < 3) {
      const t = niceTicks(yDomain[0], yDomain[1], 4);
      const keep = t.values.map((v, i) => [v, i] as const).filter(([v]) => v > 0);
      yTicks = { values: keep.map(([v]) => v), labels: keep.map(([, i]) => t.labels[i]!) };
    }
  } else {
    const count = Math.max(2, Math.round(frame.height / 55));
    yDomain = niceDomain(y0, y1, count);
    yTicks = niceTicks(yDomain[0], yDomain[1], count);
  }
  frame.left = leftMargin(yTicks.labels, o.yLabel !== undefined && o.yLabel !== '');
  frame.width = width - frame.left - 16 - (legendW ? legendW + 10 : 0);
  if (frame.width < 40) {
    throw new LatentError('E_RANGE', `${fn}: width × height ${width} × ${height} leaves no room for the plot`);
  }
  const xTicks = niceTicks(x0, x1, Math.max(2, Math.round(frame.width / 80)), integer);
  const xs: Scale = { d0: x0, d1: x1, r0: frame.left, r1: frame.left + frame.width, log: false };
  const ys: Scale = { d0: yDomain[0], d1: yDomain[1], r0: frame.top + frame.height, r1: frame.top, log };

  let out = svgOpen(width, height, o.title, 'line') + titleText(o.title, frame.left);
  out += axes({ frame, x: xs, y: ys, xTicks, yTicks, xLabel: o.xLabel, yLabel: o.yLabel, grid: true });

  if (mark !== undefined) {
    const px = fmt(project(xs, mark.x));
    out += `<g class="mark"><path d="M${px} ${fmt(frame.top)}V${fmt(frame.top + frame.height)}" stroke="#D55E00" stroke-width="1.5" stroke-dasharray="5 4"/>`;
    if (mark.label) {
      const rightSide = project(xs, mark.x) < frame.left + frame.width * 0.7;
      out += `<text x="${fmt(project(xs, mark.x) + (rightSide ? 5 : -5))}" y="${fmt(frame.top + 14)}" fill="#D55E00"${rightSide ? '' : ' text-anchor="end"'}>${escapeXml(mark.label)}</text>`;
    }
    out += '</g>';
  }

  out += '<g class="series" fill="none" stroke-width="2" stroke-linejoin="round" stroke-linecap="round">';
  for (const s of list) {
    let d = '';
    for (let i = 0; i < s.x.length; i++) d += `${i === 0 ? 'M' : 'L'}${fmt(project(xs, s.x[i]!))} ${fmt(project(ys, s.y[i]!))}`;
    if (d) out += `<path stroke="${escapeXml(s.color)}"${s.dashed ? ' stroke-dasharray="6 4"' : ''} d="${d}"/>`;
    if (markers && d) {
      let dots = '';
      for (let i = 0; i < s.x.length; i++) dots += `M${fmt(project(xs, s.x[i]!))} ${fmt(project(ys, s.y[i]!))}h0`;
      out += `<path stroke="${escapeXml(s.color)}" stroke-width="7" d="${dots}"/>`;
    }
  }
  out += '</g>';
  out += legend(entries, frame.left + frame.width + 12, frame.top, frame.height);
  return out + '</svg>';
}

/** Normalises the three accepted input shapes into validated series. */
function resolve(fn: string, series: ArrayLike<number> | LineSeries | readonly LineSeries[], log: boolean): Resolved[] {
  if (series === null || typeof series !== 'object') {
    throw new LatentError('E_TYPE', `${fn}: series must be an array of numbers, a series or an array of series, got ${describe(series)}`);
  }
  let raw: readonly LineSeries[];
  if ('y' in series) raw = [series];
  else if (Array.isArray(series) && series.length > 0 && typeof series[0] === 'object') raw = series as readonly LineSeries[];
  else raw = [{ y: series as ArrayLike<number> }];
  // Array.from, not map: a hole in the list must reach the check below (map skips it).
  return Array.from(raw, (s, k) => {
    const where = raw.length > 1 ? `series[${k}]` : 'series';
    if (s === null || typeof s !== 'object' || s.y === null || typeof s.y !== 'object' || typeof s.y.length !== 'number') {
      throw new LatentError('E_TYPE', `${fn}: ${where}.y must be an array of numbers, got ${describe(s?.y)}`);
    }
    const n = s.y.length;
    if (!Number.isSafeInteger(n) || n < 0) throw new LatentError('E_TYPE', `${fn}: ${where}.y must be an array of numbers, got an array-like of length ${describe(n)}`);
    assertAllocatable(fn, `${where}'s points`, 2 * n);
    const y = new Float64Array(n);
    const x = new Float64Array(n);
    if (s.x !== undefined && (s.x === null || typeof s.x !== 'object' || typeof s.x.length !== 'number')) {
      throw new LatentError('E_TYPE', `${fn}: ${where}.x must be an array of numbers, got ${describe(s.x)}`);
    }
    if (s.x !== undefined && s.x.length !== n) {
      throw new LatentError('E_SHAPE', `${fn}: ${where}.x length must equal its y length ${n}, got ${s.x.length}`);
    }
    for (let i = 0; i < n; i++) {
      const yi = s.y[i];
      const xi = s.x === undefined ? i + 1 : s.x[i];
      for (const [v, axis] of [[yi, 'y'], [xi, 'x']] as const) {
        if (typeof v !== 'number') throw new LatentError('E_TYPE', `${fn}: ${where}.${axis} must hold numbers, got ${describe(v)} at index ${i}`);
        if (!Number.isFinite(v)) throw new LatentError('E_NOT_FINITE', `${fn}: ${where}.${axis} must be finite, got ${describe(v)} at index ${i}`);
        if (!(Math.abs(v) <= PLOT_LIMIT)) assertDrawable(fn, `${where}.${axis} at index ${i}`, v);
      }
      if (log && (yi as number) <= 0) {
        throw new LatentError('E_RANGE', `${fn}: ${where}.y must be > 0 on a log axis, got ${describe(yi)} at index ${i}`);
      }
      y[i] = yi as number;
      x[i] = xi as number;
    }
    return { name: s.name, x, y, color: s.color ?? paletteColor(k), dashed: s.dashed ?? false };
  });
}
