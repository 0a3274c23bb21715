/**
 * Decimal numbers as the command line and CSV cells write them. `Number()` also reads
 * `0x1F`, `0b101`, `0o17`, `Infinity` and surrounding whitespace, which in a data file are
 * typos or IDs, not values: the CLI accepts plain decimal notation only.
 */

/** Optional sign, digits with an optional fraction (or a bare fraction), optional exponent. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Reads `text` as a finite decimal number: `12`, `-0.5`, `.5`, `5.`, `1e-3`, `+2E+4`.
 * Hexadecimal, binary and octal literals, `Infinity`, `NaN`, digit separators, inner
 * whitespace and values that overflow to ±Infinity give NaN. Leading and trailing
 * whitespace is ignored (CSV cells are often padded). O(length of text).
 *
 * @param text - the text of a cell or option value
 * @returns the number, or NaN when `text` is not a finite decimal number
 * @example
 * ```ts
 * parseDecimal(' 2.5e1 '); // 25
 * parseDecimal('0x1F');    // NaN
 * ```
 */
export function parseDecimal(text: string): number {
  const t = text.trim();
  if (!DECIMAL.test(t)) return NaN;
  const v = Number(t);
  return Number.isFinite(v) ? v : NaN;
}
