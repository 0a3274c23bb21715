import { describe, expect, it } from 'vitest';
import { DEFAULT_MEMORY_LIMIT, MAX_ARRAY_BYTES, assertMemory, formatBytes, memoryLimitOption } from '../../src/core/memory.js';
import { expectLatentError as expectCode } from '../helpers/latent-error.js';

describe('memory budget', () => {
  it('passes plans within the limit', () => {
    expect(() => assertMemory('pdist', 'x', 1000, DEFAULT_MEMORY_LIMIT)).not.toThrow();
    expect(() => assertMemory('pdist', 'x', DEFAULT_MEMORY_LIMIT, DEFAULT_MEMORY_LIMIT)).not.toThrow();
  });

  it('names the function, the size, the limit and the option to raise it', () => {
    // 60 000 points: the condensed array alone is 60000·59999/2 doubles = 14.4 GB.
    const bytes = ((60000 * 59999) / 2) * 8;
    expectCode(() => assertMemory('pdist', 'the condensed distance array', bytes, DEFAULT_MEMORY_LIMIT), 'E_MEMORY', 'pdist: the condensed distance array would take 13.4 GiB, above memoryLimit = 4.0 GiB; pass a larger { memoryLimit }');
  });

  it('rejects a single array beyond the engine limit even under a raised budget, and NaN plans', () => {
    expectCode(() => assertMemory('f', 'x', MAX_ARRAY_BYTES + 8, Infinity), 'E_MEMORY', 'more than a JavaScript engine can allocate');
    expectCode(() => assertMemory('f', 'x', NaN, Infinity), 'E_MEMORY', 'would take NaN');
  });

  it('memoryLimitOption validates', () => {
    expect(memoryLimitOption('f', undefined)).toBe(4 * 2 ** 30);
    expect(memoryLimitOption('f', Infinity)).toBe(Infinity);
    expectCode(() => memoryLimitOption('f', 0), 'E_RANGE', 'f: memoryLimit must be a number of bytes > 0, got 0');
    expectCode(() => memoryLimitOption('f', '1GB'), 'E_TYPE', 'got "1GB"');
  });

  it('formatBytes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(2 ** 32)).toBe('4.0 GiB');
  });
});
