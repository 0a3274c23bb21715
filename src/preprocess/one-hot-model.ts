/**
 * The fitted one-hot encoding model: plain data shared by the fit and the transforms.
 */
import type { Category } from './category.js';

/**
 * A fitted one-hot encoder: plain data (survives `structuredClone` and `serialize`).
 * Encode new values with {@link oneHotTransform}, decode rows with {@link oneHotDecode}.
 */
export interface OneHotModel {
  /** Model tag. */
  kind: 'oneHot';
  /** Layout version. */
  version: 1;
  /** The categories; column j of the encoding is `categories[j]` (the inverse mapping). */
  categories: Category[];
  /** What unknown values do at transform time. */
  handleUnknown: 'error' | 'ignore';
}
