import { XMLValidator } from 'fast-xml-parser';

/** Throws with the parser's message unless `svg` is well-formed XML. */
export function assertWellFormed(svg: string): void {
  const r = XMLValidator.validate(svg);
  if (r !== true) throw new Error(`invalid XML: ${JSON.stringify(r.err)}`);
}

/** Number of occurrences of `needle` in `text`. */
export function count(text: string, needle: string | RegExp): number {
  return typeof needle === 'string' ? text.split(needle).length - 1 : (text.match(needle) ?? []).length;
}
