import { expect } from 'vitest';
import { isLatentError } from '../../src/core/errors.js';

/**
 * Runs `f` and asserts it throws a LatentError with `code` whose message contains every
 * fragment (so a test pins the function, the argument, the expectation and the received value).
 */
export function expectLatentError(f: () => unknown, code: string, ...fragments: string[]): void {
  let caught: unknown;
  let threw = false;
  try {
    f();
  } catch (e) {
    threw = true;
    caught = e;
  }
  expect(threw, `expected a LatentError ${code}, but nothing was thrown`).toBe(true);
  expect(isLatentError(caught), `expected a LatentError ${code}, got ${String(caught)}`).toBe(true);
  const err = caught as { code: string; message: string };
  expect(err.code, err.message).toBe(code);
  for (const fragment of fragments) expect(err.message).toContain(fragment);
}
