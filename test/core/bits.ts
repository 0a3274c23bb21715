/**
 * Bit-exact deep comparison for serialization tests: numbers by `Object.is` (NaN equals NaN,
 * −0 differs from +0), typed arrays by constructor and raw bytes, objects by own keys.
 */
export function bitEqual(a: unknown, b: unknown, path = 'value'): string | undefined {
  if (typeof a === 'number' || typeof b === 'number') {
    return Object.is(a, b) ? undefined : `${path}: ${String(a)} !== ${String(b)}`;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    return a === b ? undefined : `${path}: ${String(a)} !== ${String(b)}`;
  }
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b)) return `${path}: typed array vs other`;
    if (a.constructor !== b.constructor) return `${path}: ${a.constructor.name} vs ${b.constructor.name}`;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (x.length !== y.length) return `${path}: byte length ${x.length} vs ${y.length}`;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return `${path}: byte ${i} differs`;
    return undefined;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return `${path}: keys [${ka.join(',')}] vs [${kb.join(',')}]`;
  for (const k of ka) {
    if (!Object.hasOwn(b, k)) return `${path}: missing key ${k}`;
    const d = bitEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    if (d !== undefined) return d;
  }
  return undefined;
}
