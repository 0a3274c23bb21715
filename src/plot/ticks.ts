/**
 * Axis ticks: "nice" round tick values (1, 2, 5 × 10ᵏ) for linear axes, decades for log
 * axes, and their compact labels. Shared by every plot.
 */

/** Tick values for one axis and the labels to print beside them. */
export interface Ticks {
  /** Tick positions in data units, ascending. */
  values: number[];
  /** Printed label for each tick (same length as `values`). */
  labels: string[];
}

/**
 * Round step near `span / count`: 1, 2, 2.5 or 5 times a power of ten (or a whole number
 * ≥ 1 when `integer`).
 */
function niceStep(span: number, count: number, integer: boolean): number {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const step = (f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10) * power;
  if (integer) return Math.max(1, Math.round(step === 2.5 * power && power < 1 ? 2 : step));
  return step;
}

/**
 * Label text for a tick value, with just enough decimals for the tick step.
 *
 * @param v - the tick value
 * @param step - the distance between neighbouring ticks (sets the decimals)
 * @returns the label, e.g. `'0.25'`, `'1200'`, `'1e+6'`
 * @example
 * ```ts
 * formatTick(0.25, 0.05); // '0.25'
 * formatTick(3, 1);       // '3'
 * ```
 */
export function formatTick(v: number, step: number): string {
  if (v === 0 || Object.is(v, -0)) return '0';
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) {
    const s = v.toExponential(Math.max(0, Math.min(6, Math.round(Math.log10(a) - Math.log10(step)))));
    return s.replace(/\.?0+e/, 'e');
  }
  const decimals = Math.min(10, decimalsOf(step));
  const s = v.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

/**
 * Round tick values covering `[lo, hi]` (about `count` of them), d3-style: the step is
 * 1, 2, 2.5 or 5 × 10ᵏ; ticks lie inside the interval.
 *
 * Runs in O(count). A zero-width interval is widened by one unit either side of its value
 * (or by 10 % of it) so constant data still gets a readable axis.
 *
 * @param lo - lower end (finite)
 * @param hi - upper end (finite, ≥ lo)
 * @param count - about how many ticks (≥ 1)
 * @param integer - only whole-number ticks (for k or epoch axes)
 * @returns the tick values and labels
 * @example
 * ```ts
 * niceTicks(0, 1, 5).values;   // [0, 0.2, 0.4, 0.6, 0.8, 1]
 * niceTicks(-3.2, 7, 4).labels; // ['-2.5', '0', '2.5', '5']
 * ```
 */
export function niceTicks(lo: number, hi: number, count = 5, integer = false): Ticks {
  [lo, hi] = widen(lo, hi);
  let step = niceStep(hi - lo, count, integer);
  // A short interval can fall between two multiples of the step: refine (at most 4 times).
  for (let k = 0; k < 4 && Math.floor(hi / step + 1e-9) < Math.ceil(lo / step - 1e-9); k++) {
    const finer = niceStep(hi - lo, count * 2 ** (k + 1), integer);
    if (finer === step) break;
    step = finer;
  }
  const start = Math.ceil(lo / step - 1e-9);
  const stop = Math.floor(hi / step + 1e-9);
  const values: number[] = [];
  // Bounded: the step is at least span / (10 * count), so this yields O(count) ticks.
  for (let i = start; i <= stop && values.length < 100; i++) values.push(Number((i * step).toPrecision(15)) + 0);
  return { values, labels: values.map((v) => formatTick(v, step)) };
}

/**
 * The interval `[lo, hi]` extended outwards to the nearest round ticks, so a chart's
 * frame starts and ends on a labelled value.
 *
 * @param lo - lower end
 * @param hi - upper end
 * @param count - about how many ticks
 * @param integer - whole-number steps only
 * @returns `[niceLo, niceHi]`
 * @example
 * ```ts
 * niceDomain(0.13, 0.87, 5); // [0.1, 0.9]
 * ```
 */
export function niceDomain(lo: number, hi: number, count = 5, integer = false): [number, number] {
  [lo, hi] = widen(lo, hi);
  const step = niceStep(hi - lo, count, integer);
  return [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
}

/**
 * Ticks for a base-10 logarithmic axis on `[lo, hi]` (both > 0): every decade, plus 2×
 * and 5× marks when the interval spans fewer than three decades.
 *
 * @param lo - lower end (> 0)
 * @param hi - upper end (≥ lo)
 * @returns the tick values and labels
 * @example
 * ```ts
 * logTicks(0.01, 10).labels; // ['0.01', '0.1', '1', '10']
 * ```
 */
export function logTicks(lo: number, hi: number): Ticks {
  const e0 = Math.floor(Math.log10(lo) + 1e-9);
  const e1 = Math.ceil(Math.log10(hi) - 1e-9);
  const dense = Math.log10(hi / lo) < 2.5;
  const values: number[] = [];
  for (let e = e0; e <= e1 && e - e0 < 400; e++) {
    for (const m of dense ? [1, 2, 5] : [1]) {
      const v = m * 10 ** e;
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) values.push(Number(v.toPrecision(12)));
    }
  }
  if (values.length === 0) values.push(Number(lo.toPrecision(3)));
  const labels = values.map((v) => (v >= 1e-3 && v < 1e6 ? String(v) : v.toExponential().replace(/\.?0+e/, 'e')));
  return { values, labels };
}

/** Digits after the decimal point in a step like 0.25 (2) or 5 (0). */
function decimalsOf(step: number): number {
  const text = String(Number(step.toPrecision(10)));
  const e = text.indexOf('e-');
  if (e >= 0) return Number(text.slice(e + 2)) + Math.max(0, e - 2);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** A zero-width interval becomes a readable one around its value. */
/**
 * `[lo, hi]` unchanged when it spans more than rounding noise; otherwise an interval of ±10 %
 * of the value (±1 at zero) around it, so a constant series still gets readable ticks.
 *
 * @param lo - lower end
 * @param hi - upper end
 * @returns the interval to draw
 * @example
 * ```ts
 * widen(5, 5); // [4.5, 5.5]
 * ```
 */
export function widen(lo: number, hi: number): [number, number] {
  if (hi - lo > (Math.abs(lo) + Math.abs(hi)) * 1e-12 + 1e-280) return [lo, hi];
  const d = Math.abs(lo) * 0.1 > 1e-280 ? Math.abs(lo) * 0.1 : 1;
  return [lo - d, hi + d];
}
