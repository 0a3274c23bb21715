/** Small sanity checks of results, composed by the specs. Each returns a problem or undefined. */
import { shapeOf } from './gen.js';

export type Problem = string | undefined;

/** A `{ rows, cols, data: Float64Array }` of the expected shape (when given). */
export function matrix64(out: unknown, rows?: number, cols?: number, what = 'result'): Problem {
  if (typeof out !== 'object' || out === null) return `${what} is not a Matrix`;
  const m = out as { rows?: unknown; cols?: unknown; data?: unknown };
  if (!(m.data instanceof Float64Array)) return `${what}.data is not a Float64Array`;
  if (typeof m.rows !== 'number' || typeof m.cols !== 'number') return `${what} has no numeric rows/cols`;
  if (m.data.length !== m.rows * m.cols) return `${what}.data length ${m.data.length} ≠ rows·cols = ${m.rows}·${m.cols}`;
  if (rows !== undefined && m.rows !== rows) return `${what} has ${m.rows} rows, expected ${rows}`;
  if (cols !== undefined && m.cols !== cols) return `${what} has ${m.cols} columns, expected ${cols}`;
  return undefined;
}

/** Any Matrix (Float64 or Float32 data). */
export function anyMatrix(out: unknown, rows?: number, cols?: number, what = 'result'): Problem {
  if (typeof out !== 'object' || out === null) return `${what} is not a Matrix`;
  const m = out as { rows?: unknown; cols?: unknown; data?: unknown };
  if (!(m.data instanceof Float64Array || m.data instanceof Float32Array)) return `${what}.data is not a float array`;
  if (m.data.length !== (m.rows as number) * (m.cols as number)) return `${what}.data length ≠ rows·cols`;
  if (rows !== undefined && m.rows !== rows) return `${what} has ${String(m.rows)} rows, expected ${rows}`;
  if (cols !== undefined && m.cols !== cols) return `${what} has ${String(m.cols)} columns, expected ${cols}`;
  return undefined;
}

/** An Int32Array of length n with values in [lo, hi). */
export function int32(out: unknown, n: number | undefined, lo: number, hi: number, what = 'result'): Problem {
  if (!(out instanceof Int32Array)) return `${what} is not an Int32Array`;
  if (n !== undefined && out.length !== n) return `${what} has length ${out.length}, expected ${n}`;
  for (let i = 0; i < out.length; i++) if (out[i]! < lo || out[i]! >= hi) return `${what}[${i}] = ${out[i]} outside [${lo}, ${hi})`;
  return undefined;
}

/** A Float64Array of length n (values in [lo, hi] when given). */
export function float64(out: unknown, n: number | undefined, what: string = 'result', lo: number = -Infinity, hi: number = Infinity): Problem {
  if (!(out instanceof Float64Array)) return `${what} is not a Float64Array`;
  if (n !== undefined && out.length !== n) return `${what} has length ${out.length}, expected ${n}`;
  for (let i = 0; i < out.length; i++) if (out[i]! < lo || out[i]! > hi) return `${what}[${i}] = ${out[i]} outside [${lo}, ${hi}]`;
  return undefined;
}

/** A number in [lo, hi] (NaN is judged by the finiteness rule, not here). */
export function numberIn(out: unknown, lo: number, hi: number, what = 'result'): Problem {
  if (typeof out !== 'number') return `${what} is not a number`;
  if (out < lo || out > hi) return `${what} = ${out} outside [${lo}, ${hi}]`;
  return undefined;
}

/**
 * Non-finite values of the float array at `path` in `out` are allowed only where the same
 * path of `before` (the argument as it was before the call) held the same value: a documented
 * pass-through of tampered data the function does not read (e.g. an HNSW vector no search met,
 * a UMAP state's training data during a step). Pair it with the spec's `nonFinite` for that path.
 */
export function passedThrough(out: unknown, before: unknown, path: readonly string[]): Problem {
  const at = (v: unknown): unknown => path.reduce<unknown>((o, k) => (typeof o === 'object' && o !== null ? (o as Record<string, unknown>)[k] : undefined), v);
  const o = at(out);
  const b = at(before);
  if (!(o instanceof Float64Array || o instanceof Float32Array)) return undefined;
  for (let t = 0; t < o.length; t++) {
    const v = o[t]!;
    if (Number.isFinite(v)) continue;
    const was = b instanceof Float64Array || b instanceof Float32Array ? b[t] : undefined;
    if (!Object.is(was, v)) return `.${path.join('.')}[${t}] = ${v} was not in the argument (${String(was)}): not a pass-through`;
  }
  return undefined;
}

/** A model object tagged with `kind` and version 1. */
export function model(out: unknown, kind: string): Problem {
  if (typeof out !== 'object' || out === null) return 'result is not a model object';
  const m = out as { kind?: unknown; version?: unknown };
  if (m.kind !== kind) return `result.kind is ${String(m.kind)}, expected ${kind}`;
  if (m.version !== 1) return `result.version is ${String(m.version)}, expected 1`;
  return undefined;
}

/** A valid SVG document string. */
export function svg(out: unknown): Problem {
  if (typeof out !== 'string') return 'result is not a string';
  if (!out.startsWith('<svg')) return 'result does not start with <svg';
  if (!out.trimEnd().endsWith('</svg>')) return 'result does not end with </svg>';
  if (/<script/i.test(out)) return 'result contains an unescaped <script> element';
  if (/NaN|Infinity|undefined/.test(out)) return `result contains ${/NaN|Infinity|undefined/.exec(out)![0]}`;
  return undefined;
}

/** Rows of a MatrixLike argument. */
export function rowsOf(X: unknown): number {
  return shapeOf(X).rows;
}

/** Columns of a MatrixLike argument. */
export function colsOf(X: unknown): number {
  return shapeOf(X).cols;
}

/** The first problem of several checks. */
export function first(...problems: (() => Problem)[]): Problem {
  for (const p of problems) {
    const r = p();
    if (r !== undefined) return r;
  }
  return undefined;
}
