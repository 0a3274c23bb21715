import { expect } from 'vitest';
import { isLatentError, type LatentError, type LatentErrorCode } from '../../src/core/errors.js';

/**
 * Runs `f` and asserts it throws a LatentError with `code` whose message contains every
 * fragment (so a test pins the function, the argument, the expectation and the received value).
 * Returns the error for further checks (e.g. how its message starts).
 */
export function expectLatentError(f: () => unknown, code: string, ...fragments: string[]): LatentError {
  let caught: unknown;
  let threw = false;
  try {
    f();
  } catch (e) {
    threw = true;
    caught = e;
  }
  expect(threw, `expected a LatentError ${code} from ${String(f)}, but nothing was thrown`).toBe(true);
  expect(isLatentError(caught), `expected a LatentError ${code} from ${String(f)}, got ${String(caught)}`).toBe(true);
  const err = caught as LatentError;
  expect(err.code, err.message).toBe(code);
  for (const fragment of fragments) expect(err.message).toContain(fragment);
  return err;
}

/**
 * The code of the LatentError that `f` throws, or `'none'` when `f` returns; any other thrown
 * value is rethrown (so the test fails on it). For tables of cases, where the code is compared
 * as a value: `expect(latentErrorCode(() => kmeans(X, { k: 0 }))).toBe('E_RANGE')`.
 */
export function latentErrorCode(f: () => unknown): LatentErrorCode | 'none' {
  try {
    f();
  } catch (e) {
    if (isLatentError(e)) return e.code;
    throw e;
  }
  return 'none';
}
