import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../../src/core/base64.js';
import { expectLatentError } from '../helpers/latent-error.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('base64', () => {
  it('matches the RFC 4648 test vectors', () => {
    const vectors: [string, string][] = [
      ['', ''],
      ['f', 'Zg=='],
      ['fo', 'Zm8='],
      ['foo', 'Zm9v'],
      ['foob', 'Zm9vYg=='],
      ['fooba', 'Zm9vYmE='],
      ['foobar', 'Zm9vYmFy'],
    ];
    for (const [plain, encoded] of vectors) {
      expect(encodeBase64(bytes(plain))).toBe(encoded);
      expect(Array.from(decodeBase64(encoded))).toEqual(Array.from(bytes(plain)));
    }
  });

  it('agrees with Node Buffer and round-trips any bytes (incl. across the 8 KiB chunk boundary)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ minLength: 6100, maxLength: 6200 })), (b) => {
        const text = encodeBase64(b);
        expect(text).toBe(Buffer.from(b).toString('base64'));
        expect(Array.from(decodeBase64(text))).toEqual(Array.from(b));
      }),
      { numRuns: 60 },
    );
  });

  it('accepts input without padding', () => {
    expect(Array.from(decodeBase64('Zg'))).toEqual([102]);
    expect(Array.from(decodeBase64('Zm8'))).toEqual([102, 111]);
  });

  it('rejects bad characters and lengths with E_PARSE', () => {
    expectLatentError(() => decodeBase64('Zm9v!A=='), 'E_PARSE', 'invalid base64 character at position 4');
    expectLatentError(() => decodeBase64('Zm=v'), 'E_PARSE', 'invalid base64 character at position 2');
    expectLatentError(() => decodeBase64('Zm9véA'), 'E_PARSE', 'invalid base64 character at position 4');
    expectLatentError(() => decodeBase64('Zm9v Zg=='), 'E_PARSE', 'position 4');
    expectLatentError(() => decodeBase64('Z'), 'E_PARSE', 'invalid base64 length 1');
    expectLatentError(() => decodeBase64('Zm9vZ==='), 'E_PARSE', 'invalid base64 length 8');
    expectLatentError(() => decodeBase64('Zg==='), 'E_PARSE', 'invalid base64 length 5');
  });
});
