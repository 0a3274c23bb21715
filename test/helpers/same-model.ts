import { expect } from 'vitest';

/**
 * Asserts that two plain-data values are equal, comparing typed arrays element by element with
 * `Object.is` (vitest's deep equality is slow on long typed arrays) and everything else with
 * `toEqual`. Reports the first differing path and index.
 */
export function expectSame(a: unknown, b: unknown, path = 'value'): void {
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    expect(Object.prototype.toString.call(a), `${path}: type`).toBe(Object.prototype.toString.call(b));
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    expect(x.length, `${path}: length`).toBe(y.length);
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) expect(x[i], `${path}[${i}]`).toBe(y[i]);
    return;
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && !Array.isArray(a)) {
    const ka = Object.keys(a).sort();
    expect(ka, `${path}: keys`).toEqual(Object.keys(b).sort());
    for (const k of ka) expectSame((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
    return;
  }
  expect(a, path).toEqual(b);
}
