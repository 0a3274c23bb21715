/**
 * The condensed tree of an HDBSCAN model as an icicle plot (the `hdbscan` package's
 * `condensed_tree_.plot()`), as an SVG string.
 */
import { checkHdbscanModel, type HdbscanModel } from '../cluster/density/hdbscan-model.js';
import { LatentError } from '../core/errors.js';
import { booleanOption, numberIn, readOptions, stringOption, type OptionKeys } from '../core/options.js';
import { leftMargin, legend, legendWidth, svgOpen, titleText, type LegendEntry } from './axes.js';
import { escapeXml, fmt, paletteColor } from './svg.js';
import { niceDomain, niceTicks } from './ticks.js';

/** Options of {@link condensedTreeSvg}. */
export interface CondensedTreeOptions {
  /**
   * Outline the clusters the model selected, each in its label's palette colour (as the
   * scatter plots colour them), with a legend.
   * @defaultValue true
   */
  selectClusters?: boolean | undefined;
  /**
   * Icicle widths proportional to the logarithm of the cluster size instead of the size.
   * @defaultValue false
   */
  logSize?: boolean | undefined;
  /** Chart title. @defaultValue none */
  title?: string | undefined;
  /** Total width in pixels. @defaultValue 640 */
  width?: number | undefined;
  /** Total height in pixels. @defaultValue 420 */
  height?: number | undefined;
}

const KEYS: OptionKeys<CondensedTreeOptions> = { selectClusters: true, logSize: true, title: true, width: true, height: true };

/** Most rectangles drawn per icicle (the package's `max_rectangles_per_icicle`). */
const MAX_RECTANGLES = 20;

/** Viridis anchors (matplotlib), for the size colour ramp. */
const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];

function viridis(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  const hex = (k: number): string => Math.round(a[k]! + (b[k]! - a[k]!) * f).toString(16).padStart(2, '0');
  return `#${hex(0)}${hex(1)}${hex(2)}`;
}

/**
 * Draws the condensed tree of an `hdbscan` model as an icicle plot, as the `hdbscan`
 * package's `condensed_tree_.plot(select_clusters=True)` does: λ = 1/distance grows downward
 * from the root at the top; each cluster is a vertical icicle whose width is the number of
 * points still in it (it narrows as points fall out as noise, in at most 20 steps), coloured by
 * that size (viridis); a horizontal line joins the two clusters a cluster splits into, at the
 * split's λ. The clusters the model selected are outlined in their label's colour and listed in
 * a legend (`cluster 0` … in label order). Points leaving at λ = ∞ (duplicates) are drawn to the
 * bottom edge.
 *
 * The SVG is self-contained (no scripts or external fonts); it has O(clusters) elements.
 *
 * @param model - a model from `hdbscan` or `hdbscanFromDistances`
 * @param options - {@link CondensedTreeOptions}
 * @returns the SVG document as a string
 * @throws LatentError `E_MODEL` for something that is not a consistent hdbscan model; `E_TYPE` / `E_OPTION` / `E_RANGE` / `E_NOT_FINITE` for bad options or a size too small to draw in
 * @example
 * ```ts
 * const model = hdbscan(blobs({ n: 300, centers: 3, seed: 1 }).data, { minClusterSize: 10 });
 * const svg = condensedTreeSvg(model, { title: 'Condensed tree' });
 * svg.startsWith('<svg'); // true
 * ```
 * @see hdbscan.plots.CondensedTree.plot (the `hdbscan` package)
 */
export function condensedTreeSvg(model: HdbscanModel, options?: CondensedTreeOptions): string {
  const fn = 'condensedTreeSvg';
  const o = readOptions(fn, options, KEYS);
  const { model: m, n } = checkHdbscanModel(fn, model);
  const select = booleanOption(fn, 'selectClusters', o.selectClusters, true);
  const logSize = booleanOption(fn, 'logSize', o.logSize, false);
  const width = numberIn(fn, 'width', o.width ?? 640, { min: 160, max: 20000 });
  const height = numberIn(fn, 'height', o.height ?? 420, { min: 120, max: 20000 });
  const title = stringOption(fn, 'title', o.title);
  const { parent, child, lambda, size } = m.condensedTree;
  const rows = parent.length;

  // Clusters are n … n + K − 1; slot c = number − n.
  let top = n;
  for (let r = 0; r < rows; r++) top = Math.max(top, parent[r]!, child[r]!);
  const K = rows === 0 ? 0 : top - n + 1;
  // Rows of each cluster, by λ (stable).
  const start = new Int32Array(K + 1);
  for (let r = 0; r < rows; r++) start[parent[r]! - n + 1]!++;
  for (let c = 0; c < K; c++) start[c + 1]! += start[c]!;
  const byCluster = new Int32Array(rows);
  const fill = start.slice(0, K);
  for (let r = 0; r < rows; r++) byCluster[fill[parent[r]! - n]!++] = r;
  for (let c = 0; c < K; c++) {
    const seg = Array.from(byCluster.subarray(start[c], start[c + 1])).sort((a, b) => lambda[a]! - lambda[b]! || a - b);
    byCluster.set(seg, start[c]);
  }
  const childA = new Int32Array(K).fill(-1);
  const childB = new Int32Array(K).fill(-1);
  const birth = new Float64Array(K);
  for (let r = 0; r < rows; r++) {
    const c = child[r]!;
    if (c < n) continue;
    const p = parent[r]! - n;
    if (childA[p] === -1) childA[p] = c - n;
    else childB[p] = c - n;
    birth[c - n] = lambda[r]!;
  }
  // Largest finite λ sets the bottom; λ = ∞ is drawn at the bottom edge.
  let maxFinite = 0;
  let hasInfinite = false;
  for (let r = 0; r < rows; r++) {
    const l = lambda[r]!;
    if (l === Infinity) hasInfinite = true;
    else if (l > maxFinite) maxFinite = l;
  }
  const yTop = niceDomain(0, maxFinite > 0 ? maxFinite * (hasInfinite ? 1.05 : 1) : 1, 5)[1];
  const lam = (v: number): number => (v === Infinity ? yTop : v);

  // x: leaves (depth first, first child first) spaced by the total size, parents centred on their children.
  const total = Math.max(1, n);
  const x = new Float64Array(K);
  let leaves = 0;
  if (K > 0) {
    const stack: number[] = [0];
    const order: number[] = [];
    while (stack.length > 0) {
      const c = stack.pop()!;
      order.push(c);
      if (childA[c] !== -1) stack.push(childB[c]!, childA[c]!);
      else x[c] = leaves++ * total;
    }
    for (let t = order.length - 1; t >= 0; t--) {
      const c = order[t]!;
      if (childA[c] !== -1) x[c] = (x[childA[c]!]! + x[childB[c]!]!) / 2;
    }
  }
  const widthOf = (s: number): number => (logSize ? Math.log(Math.max(1, s)) * (total / Math.log(Math.max(2, total))) : s);

  // Icicle rectangles in data units: [centre, λ from, λ to, size].
  const bars: number[] = [];
  const bounds = new Float64Array(4 * K); // left, right, λ top (birth), λ bottom
  for (let c = 0; c < K; c++) {
    let current = 0;
    for (let t = start[c]!; t < start[c + 1]!; t++) current += size[byCluster[t]!]!;
    const maxSize = current;
    const lastRow = start[c + 1]! > start[c]! ? byCluster[start[c + 1]! - 1]! : -1;
    const deepest = lastRow < 0 ? birth[c]! : lambda[lastRow]!;
    let minSize = 0;
    for (let t = start[c]!; t < start[c + 1]!; t++) if (lambda[byCluster[t]!] === deepest) minSize += size[byCluster[t]!]!;
    const step = (maxSize - minSize) / MAX_RECTANGLES;
    let curLambda = birth[c]!;
    let lastSize = current;
    let lastLambda = curLambda;
    for (let t = start[c]!; t < start[c + 1]!; t++) {
      const r = byCluster[t]!;
      const l = lambda[r]!;
      if (l !== curLambda && (lastSize - current > step || l === deepest)) {
        bars.push(x[c]!, lastLambda, l, lastSize);
        lastSize = current;
        lastLambda = curLambda;
      }
      current -= size[r]!;
      curLambda = l;
    }
    const half = widthOf(maxSize) / 2;
    bounds[4 * c] = x[c]! - half;
    bounds[4 * c + 1] = x[c]! + half;
    bounds[4 * c + 2] = birth[c]!;
    bounds[4 * c + 3] = deepest;
  }

  // Layout.
  const ticks = niceTicks(0, yTop, 6);
  const yLabel = 'λ value';
  const entries: LegendEntry[] = [];
  if (select) for (let k = 0; k < m.clusters.length; k++) entries.push({ name: `cluster ${k}`, color: paletteColor(k), shape: 'dot' });
  const left = leftMargin(ticks.labels, true);
  const right = 12 + legendWidth(entries);
  const topPx = title ? 38 : 16;
  const bottomPx = height - 16;
  const plotW = width - left - right;
  const plotH = bottomPx - topPx;
  if (plotW < 40 || plotH < 40) throw new LatentError('E_RANGE', `${fn}: width × height ${width} × ${height} leaves no room to draw the tree`);
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let c = 0; c < K; c++) {
    xMin = Math.min(xMin, bounds[4 * c]!);
    xMax = Math.max(xMax, bounds[4 * c + 1]!);
  }
  if (!(xMax > xMin)) {
    xMin = -1;
    xMax = 1;
  }
  const pad = (xMax - xMin) * 0.04;
  const px = (v: number): number => left + ((v - xMin + pad) / (xMax - xMin + 2 * pad)) * plotW;
  const pw = (v: number): number => (v / (xMax - xMin + 2 * pad)) * plotW;
  const py = (v: number): number => topPx + (lam(v) / yTop) * plotH;
  const colourScale = Math.log(Math.max(2, total));

  let out = svgOpen(width, height, title, 'condensed-tree');
  out += titleText(title, left);
  // λ axis on the left, growing downward.
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
  out += `<path d="M${fmt(left)} ${fmt(topPx)}V${fmt(bottomPx)}${tickMarks}" stroke="#999" fill="none"/>`;
  out += `<g fill="#444" text-anchor="end">${tickText}</g>`;
  out += `<text transform="translate(14 ${fmt(topPx + plotH / 2)}) rotate(-90)" text-anchor="middle" dy="0.32em" fill="#222">${escapeXml(yLabel)}</text></g>`;
  // Icicles.
  out += '<g class="icicles">';
  for (let b = 0; b < bars.length; b += 4) {
    const s = bars[b + 3]!;
    const w = Math.max(0.5, pw(widthOf(s)));
    const y0 = py(bars[b + 1]!);
    const y1 = py(bars[b + 2]!);
    out += `<rect x="${fmt(px(bars[b]!) - w / 2)}" y="${fmt(y0)}" width="${fmt(w)}" height="${fmt(Math.max(0.5, y1 - y0))}" fill="${viridis(Math.log(Math.max(1, s)) / colourScale)}"/>`;
  }
  out += '</g>';
  // Splits: a line between the two children at the split's λ.
  let lines = '';
  for (let c = 0; c < K; c++) {
    if (childA[c] === -1) continue;
    const a = childA[c]!;
    const b = childB[c]!;
    lines += `M${fmt(px(x[a]!))} ${fmt(py(birth[a]!))}H${fmt(px(x[b]!))}`;
  }
  out += `<path class="splits" d="${lines}" stroke="#333" stroke-width="1" fill="none"/>`;
  if (select) {
    out += '<g class="selected" fill="none" stroke-width="2">';
    for (let k = 0; k < m.clusters.length; k++) {
      const c = m.clusters[k]! - n;
      if (c < 0 || c >= K) continue;
      const x0 = px(bounds[4 * c]!) - 4;
      const x1 = px(bounds[4 * c + 1]!) + 4;
      const y0 = py(bounds[4 * c + 2]!) - 3;
      const y1 = py(bounds[4 * c + 3]!) + 3;
      out += `<rect x="${fmt(x0)}" y="${fmt(y0)}" width="${fmt(x1 - x0)}" height="${fmt(Math.max(6, y1 - y0))}" rx="6" stroke="${paletteColor(k)}" data-cluster="${k}"/>`;
    }
    out += '</g>';
    out += legend(entries, left + plotW + 12, topPx, plotH);
  }
  return out + '</svg>';
}
