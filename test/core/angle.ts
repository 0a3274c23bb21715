import { norm } from '../../src/core/vector.js';

/** Angle between two non-zero vectors, accurate near 0 and π (Kahan's formula). */
export function angle(u: ArrayLike<number>, v: ArrayLike<number>): number {
  const nu = norm(u);
  const nv = norm(v);
  let diff = 0;
  let sum = 0;
  for (let i = 0; i < u.length; i++) {
    const a = u[i]! / nu;
    const b = v[i]! / nv;
    diff += (a - b) ** 2;
    sum += (a + b) ** 2;
  }
  return 2 * Math.atan2(Math.sqrt(diff), Math.sqrt(sum));
}
