/**
 * Cell policy of the hot-path vector ops (core/vector.ts, core/interpolate.ts): a plain-array cell
 * that is not a number is E_TYPE naming the function, argument and index — never coerced
 * (fuzz finding core/vector-ops-coerce-cells: dot([1, null], [1, 5]) was 1).
 */
import { describe, expect, it } from 'vitest';
import { add, cellError, dot, norm, normalize, scale, sub } from '../../src/core/vector.js';
import { lerp, slerp } from '../../src/core/interpolate.js';
import { expectLatentError } from '../helpers/latent-error.js';

/** Each bad cell and how the message shows it. */
// eslint-disable-next-line no-sparse-arrays
const hole = [1, , 3] as unknown as number[];
const BAD: [string, unknown, string][] = [
  ['null', null, 'got null'],
  ['undefined', undefined, 'got undefined'],
  ['a numeric string', '3', 'got "3"'],
  ['an empty string', '', 'got ""'],
  ['a boolean', true, 'got true'],
  ['an object', { valueOf: () => 2 }, 'got an object'],
  ['an array', [2], 'got an array of length 1'],
  ['a function', () => 2, 'got a function'],
];
const withCell = (x: unknown, at = 1): number[] => {
  const v: unknown[] = [1, 2, 3];
  v[at] = x;
  return v as number[];
};

type Op = (a: ArrayLike<number>, b: ArrayLike<number>) => unknown;
const TWO: [string, Op][] = [
  ['dot', dot],
  ['add', (a, b) => add(a, b)],
  ['sub', (a, b) => sub(a, b)],
  ['lerp', (a, b) => lerp(a, b, 0.25)],
  ['slerp', (a, b) => slerp(a, b, 0.25)],
];
const ONE: [string, (a: ArrayLike<number>) => unknown][] = [
  ['norm', norm],
  ['normalize', (a) => normalize(a)],
  ['scale', (a) => scale(a, 2)],
];

describe('vector ops: a cell that is not a number is E_TYPE', () => {
  for (const [name, op] of TWO) {
    it(`${name} names the argument and index, for a and for b`, () => {
      for (const [, x, got] of BAD) {
        expectLatentError(() => op(withCell(x), [1, 5, 2]), 'E_TYPE', `${name}: a[1] must be a number, ${got}`);
        expectLatentError(() => op([1, 5, 2], withCell(x, 2)), 'E_TYPE', `${name}: b[2] must be a number, ${got}`);
        expectLatentError(() => op(new Float64Array([1, 5, 2]), withCell(x, 0)), 'E_TYPE', `${name}: b[0] must be a number, ${got}`);
      }
      expectLatentError(() => op(hole, [1, 5, 2]), 'E_TYPE', `${name}: a[1] must be a number, got an empty slot (hole)`);
    });
  }
  for (const [name, op] of ONE) {
    it(`${name} names the index`, () => {
      for (const [, x, got] of BAD) expectLatentError(() => op(withCell(x)), 'E_TYPE', `${name}: a[1] must be a number, ${got}`);
      expectLatentError(() => op(hole), 'E_TYPE', `${name}: a[1] must be a number, got an empty slot (hole)`);
      expectLatentError(() => op({ length: 2, 0: 1 }), 'E_TYPE', `${name}: a[1] must be a number, got an empty slot (hole)`);
    });
  }

  it('checks in the in-place forms too (out aliases a typed input, the other input is a plain array)', () => {
    const out = new Float64Array([1, 2, 3]);
    expectLatentError(() => add(out, withCell(null), out), 'E_TYPE', 'add: b[1] must be a number, got null');
    expectLatentError(() => sub(withCell('2'), out, out), 'E_TYPE', 'sub: a[1] must be a number, got "2"');
    expectLatentError(() => scale(withCell(false), 2, out.subarray(0)), 'E_TYPE', 'scale: a[1] must be a number, got false');
    expectLatentError(() => lerp(out, withCell(undefined), 0.5, out), 'E_TYPE', 'lerp: b[1] must be a number, got undefined');
  });

  it('a NaN earlier in the vector does not hide a bad cell later (slerp, norm)', () => {
    expectLatentError(() => slerp([NaN, null] as unknown as number[], [1, 1], 0.5), 'E_TYPE', 'slerp: a[1] must be a number, got null');
    expectLatentError(() => norm([NaN, '1'] as unknown as number[]), 'E_TYPE', 'norm: a[1] must be a number, got "1"');
    expectLatentError(() => dot([Infinity, 1], [1, null] as unknown as number[]), 'E_TYPE', 'dot: b[1] must be a number, got null');
  });

  it('the issue example: dot([1, null], [1, 5]) is no longer 1', () => {
    expectLatentError(() => dot([1, null] as unknown as number[], [1, 5]), 'E_TYPE', 'dot: a[1] must be a number, got null');
  });

  it('numbers, NaN and typed arrays of every kind are unaffected', () => {
    expect(dot([1, 2], new Int32Array([3, 4]))).toBe(11);
    expect(dot(new Float32Array([0.5, 2]), new Uint8Array([2, 3]))).toBe(7);
    expect(Number.isNaN(dot([NaN, 1], [1, 1]))).toBe(true);
    expect(Number.isNaN(norm([NaN]))).toBe(true);
    expect(Array.from(add(new Float32Array([1, 2]), [3, 4]))).toEqual([4, 6]);
    expect(Array.from(normalize(new Int8Array([3, 4])))).toEqual([0.6, 0.8]);
    // An array whose element kind is generic (it held a string once) but holds only numbers now.
    const g: unknown[] = ['x'];
    g.pop();
    g.push(3, 4);
    expect(norm(g as number[])).toBe(5);
  });

  it('cellError scans a, then b, and stays a total function', () => {
    expect(cellError('f', [1, null], [null, 1]).message).toBe('f: a[1] must be a number, got null');
    expect(cellError('f', [1, 2], [Symbol('s')]).message).toBe('f: b[0] must be a number, got symbol');
    expect(cellError('f', ['x'.repeat(50)]).message).toBe(`f: a[0] must be a number, got "${'x'.repeat(40)}…"`);
    expect(cellError('f', [1], [2]).message).toBe('f: a and b must hold numbers');
  });
});
