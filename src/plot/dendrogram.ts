/**
 * Dendrogram of a linkage tree as an SVG string.
 */
import { leafOrderOf } from '../cluster/hierarchy/leaf-order.js';
import { checkLinkage } from '../cluster/hierarchy/linkage-validate.js';
import { LatentError, describe } from '../core/errors.js';
import type { MatrixLike } from '../core/matrix.js';
import { assertInteger, assertNumber, assertSize } from '../core/validate.js';
import { PLOT_LIMIT, assertDrawable, svgOpen, textWidth, titleText } from './axes.js';
import { escapeXml, fmt, paletteColor } from './svg.js';
import { niceDomain, niceTicks } from './ticks.js';
import { booleanOption, readOptions, stringOption, type OptionKeys } from '../core/options.js';

/** Options for {@link dendrogramSvg}. */
export interface DendrogramOptions {
  /**
   * A name per point (n of them), shown under the leaves.
   * @defaultValue the point indices
   */
  labels?: readonly (string | number)[];
  /**
   * Draw the leaf labels. With the default, labels are drawn when each leaf gets at least
   * 8 pixels of width.
   * @defaultValue `'auto'`
   */
  showLeafLabels?: boolean | 'auto';
  /**
   * Show only the last `truncate` clusters formed (scipy's `truncate_mode='lastp'`): the tree
   * above the partition after the first n − truncate merges. A collapsed cluster is drawn as
   * a small triangle and labelled with its size, e.g. `(12)`. Values ≥ n draw everything.
   * @defaultValue no truncation
   */
  truncate?: number;
  /**
   * Cut height: draws a dashed line across the tree and colours each flat cluster of
   * `cutTree(Z, { height: threshold })` with its own colour (links above the cut stay grey).
   * @defaultValue none (no cut line, one colour)
   */
  threshold?: number;
  /** Chart title. @defaultValue none */
  title?: string;
  /** Label of the height axis. @defaultValue `'height'` */
  yLabel?: string;
  /** Total width in pixels. @defaultValue 640 */
  width?: number;
  /** Total height in pixels. @defaultValue 400 */
  height?: number;
}

const DENDROGRAM_KEYS: OptionKeys<DendrogramOptions> = { labels: true, showLeafLabels: true, truncate: true, threshold: true, title: true, yLabel: true, width: true, height: true };

const LINK = '#555';
/** Palette entries readable as thin lines on white (skips yellow, black and the palest tints). */
const CLUSTER_COLORS: readonly number[] = [0, 1, 2, 3, 4, 5, 8, 10, 11, 12, 14, 15, 16];

function clusterColor(c: number): string {
  return c < 0 ? LINK : paletteColor(CLUSTER_COLORS[c % CLUSTER_COLORS.length]!);
}
const MAX_LABEL_CHARS = 24;

/**
 * Draws a linkage tree (from `linkage`, `agglomerative(...).tree` or scipy) as a dendrogram:
 * leaves along the bottom in `leafOrder` order, each merge a ⊓-shaped link at its
 * height, a height axis with round ticks. Optionally labels the leaves, collapses all but the
 * last p clusters (for large n), and marks a cut height with a dashed line and one colour
 * per resulting cluster. The string is self-contained SVG 1.1 (no scripts, fonts or CSS
 * files) and renders the same in Node-generated files and browsers.
 *
 * Links of the same colour share one `<path>`, so the output grows by ~30 bytes per merge.
 * O(n) time.
 *
 * @param Z - a linkage matrix ((n−1) × 4, scipy's layout)
 * @param options - {@link DendrogramOptions}
 * @returns the SVG document as a string
 * @throws LatentError `E_SHAPE`/`E_RANGE`/`E_NOT_FINITE` for an invalid `Z`; `E_SHAPE` when
 * `labels` does not have n entries; `E_RANGE`/`E_TYPE`/`E_NOT_FINITE` for bad sizes,
 * `truncate` or `threshold`
 * @example
 * ```ts
 * const Z = linkage([[0, 0], [0, 1], [4, 0], [4, 2]], { method: 'average' });
 * const svg = dendrogramSvg(Z, { labels: ['a', 'b', 'c', 'd'], threshold: 1.5 });
 * svg.startsWith('<svg'); // true
 * ```
 * @see scipy.cluster.hierarchy.dendrogram
 */
export function dendrogramSvg(Z: MatrixLike, options?: DendrogramOptions): string {
  const fn = 'dendrogramSvg';
  const o = readOptions(fn, options, DENDROGRAM_KEYS);
  stringOption(fn, 'title', o.title);
  stringOption(fn, 'yLabel', o.yLabel);
  if (o.showLeafLabels !== undefined) booleanOption(fn, 'showLeafLabels', o.showLeafLabels, false);
  const { data, n } = checkLinkage(fn, Z);
  const width = assertNumber(fn, 'width', o.width ?? 640, 160, 20000);
  const height = assertNumber(fn, 'height', o.height ?? 400, 120, 20000);
  const p = o.truncate === undefined ? n : Math.min(n, assertInteger(fn, 'truncate', o.truncate, 1));
  const threshold = o.threshold === undefined ? undefined : assertNumber(fn, 'threshold', o.threshold, 0, PLOT_LIMIT);
  const names = leafNames(fn, o.labels, n);

  // Displayed tree: rows n − p … n − 2; nodes formed earlier are leaves (collapsed when > 1 point).
  const firstRow = n - p;
  const isLeaf = (id: number): boolean => id < n || id - n < firstRow;
  const sizeOf = (id: number): number => (id < n ? 1 : data[(id - n) * 4 + 3]!);
  const heightOf = (id: number): number => (id < n ? 0 : data[(id - n) * 4 + 2]!);

  // Leaves left to right (iterative, left child first).
  const leaves: number[] = [];
  if (p === n) {
    for (const v of leafOrderOf(data, n)) leaves.push(v);
  } else {
    const stack: number[] = [2 * n - 2];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (isLeaf(id)) {
        leaves.push(id);
      } else {
        const o = (id - n) * 4;
        stack.push(data[o + 1]!, data[o]!);
      }
    }
  }
  const m = leaves.length;

  // Flat clusters under the cut (as cutTree's height cut): a node belongs to one when its
  // whole subtree merges at or below the threshold; colours numbered left to right.
  const clusterOf = new Int32Array(2 * n - 1).fill(-1);
  if (threshold !== undefined && n > 1) {
    const maxH = new Float64Array(n - 1);
    const parent = new Int32Array(2 * n - 1).fill(-1);
    for (let i = 0; i < n - 1; i++) {
      const a = data[i * 4]!;
      const b = data[i * 4 + 1]!;
      maxH[i] = Math.max(data[i * 4 + 2]!, a >= n ? maxH[a - n]! : 0, b >= n ? maxH[b - n]! : 0);
      parent[a] = n + i;
      parent[b] = n + i;
    }
    // Top-most node of each node's cluster (−1 when above the cut), parents first.
    const rootOf = new Int32Array(2 * n - 1).fill(-1);
    for (let id = 2 * n - 2; id >= 0; id--) {
      const par = parent[id]!;
      const inside = id >= n ? maxH[id - n]! <= threshold : par !== -1 && rootOf[par] !== -1;
      if (inside) rootOf[id] = par !== -1 && rootOf[par] !== -1 ? rootOf[par]! : id;
    }
    const colorOfRoot = new Map<number, number>();
    for (const leaf of leaves) {
      const r = rootOf[leaf]!;
      if (r !== -1 && !colorOfRoot.has(r)) colorOfRoot.set(r, colorOfRoot.size);
    }
    for (let id = 0; id < 2 * n - 1; id++) {
      const r = rootOf[id]!;
      if (r !== -1) clusterOf[id] = colorOfRoot.get(r) ?? -1;
    }
  }

  // Layout.
  let yMax = 0;
  for (let i = firstRow; i < n - 1; i++) yMax = Math.max(yMax, data[i * 4 + 2]!);
  for (const leaf of leaves) yMax = Math.max(yMax, heightOf(leaf));
  assertDrawable(fn, 'Z heights', yMax);
  if (threshold !== undefined) yMax = Math.max(yMax, threshold);
  const yTop = niceDomain(0, yMax > 0 ? yMax : 1, 5)[1];
  const ticks = niceTicks(0, yTop, 5);
  const yLabel = o.yLabel ?? 'height';
  let tickW = 0;
  for (const l of ticks.labels) tickW = Math.max(tickW, textWidth(l));
  const left = Math.ceil(tickW) + 16 + (yLabel ? 22 : 0);
  const right = threshold !== undefined ? 16 + Math.ceil(textWidth(`cut ${fmtValue(threshold)}`)) : 16;
  const top = o.title ? 38 : 16;
  const plotW = width - left - right;
  const slot = plotW / Math.max(1, m);
  const leafText = leaves.map((id) => (id < n ? names[id]! : `(${sizeOf(id)})`));
  const show = o.showLeafLabels === undefined || o.showLeafLabels === 'auto' ? slot >= 8 : o.showLeafLabels;
  let labelW = 0;
  for (const t of leafText) labelW = Math.max(labelW, textWidth(t));
  const fontSize = Math.max(6, Math.min(11, Math.floor(slot - 1)));
  const rotate = labelW * (fontSize / 12) > slot - 2;
  const labelSpace = show ? (rotate ? Math.min(140, Math.ceil(labelW * (fontSize / 12))) + 10 : 20) : 4;
  const bottom = height - labelSpace - 6;
  const plotH = bottom - top;
  if (plotW < 20 || plotH < 20) {
    throw new LatentError('E_RANGE', `${fn}: width × height ${width} × ${height} leaves no room to draw the tree`);
  }
  const py = (v: number): number => bottom - (v / yTop) * plotH;

  // Node x positions: leaves at slot centres, internal nodes midway between their children.
  const xOf = new Float64Array(2 * n - 1);
  for (let s = 0; s < m; s++) xOf[leaves[s]!] = left + (s + 0.5) * slot;
  for (let i = firstRow; i < n - 1; i++) xOf[n + i] = (xOf[data[i * 4]!]! + xOf[data[i * 4 + 1]!]!) / 2;

  // Links grouped by colour: -1 = above the cut (or no cut).
  const paths = new Map<number, string>();
  const add = (c: number, d: string): void => {
    paths.set(c, (paths.get(c) ?? '') + d);
  };
  for (let i = firstRow; i < n - 1; i++) {
    const a = data[i * 4]!;
    const b = data[i * 4 + 1]!;
    const yh = fmt(py(data[i * 4 + 2]!));
    add(clusterOf[n + i]!, `M${fmt(xOf[a]!)} ${fmt(py(heightOf(a)))}V${yh}H${fmt(xOf[b]!)}V${fmt(py(heightOf(b)))}`);
  }
  // Collapsed clusters: a triangle from the baseline up to the cluster's own height.
  const tris = new Map<number, string>();
  const half = Math.min(6, slot * 0.35);
  for (const id of leaves) {
    if (id < n) continue;
    const x = xOf[id]!;
    const c = clusterOf[id]!;
    tris.set(c, (tris.get(c) ?? '') + `M${fmt(x)} ${fmt(py(heightOf(id)))}L${fmt(x - half)} ${fmt(bottom)}H${fmt(x + half)}Z`);
  }

  let out = svgOpen(width, height, o.title, 'dendrogram');
  out += titleText(o.title, left);
  // Height axis with light grid lines.
  let grid = '';
  let tickMarks = '';
  let tickText = '';
  for (let t = 0; t < ticks.values.length; t++) {
    const y = fmt(py(ticks.values[t]!));
    grid += `M${fmt(left)} ${y}H${fmt(left + plotW)}`;
    tickMarks += `M${fmt(left)} ${y}h-5`;
    tickText += `<text x="${fmt(left - 8)}" y="${y}" dy="0.32em">${escapeXml(ticks.labels[t]!)}</text>`;
  }
  out += `<g class="axes"><path d="${grid}" stroke="#ececec" fill="none"/>`;
  out += `<path d="M${fmt(left)} ${fmt(top)}V${fmt(bottom)}${tickMarks}" stroke="#999" fill="none"/>`;
  out += `<g fill="#444" text-anchor="end">${tickText}</g>`;
  if (yLabel) {
    out += `<text transform="translate(14 ${fmt(top + plotH / 2)}) rotate(-90)" text-anchor="middle" dy="0.32em" fill="#222">${escapeXml(yLabel)}</text>`;
  }
  out += '</g>';
  const sw = slot < 3 ? 0.6 : slot < 6 ? 1 : 1.5;
  out += `<g class="links" fill="none" stroke-width="${sw}" stroke-linejoin="miter">`;
  for (const [c, d] of [...paths.entries()].sort((u, v) => u[0] - v[0])) {
    out += `<path d="${d}" stroke="${clusterColor(c)}"/>`;
  }
  out += '</g>';
  if (tris.size > 0) {
    out += '<g class="collapsed" fill-opacity="0.35" stroke-width="0.8">';
    for (const [c, d] of [...tris.entries()].sort((u, v) => u[0] - v[0])) {
      const color = c < 0 ? '#888' : clusterColor(c);
      out += `<path d="${d}" fill="${color}" stroke="${color}"/>`;
    }
    out += '</g>';
  }
  if (threshold !== undefined) {
    const y = fmt(py(threshold));
    out += `<g class="cut"><path d="M${fmt(left)} ${y}H${fmt(left + plotW)}" stroke="#D55E00" stroke-width="1.2" stroke-dasharray="6 4"/>`;
    out += `<text x="${fmt(left + plotW + 4)}" y="${y}" dy="0.32em" fill="#D55E00">cut ${escapeXml(fmtValue(threshold))}</text></g>`;
  }
  if (show) {
    out += `<g class="leaf-labels" fill="#333" font-size="${fontSize}">`;
    for (let s = 0; s < m; s++) {
      const x = fmt(xOf[leaves[s]!]!);
      const y = fmt(bottom + 6);
      const text = escapeXml(leafText[s]!);
      const c = clusterOf[leaves[s]!]!;
      const fill = c < 0 ? '' : ` fill="${clusterColor(c)}"`;
      out += rotate
        ? `<text transform="translate(${x} ${y}) rotate(-90)" text-anchor="end" dy="0.32em"${fill}>${text}</text>`
        : `<text x="${x}" y="${fmt(bottom + 16)}" text-anchor="middle"${fill}>${text}</text>`;
    }
    out += '</g>';
  }
  return out + '</svg>';
}

/** Leaf names: the given labels (validated, shortened) or the point indices. */
function leafNames(fn: string, labels: readonly (string | number)[] | undefined, n: number): string[] {
  if (labels === undefined) return Array.from({ length: n }, (_, i) => String(i));
  if (labels === null || typeof labels !== 'object' || typeof labels.length !== 'number') {
    throw new LatentError('E_TYPE', `${fn}: labels must be an array of strings or numbers, got ${describe(labels)}`);
  }
  assertSize(fn, 'labels length', labels.length, n);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = labels[i];
    if (typeof v !== 'string' && typeof v !== 'number') {
      throw new LatentError('E_TYPE', `${fn}: labels must hold strings or numbers, got ${describe(v)} at index ${i}`);
    }
    const s = String(v);
    out.push(s.length > MAX_LABEL_CHARS ? s.slice(0, MAX_LABEL_CHARS - 1) + '…' : s);
  }
  return out;
}

/** Short text for a height value. */
function fmtValue(v: number): string {
  return String(Number(v.toPrecision(3)));
}
