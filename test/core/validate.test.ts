import { describe, expect, it } from 'vitest';
import {
  assertAllocatable,
  assertFinite,
  assertInteger,
  assertLabels,
  assertModel,
  assertNumber,
  assertOneOf,
  assertSize,
  throwIfAborted,
} from '../../src/core/validate.js';
import { expectLatentError } from '../helpers/latent-error.js';

describe('assertInteger', () => {
  it('returns valid integers', () => {
    expect(assertInteger('kmeans', 'k', 3, 1, 150)).toBe(3);
    expect(assertInteger('kmeans', 'k', 1, 1, 150)).toBe(1);
    expect(assertInteger('kmeans', 'k', 150, 1, 150)).toBe(150);
    expect(assertInteger('f', 'n', 0, 0)).toBe(0);
    expect(assertInteger('f', 'n', -0, 0)).toBe(-0);
  });

  it('names function, argument, range and received value', () => {
    expectLatentError(() => assertInteger('kmeans', 'k', 0, 1, 150), 'E_RANGE', 'kmeans: k must be an integer in [1, 150], got 0');
    expectLatentError(() => assertInteger('kmeans', 'k', 151, 1, 150), 'E_RANGE', 'got 151');
    expectLatentError(() => assertInteger('kmeans', 'k', 2.5, 1, 150), 'E_RANGE', 'got 2.5');
    expectLatentError(() => assertInteger('kmeans', 'k', NaN, 1, 150), 'E_RANGE', 'got NaN');
    expectLatentError(() => assertInteger('kmeans', 'k', Infinity, 1), 'E_RANGE', 'kmeans: k must be an integer >= 1, got Infinity');
    expectLatentError(() => assertInteger('kmeans', 'k', '3', 1, 150), 'E_TYPE', 'kmeans: k must be an integer in [1, 150], got "3"');
    expectLatentError(() => assertInteger('kmeans', 'k', undefined, 1), 'E_TYPE', 'got undefined');
  });
});

describe('assertNumber', () => {
  it('returns numbers inside the interval', () => {
    expect(assertNumber('pca', 'components', 0.95, 0, 1, true, true)).toBe(0.95);
    expect(assertNumber('f', 'x', -1e300)).toBe(-1e300);
    expect(assertNumber('f', 'x', 0, 0, 1)).toBe(0);
    expect(assertNumber('f', 'x', 1, 0, 1)).toBe(1);
  });

  it('describes the interval in the message', () => {
    expectLatentError(() => assertNumber('pca', 'components', 1, 0, 1, true, true), 'E_RANGE', 'pca: components must be a number in (0, 1), got 1');
    expectLatentError(() => assertNumber('pca', 'components', 0, 0, 1, true, true), 'E_RANGE', 'in (0, 1), got 0');
    expectLatentError(() => assertNumber('f', 'x', 2, 0, 1), 'E_RANGE', 'f: x must be a number in [0, 1], got 2');
    expectLatentError(() => assertNumber('f', 'x', -1, 0), 'E_RANGE', 'f: x must be a number >= 0, got -1');
    expectLatentError(() => assertNumber('f', 'x', 0, 0, Infinity, true), 'E_RANGE', 'f: x must be a number > 0, got 0');
    expectLatentError(() => assertNumber('f', 'x', 5, -Infinity, 1), 'E_RANGE', 'f: x must be a number <= 1, got 5');
    expectLatentError(() => assertNumber('f', 'x', 1, -Infinity, 1, false, true), 'E_RANGE', 'f: x must be a number < 1, got 1');
  });

  it('rejects non-finite values with E_NOT_FINITE and non-numbers with E_TYPE', () => {
    expectLatentError(() => assertNumber('tsne', 'perplexity', NaN, 0), 'E_NOT_FINITE', 'tsne: perplexity must be a number >= 0, got NaN');
    expectLatentError(() => assertNumber('f', 'x', Infinity), 'E_NOT_FINITE', 'f: x must be a finite number, got Infinity');
    expectLatentError(() => assertNumber('f', 'x', -Infinity), 'E_NOT_FINITE', 'got -Infinity');
    expectLatentError(() => assertNumber('f', 'x', null), 'E_TYPE', 'f: x must be a finite number, got null');
    expectLatentError(() => assertNumber('f', 'x', [1]), 'E_TYPE', 'got an array of length 1');
  });
});

describe('assertOneOf', () => {
  it('returns allowed values and lists the choices otherwise', () => {
    expect(assertOneOf('kmedoids', 'method', 'pam', ['fasterpam', 'pam', 'alternate'] as const)).toBe('pam');
    expectLatentError(
      () => assertOneOf('kmedoids', 'method', 'fast', ['fasterpam', 'pam', 'alternate'] as const),
      'E_OPTION',
      "kmedoids: method must be one of 'fasterpam', 'pam', 'alternate', got \"fast\"",
    );
    expectLatentError(() => assertOneOf('f', 'm', 1, ['a'] as const), 'E_OPTION', "f: m must be one of 'a', got 1");
    expectLatentError(() => assertOneOf('f', 'm', undefined, ['a'] as const), 'E_OPTION', 'got undefined');
  });
});

describe('assertFinite', () => {
  it('passes finite arrays', () => {
    expect(() => assertFinite('f', 'X', new Float64Array([0, -0, 1e308, -5e-324]))).not.toThrow();
    expect(() => assertFinite('f', 'X', [])).not.toThrow();
  });

  it('names the first bad index, or its row and column', () => {
    expectLatentError(() => assertFinite('pdist', 'X', new Float64Array([1, NaN]), 2), 'E_NOT_FINITE', 'pdist: X must be finite, got NaN at row 0, column 1');
    expectLatentError(() => assertFinite('pdist', 'X', [1, 2, 3, Infinity, NaN], 2), 'E_NOT_FINITE', 'got Infinity at row 1, column 1');
    expectLatentError(() => assertFinite('dot', 'a', [0, 0, -Infinity]), 'E_NOT_FINITE', 'dot: a must be finite, got -Infinity at index 2');
    expectLatentError(() => assertFinite('dot', 'a', [NaN], 0), 'E_NOT_FINITE', 'got NaN at index 0');
  });
});

describe('assertSize', () => {
  it('passes equal sizes and reports both otherwise', () => {
    expect(() => assertSize('dot', 'b length', 3, 3)).not.toThrow();
    expectLatentError(() => assertSize('cdist', 'Y columns', 4, 3), 'E_SHAPE', 'cdist: Y columns must be 3, got 4');
  });
});

describe('assertLabels', () => {
  it('returns an Int32Array (the same one when given an Int32Array)', () => {
    const out = assertLabels('silhouette', 'labels', [0, 1, 1], 3);
    expect(out).toBeInstanceOf(Int32Array);
    expect(Array.from(out)).toEqual([0, 1, 1]);
    const i32 = Int32Array.from([2, 0]);
    expect(assertLabels('f', 'labels', i32, 2)).toBe(i32);
    expect(Array.from(assertLabels('f', 'labels', new Float64Array([3, 0]), 2))).toEqual([3, 0]);
  });

  it('rejects wrong lengths, negatives, fractions and non-arrays', () => {
    expectLatentError(() => assertLabels('silhouette', 'labels', [0, 1], 3), 'E_SHAPE', 'silhouette: labels length must be 3, got 2');
    expectLatentError(() => assertLabels('f', 'labels', [0, -1], 2), 'E_RANGE', 'f: labels must hold non-negative integers, got -1 at index 1');
    expectLatentError(() => assertLabels('f', 'labels', Int32Array.from([0, -3]), 2), 'E_RANGE', 'got -3 at index 1');
    expectLatentError(() => assertLabels('f', 'labels', [0.5], 1), 'E_RANGE', 'got 0.5 at index 0');
    expectLatentError(() => assertLabels('f', 'labels', [NaN], 1), 'E_RANGE', 'got NaN');
    expectLatentError(() => assertLabels('f', 'labels', [2 ** 31], 1), 'E_RANGE', 'got 2147483648');
    expectLatentError(() => assertLabels('f', 'labels', null as unknown as number[], 1), 'E_TYPE', 'f: labels must be an array of integer labels, got null');
    expectLatentError(() => assertLabels('f', 'labels', 'ab' as unknown as number[], 2), 'E_TYPE', 'got "ab"');
  });
});

describe('assertModel', () => {
  it('accepts the right kind and a supported version', () => {
    expect(() => assertModel('pcaTransform', { kind: 'pca', version: 1 }, 'pca')).not.toThrow();
    expect(() => assertModel('f', { kind: 'pca', version: 2 }, 'pca', 2)).not.toThrow();
  });

  it('rejects non-objects, other kinds and unsupported versions with E_MODEL', () => {
    expectLatentError(() => assertModel('pcaTransform', null, 'pca'), 'E_MODEL', "pcaTransform: model must be a 'pca' model object, got null");
    expectLatentError(() => assertModel('pcaTransform', 'pca', 'pca'), 'E_MODEL', 'got "pca"');
    expectLatentError(() => assertModel('pcaTransform', { kind: 'kmeans', version: 1 }, 'pca'), 'E_MODEL', "pcaTransform: model must be of kind 'pca', got \"kmeans\"");
    expectLatentError(() => assertModel('pcaTransform', { version: 1 }, 'pca'), 'E_MODEL', 'got undefined');
    expectLatentError(() => assertModel('pcaTransform', { kind: 'pca', version: 2 }, 'pca'), 'E_MODEL', 'pcaTransform: model version must be an integer in [1, 1], got 2');
    expectLatentError(() => assertModel('f', { kind: 'pca', version: 0 }, 'pca'), 'E_MODEL', 'got 0');
    expectLatentError(() => assertModel('f', { kind: 'pca', version: 1.5 }, 'pca', 3), 'E_MODEL', 'in [1, 3], got 1.5');
    expectLatentError(() => assertModel('f', { kind: 'pca' }, 'pca'), 'E_MODEL', 'got undefined');
  });
});

describe('throwIfAborted', () => {
  it('throws E_ABORTED only once the signal has fired', () => {
    const ac = new AbortController();
    expect(() => throwIfAborted('tsne', ac.signal)).not.toThrow();
    expect(() => throwIfAborted('tsne', undefined)).not.toThrow();
    ac.abort();
    expectLatentError(() => throwIfAborted('tsne', ac.signal), 'E_ABORTED', "tsne: aborted by the caller's AbortSignal");
  });
});

describe('assertAllocatable', () => {
  it('allows up to the default 4 GiB budget per call and reports the size beyond', () => {
    expect(() => assertAllocatable('blobs', 'the points', 2 ** 29)).not.toThrow(); // exactly 4 GiB
    expectLatentError(() => assertAllocatable('blobs', 'the points', 2 ** 29 + 1), 'E_MEMORY', 'blobs: the points would take 4.0 GiB, more than the 4.0 GiB one call may allocate');
    expectLatentError(() => assertAllocatable('pdist', 'the condensed distance array', 2 ** 31), 'E_MEMORY', 'pdist: the condensed distance array would take 16.0 GiB');
  });

  it('rejects a negative or NaN count (an unvalidated size must not pass as small)', () => {
    expectLatentError(() => assertAllocatable('pdist', 'x', NaN), 'E_RANGE', 'pdist: x must have a size >= 0, got NaN');
    expectLatentError(() => assertAllocatable('pdist', 'x', -Infinity), 'E_RANGE', 'pdist: x must have a size >= 0');
    expectLatentError(() => assertAllocatable('pdist', 'x', -1), 'E_RANGE', 'pdist: x must have a size >= 0');
    expect(() => assertAllocatable('pdist', 'x', 0)).not.toThrow();
  });
});

