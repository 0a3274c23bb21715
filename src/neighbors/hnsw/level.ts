/**
 * The level a new HNSW point is inserted at: ⌊−ln(u) · mL⌋ with u uniform in (0, 1] and
 * mL = 1 / ln(m) (the paper's normalization; hnswlib's `getRandomLevel`). The logarithms are
 * `detLog`, so the same seed gives the same levels, and hence the same graph, on every engine.
 */
import { detLog } from '../../core/math.js';
import { nextDouble, type RngState } from '../../core/random.js';
import { HNSW_MAX_LEVEL } from './model.js';

/**
 * The level multiplier mL = 1 / ln(m).
 *
 * @internal
 * @param m - links per point on the upper levels (≥ 2)
 * @returns mL
 * @example
 * ```ts
 * levelMultiplier(16); // 0.36067376022224085
 * ```
 */
export function levelMultiplier(m: number): number {
  return 1 / detLog(m);
}

/**
 * Draws the next level from the generator (one `nextDouble` per point), capped at
 * {@link HNSW_MAX_LEVEL}.
 *
 * @internal
 * @param rng - generator state (advanced)
 * @param mL - the level multiplier
 * @returns a level in [0, HNSW_MAX_LEVEL]
 * @example
 * ```ts
 * drawLevel(rngState(42), levelMultiplier(16)); // 0 with probability 15/16
 * ```
 */
export function drawLevel(rng: RngState, mL: number): number {
  const u = 1 - nextDouble(rng); // in (0, 1]: ln(u) is finite
  const level = Math.floor(-detLog(u) * mL);
  return level < HNSW_MAX_LEVEL ? level : HNSW_MAX_LEVEL;
}

/**
 * Upper-level link slots the next `count` points will need: Σ level · (m + 1) over the levels a
 * copy of the generator would draw (the generator itself is not advanced).
 *
 * @internal
 * @param rng - generator state (copied, not advanced)
 * @param count - points to be inserted
 * @param m - links per point on the upper levels
 * @returns Int32 slots
 * @example
 * ```ts
 * upperSlotsFor(index.rng, 1000, 16); // about 1000 / 15 · 17
 * ```
 */
export function upperSlotsFor(rng: RngState, count: number, m: number): number {
  const s = Uint32Array.from(rng);
  const mL = levelMultiplier(m);
  let slots = 0;
  for (let i = 0; i < count; i++) slots += drawLevel(s, mL) * (m + 1);
  return slots;
}
