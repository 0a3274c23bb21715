/**
 * The fitted standardization model: plain data shared by the fit and the transforms.
 */

/**
 * A fitted standardization: plain data (survives `structuredClone` and `serialize`).
 * Transform with {@link standardizeTransform}, undo with {@link standardizeInverseTransform}.
 */
export interface StandardizeModel {
  /** Model tag. */
  kind: 'standardize';
  /** Layout version. */
  version: 1;
  /** Column means of the fitted data (always computed; subtracted only when `withMean`). */
  mean: Float64Array;
  /**
   * Column divisors: the population standard deviation (divisor n, not n − 1), or 1 for a
   * constant (zero-variance) column and for every column when `withStd` is false.
   */
  scale: Float64Array;
  /** Whether transforms subtract `mean`. */
  withMean: boolean;
  /** Whether transforms divide by `scale`. */
  withStd: boolean;
}
