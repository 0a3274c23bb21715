/**
 * The parts every chart shares: the SVG root, a title, a framed plot area with ticks,
 * grid lines and axis labels, and a legend. Internal to the plot module.
 */
import { LatentError, describe } from '../core/errors.js';
import { escapeXml, fmt } from './svg.js';
import type { Ticks } from './ticks.js';

/** Font stack used by every plot (system UI fonts, no web font download). */
export const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif";

/**
 * Largest magnitude a plotted coordinate may have: the axis range, its round tick values and
 * the pixel mapping then stay finite (the nice domain can reach about 2.4× the data range).
 * Beyond it a chart refuses the data with `E_RANGE` rather than write NaN/Infinity into the SVG.
 */
export const PLOT_LIMIT = 1e307;

/**
 * Throws `E_RANGE` when `v` lies outside ±{@link PLOT_LIMIT}.
 *
 * @param fn - public function name
 * @param what - the value's name and position, e.g. `series.y at index 3`
 * @param v - a finite value
 * @throws LatentError `E_RANGE`
 */
export function assertDrawable(fn: string, what: string, v: number): void {
  if (v <= PLOT_LIMIT && v >= -PLOT_LIMIT) return;
  throw new LatentError('E_RANGE', `${fn}: ${what} must lie within ±${PLOT_LIMIT} to be drawn, got ${describe(v)}; rescale the data first`);
}

/** A linear or log mapping from data units to pixels. */
export interface Scale {
  /** Data value at the start of the range. */
  d0: number;
  /** Data value at the end of the range. */
  d1: number;
  /** Pixel at `d0`. */
  r0: number;
  /** Pixel at `d1`. */
  r1: number;
  /** Base-10 logarithmic when true. */
  log: boolean;
}

/** Pixel position of data value `v` on scale `s`. */
export function project(s: Scale, v: number): number {
  if (s.log) {
    const a = Math.log10(s.d0);
    return s.r0 + ((Math.log10(v) - a) / (Math.log10(s.d1) - a)) * (s.r1 - s.r0);
  }
  return s.r0 + ((v - s.d0) / (s.d1 - s.d0)) * (s.r1 - s.r0);
}

/** The plot area in pixels. */
export interface Frame {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Opening `<svg>` tag with an accessible title (closed by the caller with `</svg>`). */
export function svgOpen(width: number, height: number, title: string | undefined, kind: string): string {
  const label = escapeXml(title ?? kind);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `role="img" aria-label="${label}" font-family="${escapeXml(FONT)}" font-size="12" class="latent-${kind}">` +
    `<title>${label}</title><rect width="${width}" height="${height}" fill="#fff"/>`
  );
}

/** The chart title, top left. */
export function titleText(title: string | undefined, x: number): string {
  return title ? `<text x="${fmt(x)}" y="20" font-size="15" font-weight="600" fill="#222">${escapeXml(title)}</text>` : '';
}

/** What {@link axes} draws around a frame. */
export interface AxesSpec {
  frame: Frame;
  x: Scale;
  y: Scale;
  xTicks: Ticks;
  yTicks: Ticks;
  xLabel?: string | undefined;
  yLabel?: string | undefined;
  /** Draw light grid lines at every tick. */
  grid: boolean;
}

/** Grid lines, the frame, tick marks, tick labels and axis labels. */
export function axes(spec: AxesSpec): string {
  const { frame, x, y, xTicks, yTicks } = spec;
  const right = frame.left + frame.width;
  const bottom = frame.top + frame.height;
  let grid = '';
  let marks = '';
  let xText = '';
  let yText = '';
  for (let i = 0; i < xTicks.values.length; i++) {
    const px = fmt(project(x, xTicks.values[i]!));
    if (spec.grid) grid += `M${px} ${fmt(frame.top)}V${fmt(bottom)}`;
    marks += `M${px} ${fmt(bottom)}v5`;
    xText += `<text x="${px}" y="${fmt(bottom + 18)}">${escapeXml(xTicks.labels[i]!)}</text>`;
  }
  for (let i = 0; i < yTicks.values.length; i++) {
    const py = fmt(project(y, yTicks.values[i]!));
    if (spec.grid) grid += `M${fmt(frame.left)} ${py}H${fmt(right)}`;
    marks += `M${fmt(frame.left)} ${py}h-5`;
    yText += `<text x="${fmt(frame.left - 8)}" y="${py}" dy="0.32em">${escapeXml(yTicks.labels[i]!)}</text>`;
  }
  let out = '<g class="axes">';
  if (grid) out += `<path d="${grid}" stroke="#e8e8e8" fill="none"/>`;
  out += `<rect x="${fmt(frame.left)}" y="${fmt(frame.top)}" width="${fmt(frame.width)}" height="${fmt(frame.height)}" fill="none" stroke="#999"/>`;
  if (marks) out += `<path d="${marks}" stroke="#999" fill="none"/>`;
  out += `<g fill="#444" text-anchor="middle">${xText}</g><g fill="#444" text-anchor="end">${yText}</g>`;
  if (spec.xLabel) {
    out += `<text x="${fmt(frame.left + frame.width / 2)}" y="${fmt(bottom + 36)}" text-anchor="middle" fill="#222">${escapeXml(spec.xLabel)}</text>`;
  }
  if (spec.yLabel) {
    const cx = fmt(14);
    const cy = fmt(frame.top + frame.height / 2);
    out += `<text transform="translate(${cx} ${cy}) rotate(-90)" text-anchor="middle" dy="0.32em" fill="#222">${escapeXml(spec.yLabel)}</text>`;
  }
  return out + '</g>';
}

/** One legend row. */
export interface LegendEntry {
  name: string;
  color: string;
  /** Swatch: a dot (scatter) or a short line (line chart). */
  shape: 'dot' | 'line';
  /** Dashed line swatch. */
  dashed?: boolean;
}

/** Approximate rendered width of `text` at 12px in a sans-serif font. */
export function textWidth(text: string): number {
  return text.length * 6.8;
}

/** Left margin that fits the y tick labels (and the rotated y-axis label). */
export function leftMargin(labels: readonly string[], yLabel: boolean): number {
  let w = 0;
  for (const l of labels) w = Math.max(w, textWidth(l));
  return Math.max(40, Math.ceil(w) + 14 + (yLabel ? 22 : 2));
}

/** Width the legend needs beside the plot (0 when there is none). */
export function legendWidth(entries: readonly LegendEntry[]): number {
  if (entries.length === 0) return 0;
  let w = 0;
  for (const e of entries) w = Math.max(w, textWidth(e.name));
  return Math.min(220, Math.ceil(w) + 34);
}

/**
 * A vertical legend at (x, y). Rows that do not fit in `maxHeight` are summarised as
 * "+ N more".
 */
export function legend(entries: readonly LegendEntry[], x: number, y: number, maxHeight: number): string {
  if (entries.length === 0) return '';
  const rowH = 18;
  const fit = Math.max(1, Math.floor(maxHeight / rowH));
  const shown = entries.length <= fit ? entries.length : fit - 1;
  let out = `<g class="legend" fill="#333">`;
  for (let i = 0; i < shown; i++) {
    const e = entries[i]!;
    const cy = y + i * rowH + 9;
    out +=
      e.shape === 'dot'
        ? `<circle cx="${fmt(x + 6)}" cy="${fmt(cy)}" r="4.5" fill="${e.color}"/>`
        : `<path d="M${fmt(x)} ${fmt(cy)}h14" stroke="${e.color}" stroke-width="2.5"${e.dashed ? ' stroke-dasharray="4 3"' : ''}/>`;
    out += `<text x="${fmt(x + 20)}" y="${fmt(cy)}" dy="0.32em">${escapeXml(e.name)}</text>`;
  }
  if (shown < entries.length) {
    out += `<text x="${fmt(x)}" y="${fmt(y + shown * rowH + 9)}" dy="0.32em" fill="#777">+ ${entries.length - shown} more</text>`;
  }
  return out + '</g>';
}
