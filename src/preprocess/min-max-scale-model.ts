/**
 * The fitted min–max scaling model: plain data shared by the fit and the transforms.
 */

/**
 * A fitted min-max scaling: plain data (survives `structuredClone` and `serialize`).
 * Transform with {@link minMaxScaleTransform}, undo with {@link minMaxScaleInverseTransform}.
 */
export interface MinMaxScaleModel {
  /** Model tag. */
  kind: 'minMaxScale';
  /** Layout version. */
  version: 1;
  /** Column minima of the fitted data. */
  min: Float64Array;
  /** Column maxima of the fitted data. */
  max: Float64Array;
  /** The target interval `[lo, hi]`. */
  featureRange: [number, number];
  /** Whether transforms clamp to `featureRange`. */
  clip: boolean;
}
