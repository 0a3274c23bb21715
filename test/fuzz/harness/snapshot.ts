/**
 * Deep snapshots of call arguments, to prove that no input was mutated: typed arrays, arrays
 * and plain objects are copied value by value (compared with `Object.is`, so -0 ≠ 0 and any NaN
 * equals any NaN whatever its payload); anything else (functions, signals, class instances) is
 * kept by identity.
 */

type Snap =
  | { t: 'prim'; v: unknown }
  | { t: 'typed'; ctor: string; values: number[] | bigint[] }
  | { t: 'array'; items: Snap[]; extra: [string, Snap][] }
  | { t: 'object'; proto: object | null; frozen: boolean; entries: [string, Snap][] }
  | { t: 'ref'; v: unknown }
  | { t: 'cycle' };

const MAX_DEPTH = 8;

/** Copies `v` deeply enough to detect any later write. */
export function snapshot(v: unknown, depth = 0, seen: Set<object> = new Set()): Snap {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return { t: 'prim', v };
  if (typeof v === 'function') return { t: 'ref', v };
  if (seen.has(v) || depth > MAX_DEPTH) return { t: 'cycle' };
  if (ArrayBuffer.isView(v)) {
    if (v instanceof DataView) return { t: 'ref', v };
    const arr = v as unknown as ArrayLike<number | bigint>;
    return { t: 'typed', ctor: v.constructor.name, values: Array.from(arr) as number[] | bigint[] };
  }
  seen.add(v);
  try {
    if (Array.isArray(v)) {
      const items: Snap[] = [];
      for (let i = 0; i < v.length; i++) items.push(i in v ? snapshot(v[i], depth + 1, seen) : { t: 'prim', v: HOLE });
      const extra = Object.keys(v)
        .filter((k) => !/^\d+$/.test(k))
        .map((k): [string, Snap] => [k, snapshot((v as unknown as Record<string, unknown>)[k], depth + 1, seen)]);
      return { t: 'array', items, extra };
    }
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto !== Object.prototype && proto !== null) return { t: 'ref', v };
    const entries = Object.keys(v).map((k): [string, Snap] => [k, snapshot((v as Record<string, unknown>)[k], depth + 1, seen)]);
    return { t: 'object', proto, frozen: Object.isFrozen(v), entries };
  } finally {
    seen.delete(v);
  }
}

const HOLE = Symbol('hole');

/**
 * Compares `v` with an earlier snapshot; returns the path of the first difference (`'.data[3]:
 * 1 → 2'`), or undefined when nothing changed.
 */
export function diffSnapshot(s: Snap, v: unknown, path = '', depth = 0, seen: Set<object> = new Set()): string | undefined {
  switch (s.t) {
    case 'prim':
      return Object.is(s.v, v) || (s.v === HOLE && v === undefined) ? undefined : `${path || '(value)'}: ${show(s.v)} → ${show(v)}`;
    case 'ref':
      return s.v === v ? undefined : `${path || '(value)'}: replaced`;
    case 'cycle':
      return undefined;
    case 'typed': {
      if (!ArrayBuffer.isView(v) || v.constructor.name !== s.ctor) return `${path}: typed array replaced`;
      const arr = v as unknown as ArrayLike<number | bigint>;
      if (arr.length !== s.values.length) return `${path}.length: ${s.values.length} → ${arr.length}`;
      for (let i = 0; i < arr.length; i++) if (!Object.is(arr[i], s.values[i])) return `${path}[${i}]: ${show(s.values[i])} → ${show(arr[i])}`;
      return undefined;
    }
    case 'array': {
      if (!Array.isArray(v)) return `${path}: array replaced`;
      if (v.length !== s.items.length) return `${path}.length: ${s.items.length} → ${v.length}`;
      if (seen.has(v) || depth > MAX_DEPTH) return undefined;
      seen.add(v);
      try {
        for (let i = 0; i < v.length; i++) {
          const item = s.items[i]!;
          if (item.t === 'prim' && item.v === HOLE) {
            if (i in v) return `${path}[${i}]: hole filled`;
            continue;
          }
          const d = diffSnapshot(item, v[i], `${path}[${i}]`, depth + 1, seen);
          if (d !== undefined) return d;
        }
        for (const [k, sub] of s.extra) {
          const d = diffSnapshot(sub, (v as unknown as Record<string, unknown>)[k], `${path}.${k}`, depth + 1, seen);
          if (d !== undefined) return d;
        }
        return undefined;
      } finally {
        seen.delete(v);
      }
    }
    case 'object': {
      if (typeof v !== 'object' || v === null) return `${path}: object replaced`;
      if (seen.has(v) || depth > MAX_DEPTH) return undefined;
      const keys = Object.keys(v);
      const before = s.entries.map(([k]) => k);
      const added = keys.filter((k) => !before.includes(k));
      if (added.length > 0) return `${path}: key '${added[0]}' added`;
      const removed = before.filter((k) => !keys.includes(k));
      if (removed.length > 0) return `${path}: key '${removed[0]}' removed`;
      if (Object.getPrototypeOf(v) !== s.proto) return `${path}: prototype changed`;
      seen.add(v);
      try {
        for (const [k, sub] of s.entries) {
          const d = diffSnapshot(sub, (v as Record<string, unknown>)[k], `${path}.${k}`, depth + 1, seen);
          if (d !== undefined) return d;
        }
        return undefined;
      } finally {
        seen.delete(v);
      }
    }
  }
}

function show(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  if (typeof v === 'symbol') return v === HOLE ? '(hole)' : v.toString();
  if (typeof v === 'bigint') return `${v}n`;
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
