/** Fuzz specs of `latent/datasets` and `latent/plot`. */
import fc from 'fast-check';
import { iris } from '../../../src/datasets/iris.js';
import { blobs } from '../../../src/datasets/blobs.js';
import { moons } from '../../../src/datasets/moons.js';
import { circles } from '../../../src/datasets/circles.js';
import { swissRoll } from '../../../src/datasets/swiss-roll.js';
import { scatterSvg } from '../../../src/plot/scatter.js';
import { lineSvg } from '../../../src/plot/line.js';
import { imageSvg } from '../../../src/plot/image.js';
import { dendrogramSvg } from '../../../src/plot/dendrogram.js';
import { linkage } from '../../../src/cluster/hierarchy/linkage.js';
import { first, int32, matrix64, svg } from '../harness/checks.js';
import { fixedData, matrixOf, vectorOf } from '../harness/gen.js';
import type { Callable, Slot, Spec } from '../harness/types.js';

const c = (f: unknown): Callable => f as Callable;

function datasetCheck(out: unknown, n: number | undefined, d: number | undefined): string | undefined {
  const r = out as { data: unknown; labels: unknown };
  const rows = (r.data as { rows?: number }).rows;
  return first(
    () => matrix64(r.data, n, d, 'data'),
    () => int32(r.labels, rows, 0, 1e6, 'labels'),
  );
}

const datasetSlots = (extra: Slot[]): Slot[] => [
  { arg: 0, kind: 'options', optional: true },
  { arg: 0, key: 'n', kind: 'size', optional: true },
  { arg: 0, key: 'seed', kind: 'seed', optional: true },
  ...extra,
];

const plotText = (arg: number, keys: string[]): Slot[] => keys.map((key): Slot => ({ arg, key, kind: 'string', optional: true }));

export const DATASETS_PLOT_SPECS: Spec[] = [
  {
    name: 'iris',
    fn: c(iris),
    params: [],
    args: fc.constant([]),
    slots: [],
    check: (out) => datasetCheck(out, 150, 4),
  },
  {
    name: 'blobs',
    fn: c(blobs),
    params: ['options'],
    args: fc
      .record(
        {
          n: fc.integer({ min: 0, max: 60 }),
          centers: fc.oneof(fc.integer({ min: 1, max: 5 }), matrixOf(2, 2, { plain: true })),
          spread: fc.oneof(fc.constantFrom(0, 0.5, 2), fc.constant([0.5, 1])),
          centerBox: fc.constant([-5, 5]),
          shuffle: fc.boolean(),
          seed: fc.nat(),
        },
        { requiredKeys: [] },
      )
      .map((o) => {
        const centers = o.centers;
        const k = typeof centers === 'number' ? centers : 2;
        const spread = Array.isArray(o.spread) ? (k === 2 ? o.spread : 1) : o.spread;
        return [{ ...o, ...(spread !== undefined ? { spread } : {}), ...(typeof centers !== 'number' && centers !== undefined ? {} : { dims: 2 }) }];
      }),
    slots: datasetSlots([
      { arg: 0, key: 'centers', kind: 'integer', accepts: ['matrix', 'empty'], optional: true },
      { arg: 0, key: 'dims', kind: 'size', optional: true },
      { arg: 0, key: 'spread', kind: 'number', accepts: ['vector', 'array'], optional: true },
      { arg: 0, key: 'centerBox', kind: 'vector', optional: true },
      { arg: 0, key: 'shuffle', kind: 'boolean', optional: true },
    ]),
    check: (out, args) => datasetCheck(out, (args[0] as { n?: number } | undefined)?.n, undefined),
  },
  {
    name: 'moons',
    fn: c(moons),
    params: ['options'],
    args: fc.option(fc.record({ n: fc.integer({ min: 0, max: 60 }), noise: fc.constantFrom(0, 0.1), shuffle: fc.boolean(), seed: fc.nat() }, { requiredKeys: [] }), { nil: undefined }).map((o) => [o]),
    slots: datasetSlots([
      { arg: 0, key: 'noise', kind: 'number', optional: true },
      { arg: 0, key: 'shuffle', kind: 'boolean', optional: true },
    ]),
    check: (out, args) => datasetCheck(out, (args[0] as { n?: number } | undefined)?.n ?? 100, 2),
  },
  {
    name: 'circles',
    fn: c(circles),
    params: ['options'],
    args: fc
      .option(fc.record({ n: fc.integer({ min: 0, max: 60 }), factor: fc.constantFrom(0, 0.5, 0.8), noise: fc.constantFrom(0, 0.1), shuffle: fc.boolean(), seed: fc.nat() }, { requiredKeys: [] }), { nil: undefined })
      .map((o) => [o]),
    slots: datasetSlots([
      { arg: 0, key: 'factor', kind: 'number', optional: true },
      { arg: 0, key: 'noise', kind: 'number', optional: true },
      { arg: 0, key: 'shuffle', kind: 'boolean', optional: true },
    ]),
    check: (out, args) => datasetCheck(out, (args[0] as { n?: number } | undefined)?.n ?? 100, 2),
  },
  {
    name: 'swissRoll',
    fn: c(swissRoll),
    params: ['options'],
    args: fc
      .option(fc.record({ n: fc.integer({ min: 0, max: 60 }), noise: fc.constantFrom(0, 0.1), hole: fc.boolean(), segments: fc.integer({ min: 1, max: 6 }), seed: fc.nat() }, { requiredKeys: [] }), { nil: undefined })
      .map((o) => [o]),
    slots: datasetSlots([
      { arg: 0, key: 'noise', kind: 'number', optional: true },
      { arg: 0, key: 'hole', kind: 'boolean', optional: true },
      { arg: 0, key: 'segments', kind: 'integer', optional: true },
    ]),
    nonFinite: /^\.t$/,
    check: (out) => datasetCheck(out, undefined, 3),
  },
  {
    name: 'scatterSvg',
    fn: c(scatterSvg),
    params: ['points', 'options'],
    args: fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 2, max: 3 })).chain(([n, d]) =>
      fc.tuple(
        matrixOf(n, d),
        fc.record(
          {
            labels: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }),
            title: fc.constantFrom('t', 'a <b> & "c"'),
            xLabel: fc.constant('x'),
            yLabel: fc.constant('y'),
            columns: fc.constant([0, 1]),
            width: fc.constantFrom(200, 640),
            height: fc.constantFrom(200, 480),
            pointSize: fc.constantFrom(1, 3.5),
            opacity: fc.constantFrom(0.5, 1),
            equalAspect: fc.boolean(),
            legend: fc.boolean(),
          },
          { requiredKeys: [] },
        ),
      ),
    ),
    slots: [
      { arg: 0, kind: 'matrix' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'labels', kind: 'labels', optional: true, accepts: ['array', 'categories'] }, // documented: any finite number or string is a category
      { arg: 1, key: 'labelNames', kind: 'categories', optional: true },
      { arg: 1, key: 'values', kind: 'vector', optional: true },
      { arg: 1, key: 'highlight', kind: 'vector', optional: true },
      ...plotText(1, ['title', 'xLabel', 'yLabel']),
      { arg: 1, key: 'columns', kind: 'vector', optional: true },
      { arg: 1, key: 'width', kind: 'number', optional: true },
      { arg: 1, key: 'height', kind: 'number', optional: true },
      { arg: 1, key: 'pointSize', kind: 'number', optional: true },
      { arg: 1, key: 'opacity', kind: 'number', optional: true },
      { arg: 1, key: 'equalAspect', kind: 'boolean', optional: true },
      { arg: 1, key: 'legend', kind: 'boolean', optional: true },
    ],
    check: svg,
  },
  {
    name: 'lineSvg',
    fn: c(lineSvg),
    params: ['series', 'options'],
    args: fc.tuple(
      fc.integer({ min: 1, max: 12 }).chain((n) =>
        fc.oneof(
          vectorOf(n, { plain: true }),
          vectorOf(n, { plain: true }).map((y) => ({ name: 's', y })),
          fc.tuple(vectorOf(n, { plain: true }), vectorOf(n, { plain: true })).map(([x, y]) => [{ name: 'a', x, y, dashed: true }, { y: x }]),
        ),
      ),
      fc.record(
        { title: fc.constant('t'), xLabel: fc.constant('x'), yLabel: fc.constant('y'), width: fc.constantFrom(300, 560), height: fc.constantFrom(200, 340), yScale: fc.constant('linear'), markers: fc.boolean(), mark: fc.constantFrom(1, { x: 2, label: 'here' }), legend: fc.boolean() },
        { requiredKeys: [] },
      ),
    ),
    slots: [
      { arg: 0, kind: 'vector', accepts: ['object', 'array'] },
      { arg: 1, kind: 'options', optional: true },
      ...plotText(1, ['title', 'xLabel', 'yLabel']),
      { arg: 1, key: 'width', kind: 'number', optional: true },
      { arg: 1, key: 'height', kind: 'number', optional: true },
      { arg: 1, key: 'yScale', kind: 'enum', values: ['linear', 'log'], optional: true },
      { arg: 1, key: 'markers', kind: 'boolean', optional: true },
      { arg: 1, key: 'mark', kind: 'number', accepts: ['object'], optional: true },
      { arg: 1, key: 'legend', kind: 'boolean', optional: true },
    ],
    check: svg,
  },
  {
    name: 'imageSvg',
    fn: c(imageSvg),
    params: ['pixels', 'options'],
    args: fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 })).chain(([w, h]) =>
      fc.tuple(vectorOf(w * h, { plain: true }), fc.record({ width: fc.constant(w), height: fc.constant(h), cellSize: fc.constantFrom(1, 6), lo: fc.constant(-10), hi: fc.constant(10), title: fc.constant('img') }, { requiredKeys: ['width'] })),
    ),
    slots: [
      { arg: 0, kind: 'vector' },
      { arg: 1, kind: 'options' },
      { arg: 1, key: 'width', kind: 'size' },
      { arg: 1, key: 'height', kind: 'size', optional: true },
      { arg: 1, key: 'cellSize', kind: 'number', optional: true },
      { arg: 1, key: 'lo', kind: 'number', optional: true },
      { arg: 1, key: 'hi', kind: 'number', optional: true },
      { arg: 1, key: 'title', kind: 'string', optional: true },
    ],
    check: svg,
  },
  {
    name: 'dendrogramSvg',
    fn: c(dendrogramSvg),
    params: ['Z', 'options'],
    args: fc.tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom('single', 'average', 'ward', 'centroid')).chain(([n, method]) => {
      const Z = linkage(fixedData(n, 2, n), { method: method as 'single' });
      return fc
        .record(
          {
            labels: fc.constant(Array.from({ length: n }, (_, i) => (i % 2 === 0 ? `p${i}` : i))),
            showLeafLabels: fc.constantFrom(true, false, 'auto'),
            truncate: fc.integer({ min: 1, max: n }),
            threshold: fc.constantFrom(0, 1, 3),
            title: fc.constant('tree'),
            yLabel: fc.constant('h'),
            width: fc.constantFrom(300, 640),
            height: fc.constantFrom(200, 400),
          },
          { requiredKeys: [] },
        )
        .map((o) => [Z, o]);
    }),
    slots: [
      { arg: 0, kind: 'linkage' },
      { arg: 1, kind: 'options', optional: true },
      { arg: 1, key: 'labels', kind: 'categories', optional: true },
      { arg: 1, key: 'showLeafLabels', kind: 'boolean', accepts: ['string'], optional: true },
      { arg: 1, key: 'truncate', kind: 'integer', optional: true },
      { arg: 1, key: 'threshold', kind: 'number', optional: true },
      ...plotText(1, ['title', 'yLabel']),
      { arg: 1, key: 'width', kind: 'number', optional: true },
      { arg: 1, key: 'height', kind: 'number', optional: true },
    ],
    // Leaf labels are the caller's categories, drawn as text (a label Infinity reads "Infinity"):
    // their text is not a leaked number; coordinates and every other text still are checked.
    check: (out) => svg(typeof out === 'string' ? out.replace(/<g class="leaf-labels"[^>]*>[\s\S]*?<\/g>/, (g) => g.replace(/>[^<]*<\/text>/g, '></text>')) : out),
  },
];
