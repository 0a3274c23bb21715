import { describe, expect, it } from 'vitest';
import { LatentError, describe as describeValue, isLatentError, type LatentErrorCode } from '../../src/core/errors.js';
import { kmeans } from '../../src/cluster/kmeans/kmeans.js';

describe('LatentError', () => {
  it('is an Error carrying a stable code, a name and the message', () => {
    const e = new LatentError('E_RANGE', 'kmeans: k must be an integer in [1, 150], got 0');
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(LatentError);
    expect(e.code).toBe('E_RANGE');
    expect(e.name).toBe('LatentError');
    expect(e.message).toBe('kmeans: k must be an integer in [1, 150], got 0');
    expect(String(e)).toBe('LatentError: kmeans: k must be an integer in [1, 150], got 0');
    expect(typeof e.stack).toBe('string');
  });
});

describe('isLatentError', () => {
  it('recognises LatentError and nothing else', () => {
    expect(isLatentError(new LatentError('E_SHAPE', 'x'))).toBe(true);
    expect(isLatentError(new Error('x'))).toBe(false);
    expect(isLatentError(new TypeError('x'))).toBe(false);
    expect(isLatentError({ code: 'E_SHAPE', name: 'LatentError', message: 'x' })).toBe(false);
    expect(isLatentError(null)).toBe(false);
    expect(isLatentError(undefined)).toBe(false);
    expect(isLatentError('LatentError')).toBe(false);
    expect(isLatentError(42)).toBe(false);
  });

  it('works across copies of the library (ESM + CJS): the brand is a global symbol', () => {
    // Simulate an error thrown by another copy: a different class carrying the same registered symbol.
    class OtherCopyError extends Error {
      readonly code = 'E_RANGE';
    }
    const foreign = new OtherCopyError('from the other build');
    Object.defineProperty(foreign, Symbol.for('latent.LatentError'), { value: true });
    expect(foreign instanceof LatentError).toBe(false);
    expect(isLatentError(foreign)).toBe(true);
    const plain = { [Symbol.for('latent.LatentError')]: true, code: 'E_TYPE', message: 'm' };
    expect(isLatentError(plain)).toBe(true);
  });

  it('requires the brand to be exactly true and the symbol to be the registered one', () => {
    expect(isLatentError({ [Symbol.for('latent.LatentError')]: 1 })).toBe(false);
    expect(isLatentError({ [Symbol('latent.LatentError')]: true })).toBe(false);
  });

  it('a structuredClone of the error is a plain Error: the symbol brand is not cloned', () => {
    const clone = structuredClone(new LatentError('E_RANGE', 'x'));
    expect(clone).toBeInstanceOf(Error);
    expect(isLatentError(clone)).toBe(false);
  });

  it('the documented Worker pattern (send code and message, rebuild) restores code, message and brand', () => {
    let sent: { code: string; message: string } | null = null;
    try {
      kmeans([[0, 0]], { k: 2 });
    } catch (e) {
      if (isLatentError(e)) sent = structuredClone({ code: e.code, message: e.message });
    }
    expect(sent).not.toBeNull();
    const rebuilt = new LatentError(sent!.code as LatentErrorCode, sent!.message);
    expect(isLatentError(rebuilt)).toBe(true);
    expect(rebuilt.code).toBe('E_RANGE');
    expect(rebuilt.message).toMatch(/^kmeans: k /);
  });
});

describe('describe (received-value text in messages)', () => {
  it('prints each kind of value briefly', () => {
    expect(describeValue(null)).toBe('null');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(NaN)).toBe('NaN');
    expect(describeValue(-2.5)).toBe('-2.5');
    expect(describeValue(Infinity)).toBe('Infinity');
    expect(describeValue('abc')).toBe('"abc"');
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}…"`);
    expect(describeValue(true)).toBe('true');
    expect(describeValue(3n)).toBe('3');
    expect(describeValue(() => 1)).toBe('a function');
    expect(describeValue([1, 2])).toBe('an array of length 2');
    expect(describeValue(new Float32Array(3))).toBe('a Float32Array of length 3');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(Symbol('s'))).toBe('symbol');
  });
});
