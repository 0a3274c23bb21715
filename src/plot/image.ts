/**
 * A small grey-scale image (an 8 × 8 digit, a decoded sample) as an SVG string.
 */
import { LatentError, describe } from '../core/errors.js';
import { assertInteger, assertNumber, assertVector } from '../core/validate.js';
import { escapeXml, fmt } from './svg.js';
import { readOptions, stringOption, type OptionKeys } from '../core/options.js';

/** Options for {@link imageSvg}. */
export interface ImageOptions {
  /** Pixels per row of the image. */
  width: number;
  /** Rows of the image. @defaultValue pixels.length / width */
  height?: number;
  /** Size of one pixel on screen, in SVG units. @defaultValue 6 */
  cellSize?: number;
  /** Value drawn white. @defaultValue the smallest pixel */
  lo?: number;
  /** Value drawn black. @defaultValue the largest pixel */
  hi?: number;
  /** Tooltip / accessible name, and a caption under the image. @defaultValue none */
  title?: string;
}

const IMAGE_KEYS: OptionKeys<ImageOptions> = { width: true, height: true, cellSize: true, lo: true, hi: true, title: true };

/**
 * Draws a row-major grey-scale image (`lo` white … `hi` black) as one `<rect>` per
 * non-white pixel. O(width × height).
 *
 * @param pixels - `width × height` values, row by row
 * @param options - see {@link ImageOptions}
 * @returns a standalone `<svg>` element as a string
 * @throws LatentError `E_SHAPE` (pixel count is not width × height), `E_NOT_FINITE`,
 *   `E_RANGE`/`E_TYPE` (bad sizes)
 * @example
 * ```ts
 * imageSvg([0, 16, 16, 0], { width: 2 }).startsWith('<svg'); // true
 * ```
 * @see matplotlib's `pyplot.imshow` with `cmap='gray_r'`
 */
export function imageSvg(pixels: ArrayLike<number>, options: ImageOptions): string {
  const fn = 'imageSvg';
  const o = readOptions(fn, options, IMAGE_KEYS);
  stringOption(fn, 'title', o.title);
  if (pixels === null || typeof pixels !== 'object' || typeof pixels.length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: pixels must be an array of numbers, got ${describe(pixels)}`);
  }
  // Typed check too: a string such as '3' is not a pixel value.
  assertVector(fn, 'pixels', pixels, true);
  const w = assertInteger(fn, 'width', o.width, 1);
  const h = assertInteger(fn, 'height', o.height ?? Math.floor(pixels.length / w), 1);
  if (w * h !== pixels.length) {
    throw new LatentError('E_SHAPE', `${fn}: pixels length must be width × height = ${w * h}, got ${pixels.length}`);
  }
  const cell = assertNumber(fn, 'cellSize', o.cellSize ?? 6, 0, 1000, true);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < pixels.length; i++) {
    lo = Math.min(lo, pixels[i]!);
    hi = Math.max(hi, pixels[i]!);
  }
  lo = assertNumber(fn, 'lo', o.lo ?? lo);
  hi = assertNumber(fn, 'hi', o.hi ?? hi);
  // A range wider than Number.MAX_VALUE (pixels of ±MAX_VALUE): map halves, which cannot overflow.
  const wide = !(hi - lo < Infinity);
  const span = wide ? hi / 2 - lo / 2 : hi - lo || 1;
  const caption = o.title ? 14 : 0;
  const W = fmt(w * cell);
  const H = fmt(h * cell + caption);
  let out = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" class="latent-image"`;
  out += o.title ? ` role="img" aria-label="${escapeXml(o.title)}"><title>${escapeXml(o.title)}</title>` : '>';
  out += `<rect width="${W}" height="${fmt(h * cell)}" fill="#fff" stroke="#ccc" stroke-width="0.5"/>`;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = pixels[y * w + x]!;
      const t = Math.min(1, Math.max(0, (wide ? v / 2 - lo / 2 : v - lo) / span));
      const g = Math.round(255 * (1 - t));
      if (g >= 250) continue;
      out += `<rect x="${fmt(x * cell)}" y="${fmt(y * cell)}" width="${fmt(cell)}" height="${fmt(cell)}" fill="rgb(${g},${g},${g})"/>`;
    }
  }
  if (o.title) {
    out += `<text x="${fmt((w * cell) / 2)}" y="${fmt(h * cell + 11)}" text-anchor="middle" font-size="10" font-family="system-ui, sans-serif" fill="#333">${escapeXml(o.title)}</text>`;
  }
  return out + '</svg>';
}
