/**
 * The memory budget: before allocating anything that grows faster than its input (n² distance
 * matrices, n·k tables, sizes set by an option), a function states the bytes it plans and gets
 * a clear `E_MEMORY` error instead of a raw `RangeError`, an engine abort or a host that starts
 * swapping.
 */
import { LatentError, describe } from './errors.js';

/**
 * Default per-call limit on planned working memory: 4 GiB. Functions that plan large
 * allocations take a `memoryLimit` option (bytes) to raise or lower it.
 */
export const DEFAULT_MEMORY_LIMIT: number = 4294967296; // 4 GiB, written out so bundlers can drop it when unused

/**
 * Largest single typed array latent allocates, in bytes: 2³¹ − 1 elements of 8 bytes (16 GiB),
 * below the limit of every current engine (V8 and SpiderMonkey allow more on 64-bit hosts;
 * 32-bit hosts fail earlier, which the per-call budget catches first).
 */
export const MAX_ARRAY_BYTES: number = 17179869176; // (2^31 − 1) · 8, written out so bundlers can drop it when unused

/**
 * The `memoryLimit` option: a positive number of bytes (`Infinity` allowed), default
 * {@link DEFAULT_MEMORY_LIMIT}.
 *
 * @param fn - public function name
 * @param value - the received option value
 * @returns the limit in bytes
 * @throws LatentError `E_TYPE` (not a number), `E_RANGE` (not > 0)
 * @example
 * ```ts
 * memoryLimitOption('pdist', undefined); // 4294967296
 * memoryLimitOption('pdist', 2 ** 34);   // 17179869184
 * ```
 */
export function memoryLimitOption(fn: string, value: unknown): number {
  if (value === undefined) return DEFAULT_MEMORY_LIMIT;
  if (typeof value !== 'number') throw new LatentError('E_TYPE', `${fn}: memoryLimit must be a number of bytes > 0, got ${describe(value)}`);
  if (!(value > 0)) throw new LatentError('E_RANGE', `${fn}: memoryLimit must be a number of bytes > 0, got ${describe(value)}`);
  return value;
}

/** Human-readable byte count: `1.5 GiB`, `12.0 MiB`, `512 B`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${Math.round(v)} B` : `${v.toFixed(1)} ${units[u]}`;
}

/**
 * Throws `E_MEMORY` when a planned allocation is larger than the call's budget or than an engine
 * can allocate in one typed array. Call it before the allocation, with the total of what the
 * step keeps alive at once.
 *
 * @param fn - public function name
 * @param what - what is allocated, for the message (`'the n × n distance matrix'`)
 * @param bytes - planned bytes in total
 * @param limit - the call's budget in bytes (its `memoryLimit` option)
 * @param largestArray - bytes of the largest single typed array among them (default `bytes`)
 * @throws LatentError `E_MEMORY` naming the size, the function and how to raise the limit
 * @example
 * ```ts
 * assertMemory('pdist', 'the condensed distance array', 8 * 1.8e9, DEFAULT_MEMORY_LIMIT);
 * // throws "pdist: the condensed distance array would take 13.4 GiB, above memoryLimit = 4.0 GiB; …"
 * ```
 */
export function assertMemory(fn: string, what: string, bytes: number, limit: number, largestArray: number = bytes): void {
  if (!(bytes <= limit)) {
    throw new LatentError(
      'E_MEMORY',
      `${fn}: ${what} would take ${formatBytes(bytes)}, above memoryLimit = ${formatBytes(limit)}; pass a larger { memoryLimit } (bytes) if the host has it, or use a method that needs less`,
    );
  }
  if (!(largestArray <= MAX_ARRAY_BYTES)) {
    throw new LatentError(
      'E_MEMORY',
      `${fn}: ${what} would take one array of ${formatBytes(largestArray)}, more than a JavaScript engine can allocate (${formatBytes(MAX_ARRAY_BYTES)}); use a method that needs less`,
    );
  }
}
