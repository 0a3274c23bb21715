/**
 * Small helpers shared by the SVG plots: escaping, compact number formatting and the
 * colour palette.
 */

/**
 * Escapes text for use inside SVG/XML element content or attribute values.
 *
 * @param text - any text
 * @returns the escaped text
 * @example
 * ```ts
 * escapeXml('a < b & "c"'); // 'a &lt; b &amp; &quot;c&quot;'
 * ```
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Formats a coordinate compactly (at most 2 decimals, no trailing zeros) to keep SVGs small.
 *
 * @param x - a finite number
 * @returns its short text
 * @example
 * ```ts
 * fmt(1.23456); // '1.23'
 * fmt(2);       // '2'
 * ```
 */
export function fmt(x: number): string {
  const r = Math.round(x * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Colour-blind-safe categorical palette (Okabe–Ito, extended with Paul Tol's muted
 * colours for more than 8 classes).
 */
export const PALETTE: readonly string[] = Object.freeze([
  '#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000',
  '#332288', '#88CCEE', '#44AA99', '#117733', '#999933', '#DDCC77', '#CC6677', '#882255', '#AA4499',
]);

/**
 * Colour for category `i` (cycles through {@link PALETTE}).
 *
 * @param i - category index ≥ 0
 * @returns a CSS colour
 * @example
 * ```ts
 * paletteColor(0); // '#0072B2'
 * ```
 */
export function paletteColor(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length]!;
}
