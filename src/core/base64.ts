/**
 * Base64 for byte arrays without `Buffer` or `btoa` (works in Node, browsers and Workers).
 */
import { LatentError } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Encodes bytes as standard base64 with padding.
 *
 * @param bytes - the bytes
 * @returns the base64 text
 * @example
 * ```ts
 * encodeBase64(new Uint8Array([104, 105])); // 'aGk='
 * ```
 */
export function encodeBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const n = bytes.length;
  for (let i = 0; i < n; i += 3) {
    const b0 = bytes[i] as number;
    const b1 = i + 1 < n ? (bytes[i + 1] as number) : 0;
    const b2 = i + 2 < n ? (bytes[i + 2] as number) : 0;
    chunk += ALPHABET[b0 >> 2];
    chunk += ALPHABET[((b0 & 3) << 4) | (b1 >> 4)];
    chunk += i + 1 < n ? ALPHABET[((b1 & 15) << 2) | (b2 >> 6)] : '=';
    chunk += i + 2 < n ? ALPHABET[b2 & 63] : '=';
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

const LOOKUP = /* @__PURE__ */ (() => {
  const t = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) t[ALPHABET.charCodeAt(i)] = i;
  return t;
})();

/**
 * Decodes standard base64 (with or without padding).
 *
 * @param text - base64 text
 * @returns the bytes
 * @throws LatentError `E_PARSE` on a character outside the alphabet or a bad length
 * @example
 * ```ts
 * decodeBase64('aGk='); // Uint8Array [104, 105]
 * ```
 */
export function decodeBase64(text: string): Uint8Array {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 61) end--; // '='
  if (end % 4 === 1 || text.length - end > 2) throw new LatentError('E_PARSE', `deserialize: invalid base64 length ${text.length}`);
  const out = new Uint8Array(Math.floor((end * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? (LOOKUP[c] as number) : -1;
    if (v < 0) throw new LatentError('E_PARSE', `deserialize: invalid base64 character at position ${i}`);
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 255;
    }
  }
  return out;
}
