import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  booleanOption,
  closestName,
  enumOption,
  functionOption,
  integerIn,
  isPlainObject,
  numberIn,
  readOptions,
  seedOption,
  signalOption,
} from '../../src/core/options.js';
import { expectLatentError as expectCode } from '../helpers/latent-error.js';

interface DemoOptions {
  components?: number;
  whiten?: boolean;
  solver?: string;
}
const KEYS = { components: true, whiten: true, solver: true } as const;

describe('readOptions', () => {
  it('returns {} for undefined and the object itself otherwise', () => {
    expect(readOptions<DemoOptions>('pca', undefined, KEYS)).toEqual({});
    const o = { components: 2 };
    expect(readOptions<DemoOptions>('pca', o, KEYS)).toBe(o);
    expect(readOptions<DemoOptions>('pca', Object.create(null) as DemoOptions, KEYS)).toEqual({});
  });

  it('rejects non-objects where the options object belongs with E_TYPE', () => {
    for (const bad of [null, 2, 'ward', true, [1], new Float64Array(1), () => 1, new Date(0)]) {
      expectCode(() => readOptions<DemoOptions>('pca', bad as unknown as DemoOptions, KEYS), 'E_TYPE', 'pca: options must be an object, got');
    }
  });

  it('names an unknown key and the closest valid one (E_OPTION)', () => {
    expectCode(() => readOptions<DemoOptions>('pca', { nComponents: 1 } as DemoOptions, KEYS), 'E_OPTION', "pca: unknown option 'nComponents' (did you mean 'components'?)");
    expectCode(() => readOptions<DemoOptions>('pca', { n_components: 1 } as DemoOptions, KEYS), 'E_OPTION', "(did you mean 'components'?)");
    expectCode(() => readOptions<DemoOptions>('pca', { whitten: true } as DemoOptions, KEYS), 'E_OPTION', "did you mean 'whiten'?");
    // Far from every key: list them instead of guessing.
    expectCode(() => readOptions<DemoOptions>('pca', { zzzzzzzz: 1 } as DemoOptions, KEYS), 'E_OPTION', "valid: 'components', 'whiten', 'solver'");
    // A misspelt key is an error even when its value is undefined.
    expectCode(() => readOptions<DemoOptions>('pca', { solvr: undefined } as DemoOptions, KEYS), 'E_OPTION', "unknown option 'solvr'");
  });

  it('closestName handles typos, case, snake_case and n_ prefixes', () => {
    expect(closestName('metrc', ['metric', 'k'])).toBe('metric');
    expect(closestName('n_iter', ['iterations', 'perplexity'])).toBe('iterations');
    expect(closestName('MinDist', ['minDist', 'spread'])).toBe('minDist');
    expect(closestName('min_dist', ['minDist', 'spread'])).toBe('minDist');
    expect(closestName('qwerty', ['k', 'seed'])).toBeUndefined();
  });

  it('isPlainObject accepts objects from JSON and structuredClone only', () => {
    expect(isPlainObject(JSON.parse('{"a":1}'))).toBe(true);
    expect(isPlainObject(structuredClone({ a: 1 }))).toBe(true);
    expect(isPlainObject(new Map())).toBe(false);
    expect(isPlainObject([])).toBe(false);
  });

  it('every known key passes and every other key fails (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.integer()), (o) => {
        const unknown = Object.keys(o).filter((k) => !Object.hasOwn(KEYS, k));
        if (unknown.length === 0) expect(readOptions<DemoOptions>('f', o as DemoOptions, KEYS)).toBe(o);
        else expectCode(() => readOptions<DemoOptions>('f', o, KEYS), 'E_OPTION', `unknown option '${unknown[0]}'`);
      }),
    );
  });
});

describe('typed option helpers', () => {
  it('numberIn states named bounds', () => {
    expect(numberIn('f', 'x', 0.5, { min: 0, max: 1, open: true })).toBe(0.5);
    expectCode(() => numberIn('f', 'x', 1, { min: 0, max: 1, open: true }), 'E_RANGE', 'f: x must be a number in (0, 1), got 1');
    expectCode(() => numberIn('f', 'x', 0, { min: 0, open: 'min' }), 'E_RANGE', 'f: x must be a number > 0, got 0');
    expectCode(() => numberIn('f', 'x', 2, { max: 1, open: 'max' }), 'E_RANGE', 'f: x must be a number < 1, got 2');
    expectCode(() => numberIn('f', 'x', NaN), 'E_NOT_FINITE', 'f: x must be a finite number, got NaN');
    expectCode(() => numberIn('f', 'x', '1'), 'E_TYPE', 'got "1"');
  });

  it('integerIn rejects fractions, strings and values outside the bounds', () => {
    expect(integerIn('f', 'k', 3, { min: 1, max: 5 })).toBe(3);
    expectCode(() => integerIn('f', 'k', 2.5, { min: 1 }), 'E_RANGE', 'f: k must be an integer >= 1, got 2.5');
    expectCode(() => integerIn('f', 'k', 6, { min: 1, max: 5 }), 'E_RANGE', 'f: k must be an integer in [1, 5], got 6');
    expectCode(() => integerIn('f', 'k', '3'), 'E_TYPE', 'f: k must be an integer, got "3"');
  });

  it("booleanOption: 'false', 0 and null are not booleans", () => {
    expect(booleanOption('f', 'spherical', undefined, true)).toBe(true);
    expect(booleanOption('f', 'spherical', false, true)).toBe(false);
    for (const bad of ['false', 0, null, 1]) expectCode(() => booleanOption('f', 'spherical', bad, false), 'E_TYPE', 'f: spherical must be a boolean');
  });

  it('enumOption suggests the closest value', () => {
    expect(enumOption('f', 'init', undefined, ['spectral', 'pca'] as const, 'spectral')).toBe('spectral');
    expectCode(() => enumOption('f', 'init', 'spectrl', ['spectral', 'pca'] as const, 'pca'), 'E_OPTION', "f: init must be one of 'spectral', 'pca', got \"spectrl\" (did you mean 'spectral'?)");
    expectCode(() => enumOption('f', 'init', 3, ['spectral', 'pca'] as const, 'pca'), 'E_OPTION', 'got 3');
  });

  it('seed, function and signal options', () => {
    expect(seedOption('f', undefined, 42)).toBe(42);
    expectCode(() => seedOption('f', -1, 42), 'E_RANGE', 'f: seed must be an integer in [0, 4294967295], got -1');
    expect(functionOption('f', 'onProgress', undefined)).toBeUndefined();
    expectCode(() => functionOption('f', 'onProgress', 'x' as unknown as () => void), 'E_TYPE', 'f: onProgress must be a function, got "x"');
    const ac = new AbortController();
    expect(signalOption('f', ac.signal)).toBe(ac.signal);
    expectCode(() => signalOption('f', {}), 'E_TYPE', 'f: signal must be an AbortSignal, got an object');
  });
});

describe('readOptions: null is never "the default" (fuzz: options/null-means-default)', () => {
  it('a key set to null is E_TYPE naming the key; undefined keeps the default', () => {
    expectCode(() => readOptions('oneHotFit', { order: null }, { order: true }), 'E_TYPE', 'oneHotFit: order must be a value, or undefined for its default, got null');
    expect(readOptions('f', { order: undefined }, { order: true })).toEqual({ order: undefined });
  });
  it('reaches the public entry points', async () => {
    const { oneHotFit } = await import('../../src/preprocess/one-hot.js');
    const { kmeans } = await import('../../src/cluster/kmeans/kmeans.js');
    expectCode(() => oneHotFit(['a', 'b'], { order: null as never }), 'E_TYPE', 'oneHotFit: order');
    expectCode(() => kmeans([[0], [1]], { k: 1, seed: null as never }), 'E_TYPE', 'kmeans: seed');
  });
});
