/**
 * Model persistence: JSON text that round-trips every bit of every number.
 */
import { decodeBase64, encodeBase64 } from './base64.js';
import { LatentError, describe } from './errors.js';
import { readOptions, stringOption, type OptionKeys } from './options.js';

/** Serialization format version written into the envelope. */
const FORMAT_VERSION = 1;

const TYPED = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
} as const;
type TypedName = keyof typeof TYPED;
type AnyTyped = InstanceType<(typeof TYPED)[TypedName]>;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A model: any plain object tagged with a string `kind` and an integer `version`. */
export interface Model {
  /** What the model is (`'kmeans'`, `'pca'`, …). */
  kind: string;
  /** Version of the model's layout, bumped when fields change meaning. */
  version: number;
}

/** Options of {@link deserialize}. */
export interface DeserializeOptions {
  /**
   * Require this `kind` (e.g. `'kmeans'`); anything else is rejected with `E_MODEL`.
   * @defaultValue undefined (any kind)
   */
  kind?: string;
}

const DESERIALIZE_KEYS: OptionKeys<DeserializeOptions> = { kind: true };

function typedName(v: ArrayBufferView): TypedName | undefined {
  for (const name of Object.keys(TYPED) as TypedName[]) if (v instanceof TYPED[name]) return name;
  return undefined;
}

function encodeTyped(name: TypedName, v: AnyTyped): { $t: TypedName; b64: string } {
  // Write little-endian explicitly so the text is identical on any platform.
  const bytes = new Uint8Array(v.length * v.BYTES_PER_ELEMENT);
  const view = new DataView(bytes.buffer);
  const n = v.length;
  switch (name) {
    case 'Float64Array': for (let i = 0; i < n; i++) view.setFloat64(i * 8, v[i] as number, true); break;
    case 'Float32Array': for (let i = 0; i < n; i++) view.setFloat32(i * 4, v[i] as number, true); break;
    case 'Int32Array': for (let i = 0; i < n; i++) view.setInt32(i * 4, v[i] as number, true); break;
    case 'Uint32Array': for (let i = 0; i < n; i++) view.setUint32(i * 4, v[i] as number, true); break;
    case 'Int16Array': for (let i = 0; i < n; i++) view.setInt16(i * 2, v[i] as number, true); break;
    case 'Uint16Array': for (let i = 0; i < n; i++) view.setUint16(i * 2, v[i] as number, true); break;
    case 'Int8Array': case 'Uint8Array': bytes.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)); break;
  }
  return { $t: name, b64: encodeBase64(bytes) };
}

function decodeTyped(name: TypedName, b64: string): AnyTyped {
  const bytes = decodeBase64(b64);
  const Ctor = TYPED[name];
  const size = Ctor.BYTES_PER_ELEMENT;
  if (bytes.length % size !== 0) throw new LatentError('E_PARSE', `deserialize: ${name} payload of ${bytes.length} bytes is not a multiple of ${size}`);
  const n = bytes.length / size;
  const out = new Ctor(n);
  const view = new DataView(bytes.buffer);
  switch (name) {
    case 'Float64Array': for (let i = 0; i < n; i++) out[i] = view.getFloat64(i * 8, true); break;
    case 'Float32Array': for (let i = 0; i < n; i++) out[i] = view.getFloat32(i * 4, true); break;
    case 'Int32Array': for (let i = 0; i < n; i++) out[i] = view.getInt32(i * 4, true); break;
    case 'Uint32Array': for (let i = 0; i < n; i++) out[i] = view.getUint32(i * 4, true); break;
    case 'Int16Array': for (let i = 0; i < n; i++) out[i] = view.getInt16(i * 2, true); break;
    case 'Uint16Array': for (let i = 0; i < n; i++) out[i] = view.getUint16(i * 2, true); break;
    case 'Int8Array': case 'Uint8Array': new Uint8Array(out.buffer).set(bytes); break;
  }
  return out;
}

function encode(value: unknown, path: string, ancestors: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (Number.isFinite(value) && !Object.is(value, -0)) return value;
    return { $n: Object.is(value, -0) ? '-0' : String(value) };
  }
  if (typeof value === 'object') {
    if (ArrayBuffer.isView(value)) {
      const name = typedName(value);
      if (name === undefined) throw new LatentError('E_TYPE', `serialize: ${path} is a ${value.constructor.name}, which cannot be serialized`);
      return encodeTyped(name, value as AnyTyped);
    }
    if (ancestors.has(value)) throw new LatentError('E_TYPE', `serialize: ${path} is a circular reference, which cannot be serialized`);
    ancestors.add(value);
    const encoded = Array.isArray(value) ? value.map((v, i) => encode(v, `${path}[${i}]`, ancestors)) : encodeObject(value, path, ancestors);
    ancestors.delete(value);
    return encoded;
  }
  if (value === undefined) return null;
  throw new LatentError('E_TYPE', `serialize: ${path} is ${describe(value)}, which cannot be serialized`);
}

function encodeObject(value: object, path: string, ancestors: Set<object>): Record<string, unknown> {
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) {
    throw new LatentError('E_TYPE', `serialize: ${path} must be a plain object, array, typed array, number, string or boolean, got ${describe(value)}`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === '$t' || k === '$n' || FORBIDDEN_KEYS.has(k)) throw new LatentError('E_TYPE', `serialize: ${path} has the reserved key '${k}'`);
    if (v === undefined) continue;
    out[k] = encode(v, `${path}.${k}`, ancestors);
  }
  return out;
}

function decode(value: unknown, path: string): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v, i) => decode(v, `${path}[${i}]`));
  const obj = value as Record<string, unknown>;
  if ('$t' in obj) {
    const name = obj['$t'];
    const b64 = obj['b64'];
    if (typeof name !== 'string' || !Object.hasOwn(TYPED, name) || typeof b64 !== 'string') throw new LatentError('E_PARSE', `deserialize: ${path} is a malformed typed array`);
    return decodeTyped(name as TypedName, b64);
  }
  if ('$n' in obj) {
    const n = obj['$n'];
    if (n === '-0') return -0;
    if (n === 'NaN') return NaN;
    if (n === 'Infinity') return Infinity;
    if (n === '-Infinity') return -Infinity;
    throw new LatentError('E_PARSE', `deserialize: ${path} is a malformed number`);
  }
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) out[k] = decode(obj[k], `${path}.${k}`);
  return out;
}

/**
 * Serializes a model (any plain object with `kind` and `version`) to JSON text.
 *
 * Typed arrays are stored as little-endian base64, and `NaN`, `±Infinity` and `-0` are
 * tagged, so {@link deserialize} restores every bit. O(size of the model).
 *
 * @param model - a model returned by a latent fit function
 * @returns JSON text
 * @throws LatentError `E_MODEL` when `kind`/`version` are missing, `E_TYPE` for values JSON cannot carry (functions, class instances)
 * @example
 * ```ts
 * const text = serialize(kmeans(X, { k: 3 }));
 * const model = deserialize(text, { kind: 'kmeans' }); // bit-identical copy
 * ```
 */
export function serialize(model: Model): string {
  checkModelShape('serialize', model);
  return JSON.stringify({ latent: FORMAT_VERSION, model: encode(model, 'model', new Set()) });
}

/**
 * Parses text written by {@link serialize} back into a model, bit-exactly.
 *
 * Untrusted text is safe to pass: keys such as `__proto__` and `constructor` are
 * rejected, nothing is evaluated, and the envelope, `kind` and `version` are checked.
 *
 * @param text - JSON text from {@link serialize}
 * @param options - {@link DeserializeOptions}
 * @returns the model
 * @throws LatentError `E_PARSE` for malformed or hostile text, `E_MODEL` for a missing or unexpected `kind`/`version`
 * @example
 * ```ts
 * const model = deserialize(serialize({ kind: 'demo', version: 1, w: new Float64Array([0.1]) }));
 * model.w; // Float64Array [0.1]
 * ```
 */
export function deserialize<T extends Model = Model>(text: string, options?: DeserializeOptions): T {
  const o = readOptions('deserialize', options, DESERIALIZE_KEYS);
  stringOption('deserialize', 'kind', o.kind);
  if (typeof text !== 'string') throw new LatentError('E_TYPE', `deserialize: text must be a string, got ${describe(text)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, (key, v: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new LatentError('E_PARSE', `deserialize: the key '${key}' is not allowed`);
      return v;
    });
  } catch (e) {
    if (e instanceof LatentError) throw e;
    throw new LatentError('E_PARSE', `deserialize: text is not valid JSON (${(e as Error).message})`);
  }
  if (typeof parsed !== 'object' || parsed === null || (parsed as Record<string, unknown>)['latent'] !== FORMAT_VERSION) {
    throw new LatentError('E_PARSE', `deserialize: text must be written by serialize (format ${FORMAT_VERSION})`);
  }
  const model = decode((parsed as Record<string, unknown>)['model'], 'model');
  checkModelShape('deserialize', model);
  if (o.kind !== undefined && (model as Model).kind !== o.kind) {
    throw new LatentError('E_MODEL', `deserialize: model must be of kind '${o.kind}', got ${describe((model as Model).kind)}`);
  }
  return model as T;
}

function checkModelShape(fn: string, model: unknown): void {
  if (typeof model !== 'object' || model === null || Array.isArray(model)) throw new LatentError('E_MODEL', `${fn}: model must be an object, got ${describe(model)}`);
  const m = model as Record<string, unknown>;
  if (typeof m['kind'] !== 'string' || m['kind'] === '') throw new LatentError('E_MODEL', `${fn}: model.kind must be a non-empty string, got ${describe(m['kind'])}`);
  const v = m['version'];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new LatentError('E_MODEL', `${fn}: model.version must be a positive integer, got ${describe(v)}`);
}
