import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deserialize, serialize } from '../../src/core/serialize.js';
import { bitEqual } from './bits.js';

/** Any double, NaN written as the one canonical (payload-free) NaN. */
const anyDouble = fc.double().map((v) => (Number.isNaN(v) ? NaN : v));
const anyFloat = fc.float().map((v) => (Number.isNaN(v) ? NaN : v));

const typedArb = fc.oneof(
  fc.array(anyDouble, { maxLength: 20 }).map((a) => Float64Array.from(a)),
  fc.array(anyFloat, { maxLength: 20 }).map((a) => Float32Array.from(a)),
  fc.int32Array({ maxLength: 10 }),
  fc.uint32Array({ maxLength: 10 }),
  fc.int16Array({ maxLength: 10 }),
  fc.uint16Array({ maxLength: 10 }),
  fc.int8Array({ maxLength: 10 }),
  fc.uint8Array({ maxLength: 10 }),
);

const key = fc.string({ maxLength: 8 }).filter((k) => !['__proto__', 'constructor', 'prototype', '$t', '$n'].includes(k));

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    anyDouble,
    fc.string({ maxLength: 10 }),
    fc.boolean(),
    fc.constant(null),
    typedArb,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(key, tie('tree'), { maxKeys: 4 }),
  ),
}));

describe('serialize / deserialize properties', () => {
  it('Float64Array of arbitrary doubles (NaN, −0, ±Infinity, subnormals) round-trips bit-exactly', () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 64 }), (values) => {
        const model = { kind: 'f64', version: 1, values: Float64Array.from(values) };
        const back = deserialize<typeof model>(serialize(model));
        expect(back.values).toBeInstanceOf(Float64Array);
        expect(bitEqual(back.values, model.values)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('plain numbers of any value round-trip bit-exactly', () => {
    fc.assert(
      fc.property(fc.array(anyDouble, { maxLength: 16 }), anyDouble, (list, single) => {
        const model = { kind: 'plain', version: 1, list, single };
        expect(bitEqual(deserialize(serialize(model)), model)).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('arbitrary nested models round-trip bit-exactly, and serialize never mutates its input', () => {
    fc.assert(
      fc.property(fc.dictionary(key, tree, { maxKeys: 5 }), fc.string({ minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 9 }), (fields, kind, version) => {
        const model = { ...fields, kind, version };
        const before = structuredClone(model);
        const text = serialize(model);
        expect(bitEqual(model, before)).toBeUndefined();
        const back = deserialize(text);
        expect(bitEqual(back, model)).toBeUndefined();
        // Serializing the copy gives the same text: the format is canonical for a given model.
        expect(serialize(back)).toBe(text);
        expect(bitEqual(structuredClone(back), model)).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });

  it('deserialize(kind) accepts the right kind and rejects any other', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 6 }), fc.string({ minLength: 1, maxLength: 6 }), (kind, other) => {
        const text = serialize({ kind, version: 1 });
        expect(deserialize(text, { kind }).kind).toBe(kind);
        if (other !== kind) expect(() => deserialize(text, { kind: other })).toThrow(expect.objectContaining({ code: 'E_MODEL' }));
      }),
    );
  });
});
