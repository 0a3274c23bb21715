import { describe, expect, it } from 'vitest';
import { matrix } from '../../src/core/matrix.js';
import { deserialize, serialize } from '../../src/core/serialize.js';
import type { Model } from '../../src/core/serialize.js';
import { expectLatentError } from '../helpers/latent-error.js';
import { bitEqual } from './bits.js';

const specials = [NaN, -0, 0, Infinity, -Infinity, 5e-324, -5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, -Number.MIN_VALUE, 0.1, 1 / 3];

function roundTrip<T extends Model>(model: T): T {
  return deserialize<T>(serialize(model));
}

function envelope(model: unknown): string {
  return JSON.stringify({ latent: 1, model });
}

describe('serialize / deserialize round trip', () => {
  it('restores every typed array kind bit-exactly', () => {
    const model = {
      kind: 'demo',
      version: 1,
      f64: Float64Array.from(specials),
      f32: Float32Array.from([NaN, -0, Infinity, -Infinity, 1e-45, 3.4028234663852886e38, 0.1]),
      i32: Int32Array.from([-2147483648, -1, 0, 2147483647]),
      u32: Uint32Array.from([0, 1, 4294967295]),
      i16: Int16Array.from([-32768, 32767, -1]),
      u16: Uint16Array.from([0, 65535]),
      i8: Int8Array.from([-128, 127, -1]),
      u8: Uint8Array.from([0, 255, 7]),
      empty: new Float64Array(0),
    };
    const back = roundTrip(model);
    expect(bitEqual(back, model)).toBeUndefined();
    expect(back.f64).toBeInstanceOf(Float64Array);
    expect(back.i8).toBeInstanceOf(Int8Array);
    expect(Object.is(back.f64[1], -0)).toBe(true);
    expect(Number.isNaN(back.f64[0])).toBe(true);
    expect(back.f64[5]).toBe(5e-324);
  });

  it('restores special plain numbers (NaN, −0, ±Infinity, subnormals) and nested structures', () => {
    const model = {
      kind: 'nested',
      version: 3,
      numbers: specials,
      flags: [true, false, null],
      name: 'ünïcødé "quoted" \\ \n',
      centroids: matrix(2, 2, new Float64Array([1, -0, NaN, 4])),
      layers: [{ w: new Float32Array([0.5, -0]), b: [0, -0], act: 'relu' }, { w: new Float32Array(0), b: [], act: null }],
      deep: { a: { b: { c: [[[-0]]] } } },
    };
    const back = roundTrip(model);
    expect(bitEqual(back, model)).toBeUndefined();
    expect(back.version).toBe(3);
  });

  it('serializes only the viewed part of a subarray', () => {
    const m = matrix(3, 2, new Float64Array([1, 2, 3, 4, 5, 6]));
    const back = roundTrip({ kind: 'row', version: 1, r: m.data.subarray(2, 4) });
    expect(Array.from(back.r)).toEqual([3, 4]);
    expect(back.r.byteOffset).toBe(0);
  });

  it('is deterministic and writes the documented envelope', () => {
    const model = { kind: 'k', version: 1, x: new Float64Array([1.5]), n: -0 };
    const text = serialize(model);
    expect(serialize(model)).toBe(text);
    const parsed = JSON.parse(text) as { latent: number; model: Record<string, unknown> };
    expect(parsed.latent).toBe(1);
    expect(parsed.model['x']).toEqual({ $t: 'Float64Array', b64: 'AAAAAAAA+D8=' });
    expect(parsed.model['n']).toEqual({ $n: '-0' });
  });

  it('drops undefined object fields and writes undefined array slots as null', () => {
    const back = roundTrip({ kind: 'u', version: 1, gone: undefined, list: [1, undefined, 2] });
    expect('gone' in back).toBe(false);
    expect((back as unknown as { list: unknown[] }).list).toEqual([1, null, 2]);
  });

  it('allows the same object to appear twice (no cycle) and survives structuredClone', () => {
    const shared = new Float64Array([1, 2]);
    const inner = { v: shared };
    const back = roundTrip({ kind: 'dag', version: 1, a: inner, b: inner });
    expect(Array.from(back.a.v)).toEqual([1, 2]);
    expect(Array.from(back.b.v)).toEqual([1, 2]);
    expect(bitEqual(structuredClone(back), back)).toBeUndefined();
  });

  it('accepts null-prototype objects', () => {
    const o = Object.assign(Object.create(null) as Record<string, unknown>, { kind: 'np', version: 1, x: 1 });
    expect(roundTrip(o as unknown as Model)).toEqual({ kind: 'np', version: 1, x: 1 });
  });
});

describe('kind and version checks', () => {
  it('serialize requires a non-empty string kind and a positive integer version', () => {
    expectLatentError(() => serialize(null as unknown as Model), 'E_MODEL', 'serialize: model must be an object, got null');
    expectLatentError(() => serialize([] as unknown as Model), 'E_MODEL', 'got an array of length 0');
    expectLatentError(() => serialize({ version: 1 } as unknown as Model), 'E_MODEL', 'serialize: model.kind must be a non-empty string, got undefined');
    expectLatentError(() => serialize({ kind: '', version: 1 }), 'E_MODEL', 'model.kind must be a non-empty string, got ""');
    expectLatentError(() => serialize({ kind: 'a' } as unknown as Model), 'E_MODEL', 'serialize: model.version must be a positive integer, got undefined');
    expectLatentError(() => serialize({ kind: 'a', version: 0 }), 'E_MODEL', 'got 0');
    expectLatentError(() => serialize({ kind: 'a', version: 1.5 }), 'E_MODEL', 'got 1.5');
    expectLatentError(() => serialize({ kind: 'a', version: '1' } as unknown as Model), 'E_MODEL', 'got "1"');
  });

  it('deserialize checks kind and version of the decoded model', () => {
    expectLatentError(() => deserialize(envelope({ version: 1 })), 'E_MODEL', 'deserialize: model.kind must be a non-empty string');
    expectLatentError(() => deserialize(envelope({ kind: 'a', version: -1 })), 'E_MODEL', 'deserialize: model.version must be a positive integer, got -1');
    expectLatentError(() => deserialize(envelope([1, 2])), 'E_MODEL', 'deserialize: model must be an object');
    expectLatentError(() => deserialize(envelope(null)), 'E_MODEL');
  });

  it('deserialize with options.kind rejects other kinds', () => {
    const text = serialize({ kind: 'pca', version: 1 });
    expect(deserialize(text, { kind: 'pca' }).kind).toBe('pca');
    expectLatentError(() => deserialize(text, { kind: 'kmeans' }), 'E_MODEL', "deserialize: model must be of kind 'kmeans', got \"pca\"");
  });
});

describe('serialize rejects what JSON cannot carry', () => {
  const bad = (extra: Record<string, unknown>): Model => ({ kind: 'x', version: 1, ...extra });

  it('functions, symbols, bigints, class instances and unsupported views give E_TYPE naming the path', () => {
    expectLatentError(() => serialize(bad({ f: () => 1 })), 'E_TYPE', 'serialize: model.f is a function');
    expectLatentError(() => serialize(bad({ s: Symbol('s') })), 'E_TYPE', 'model.s');
    expectLatentError(() => serialize(bad({ n: [1, 2n] })), 'E_TYPE', 'model.n[1] is 2');
    expectLatentError(() => serialize(bad({ d: new Date(0) })), 'E_TYPE', 'serialize: model.d must be a plain object');
    expectLatentError(() => serialize(bad({ m: new Map() })), 'E_TYPE', 'model.m must be a plain object');
    expectLatentError(() => serialize(bad({ b: new BigInt64Array(1) })), 'E_TYPE', 'model.b is a BigInt64Array');
    expectLatentError(() => serialize(bad({ c: new Uint8ClampedArray(1) })), 'E_TYPE', 'model.c is a Uint8ClampedArray');
    expectLatentError(() => serialize(bad({ v: new DataView(new ArrayBuffer(8)) })), 'E_TYPE', 'model.v is a DataView');
  });

  it('reserved and prototype-polluting keys give E_TYPE', () => {
    expectLatentError(() => serialize(bad({ $t: 'Float64Array' })), 'E_TYPE', "serialize: model has the reserved key '$t'");
    expectLatentError(() => serialize(bad({ inner: { $n: 'NaN' } })), 'E_TYPE', "model.inner has the reserved key '$n'");
    expectLatentError(() => serialize(bad({ constructor: 1 })), 'E_TYPE', "reserved key 'constructor'");
    const proto = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    expectLatentError(() => serialize(bad({ inner: proto })), 'E_TYPE', "reserved key '__proto__'");
  });

  it('circular references give E_TYPE instead of a stack overflow', () => {
    const m: Record<string, unknown> = { kind: 'cyc', version: 1 };
    m['self'] = m;
    expectLatentError(() => serialize(m as unknown as Model), 'E_TYPE', 'serialize: model.self is a circular reference');
    const list: unknown[] = [];
    list.push({ back: list });
    expectLatentError(() => serialize(bad({ list })), 'E_TYPE', 'model.list[0].back is a circular reference');
  });
});

describe('deserialize rejects malformed and hostile text', () => {
  it('non-strings give E_TYPE, non-JSON and foreign JSON give E_PARSE', () => {
    expectLatentError(() => deserialize(42 as unknown as string), 'E_TYPE', 'deserialize: text must be a string, got 42');
    expectLatentError(() => deserialize('{not json'), 'E_PARSE', 'deserialize: text is not valid JSON');
    expectLatentError(() => deserialize(''), 'E_PARSE', 'not valid JSON');
    expectLatentError(() => deserialize('{"kind":"a","version":1}'), 'E_PARSE', 'deserialize: text must be written by serialize (format 1)');
    expectLatentError(() => deserialize('{"latent":2,"model":{"kind":"a","version":1}}'), 'E_PARSE', 'format 1');
    expectLatentError(() => deserialize('[1]'), 'E_PARSE', 'format 1');
    expectLatentError(() => deserialize('null'), 'E_PARSE', 'format 1');
  });

  it('__proto__, constructor and prototype keys anywhere give E_PARSE and pollute nothing', () => {
    const hostile = [
      '{"latent":1,"model":{"kind":"a","version":1,"__proto__":{"polluted":true}}}',
      '{"latent":1,"__proto__":{"polluted":true},"model":{"kind":"a","version":1}}',
      '{"latent":1,"model":{"kind":"a","version":1,"x":{"constructor":{"prototype":{"polluted":true}}}}}',
      '{"latent":1,"model":{"kind":"a","version":1,"list":[{"prototype":{"polluted":true}}]}}',
      '{"latent":1,"model":{"kind":"a","version":1,"x":[[{"__proto__":null}]]}}',
    ];
    for (const text of hostile) expectLatentError(() => deserialize(text), 'E_PARSE', 'deserialize: the key');
    expectLatentError(() => deserialize(hostile[0]!), 'E_PARSE', "deserialize: the key '__proto__' is not allowed");
    expectLatentError(() => deserialize(hostile[2]!), 'E_PARSE', "the key 'prototype' is not allowed");
    expectLatentError(() => deserialize(envelope({ kind: 'a', version: 1, constructor: 1 })), 'E_PARSE', "the key 'constructor' is not allowed");
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('malformed typed arrays and numbers give E_PARSE', () => {
    const model = (x: unknown): string => envelope({ kind: 'a', version: 1, x });
    expectLatentError(() => deserialize(model({ $t: 'Float128Array', b64: '' })), 'E_PARSE', 'deserialize: model.x is a malformed typed array');
    expectLatentError(() => deserialize(model({ $t: 'toString', b64: '' })), 'E_PARSE', 'malformed typed array');
    expectLatentError(() => deserialize(model({ $t: 'hasOwnProperty', b64: '' })), 'E_PARSE', 'malformed typed array');
    expectLatentError(() => deserialize(model({ $t: 'Float64Array' })), 'E_PARSE', 'malformed typed array');
    expectLatentError(() => deserialize(model({ $t: 'Float64Array', b64: 7 })), 'E_PARSE', 'malformed typed array');
    expectLatentError(() => deserialize(model({ $t: 5, b64: '' })), 'E_PARSE', 'malformed typed array');
    expectLatentError(() => deserialize(model({ $t: 'Float64Array', b64: 'AAAA' })), 'E_PARSE', 'Float64Array payload of 3 bytes is not a multiple of 8');
    expectLatentError(() => deserialize(model({ $t: 'Int32Array', b64: 'AAAAAAA=' })), 'E_PARSE', 'Int32Array payload of 5 bytes is not a multiple of 4');
    expectLatentError(() => deserialize(model({ $t: 'Float64Array', b64: 'AAAA!AAAAAAA' })), 'E_PARSE', 'invalid base64 character');
    expectLatentError(() => deserialize(model({ $t: 'Float64Array', b64: 'AAAAA' })), 'E_PARSE', 'invalid base64 length');
    expectLatentError(() => deserialize(model({ $n: 'nan' })), 'E_PARSE', 'deserialize: model.x is a malformed number');
    expectLatentError(() => deserialize(model([{ $n: 1 }])), 'E_PARSE', 'model.x[0] is a malformed number');
  });

  it('very deep nesting gives E_PARSE, not a stack overflow', () => {
    const depth = 100_000;
    const text = `{"latent":1,"model":{"kind":"a","version":1,"x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
    expectLatentError(() => deserialize(text), 'E_PARSE');
  });
});

describe('deserialize kind option (fuzz: core/deserialize-kind-unchecked)', () => {
  it('a kind that is not a string is E_TYPE, never a raw TypeError or a silent comparison', async () => {
    const { deserialize } = await import('../../src/core/serialize.js');
    const text = '{"latent":1,"model":{"kind":"x","version":1}}';
    for (const kind of [Symbol('k'), 3, {}]) {
      expect(() => deserialize(text, { kind: kind as never })).toThrow(expect.objectContaining({ code: 'E_TYPE', message: expect.stringMatching(/^deserialize: kind must be a string/) as unknown }));
    }
    expect(deserialize(text, { kind: 'x' })).toMatchObject({ kind: 'x' });
  });
});
