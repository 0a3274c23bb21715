/**
 * Prints every output shown in docs/guides/similarity.md.
 * Run from the repository root: npx tsx docs/guides/similarity/generate.ts
 */
import { cdist, condensedIndex, cosine, cosineSimilarity, euclidean, manhattan, chebyshev, pdist, sqeuclidean, squareform } from '../../../src/distance/index.js';
import { knn, knnIndex, knnQuery, knnQuerySelf, knnSelf } from '../../../src/neighbors/index.js';
import { toRows } from '../../../src/core/matrix.js';

const section = (title: string): void => console.log(`\n=== ${title}`);

section('metrics');
const a = [1, 2, 3];
const b = [2, 4, 1];
console.log(euclidean(a, b), sqeuclidean(a, b), manhattan(a, b), chebyshev(a, b));
console.log(cosineSimilarity(a, b), cosine(a, b));
console.log(cosine([0, 0, 0], b), cosine([0, 0, 0], [0, 0, 0]), cosineSimilarity([0, 0, 0], b));

section('accuracy');
const p = [1e8, 1e8];
const q = [1e8 + 1, 1e8 + 1];
const expansion = Math.sqrt(p[0]! ** 2 + p[1]! ** 2 + q[0]! ** 2 + q[1]! ** 2 - 2 * (p[0]! * q[0]! + p[1]! * q[1]!));
console.log(euclidean(p, q), expansion);

section('pdist / cdist / squareform');
const X = [[0, 0], [3, 4], [6, 8], [0, 1]];
const d = pdist(X);
console.log(d);
console.log(d[condensedIndex(4, 1, 3)]);
console.log(toRows(squareform(d)));
console.log(squareform(squareform(d)));
console.log(toRows(cdist([[0, 0], [1, 1]], X, 'manhattan')));

section('knn');
const nn = knn(X, [[1, 1], [5, 5]], 2);
console.log(nn.indices, nn.distances, nn.method);

section('books');
const features = ['fantasy', 'sci-fi', 'mystery', 'romance', 'history', 'humour'];
const books: [string, number[]][] = [
  ['The Hobbit', [0.9, 0.0, 0.1, 0.0, 0.1, 0.4]],
  ['Dune', [0.3, 0.9, 0.1, 0.1, 0.2, 0.0]],
  ['Foundation', [0.0, 0.9, 0.2, 0.0, 0.4, 0.1]],
  ['The Name of the Rose', [0.0, 0.0, 0.9, 0.1, 0.8, 0.1]],
  ['Good Omens', [0.7, 0.1, 0.0, 0.1, 0.0, 0.9]],
  ['Pride and Prejudice', [0.0, 0.0, 0.0, 0.9, 0.3, 0.4]],
  ["The Hitchhiker's Guide", [0.1, 0.8, 0.0, 0.0, 0.0, 1.0]],
  ['Gone Girl', [0.0, 0.0, 0.9, 0.3, 0.0, 0.0]],
  ['Wolf Hall', [0.0, 0.0, 0.2, 0.2, 1.0, 0.0]],
  ['Mistborn', [1.0, 0.1, 0.3, 0.1, 0.0, 0.1]],
  ['The Martian', [0.0, 0.9, 0.1, 0.0, 0.0, 0.7]],
  ['Discworld: Guards! Guards!', [0.9, 0.0, 0.4, 0.0, 0.0, 1.0]],
  ['Sherlock Holmes', [0.0, 0.0, 1.0, 0.0, 0.2, 0.1]],
  ['Outlander', [0.4, 0.0, 0.0, 0.9, 0.8, 0.0]],
];
const titles = books.map(([t]) => t);
const catalogue = books.map(([, v]) => v);
console.log(features.join(', '));
const read = [0, 4, 10]; // The Hobbit, Good Omens, The Martian
const profile = features.map((_, j) => read.reduce((s, i) => s + catalogue[i]![j]!, 0) / read.length);
console.log(profile.map((v) => +v.toFixed(3)));
const { indices, distances } = knn(catalogue, [profile], 5 + read.length, { metric: 'cosine' });
const recs = Array.from(indices)
  .map((i, r) => ({ title: titles[i]!, similarity: +(1 - distances[r]!).toFixed(3) }))
  .filter((_, r) => !read.includes(indices[r]!))
  .slice(0, 5);
console.table(recs);

section('more like this');
const more = knnSelf(catalogue, 2, { metric: 'cosine' });
for (const i of [1, 3, 5]) console.log(`${titles[i]} → ${Array.from(more.indices.subarray(i * 2, i * 2 + 2), (j) => titles[j]).join(', ')}`);

section('index');
const index = knnIndex(catalogue, { metric: 'cosine' });
console.log(index.kind, index.method, index.points.rows);
console.log(knnQuery(index, [[0, 1, 0, 0, 0, 0]], 3).indices);
console.log(knnQuerySelf(index, 1).indices);

section('custom metric: haversine');
const cities: [string, number, number][] = [
  ['Paris', 48.8566, 2.3522],
  ['London', 51.5074, -0.1278],
  ['Berlin', 52.52, 13.405],
  ['Madrid', 40.4168, -3.7038],
  ['Rome', 41.9028, 12.4964],
  ['Vienna', 48.2082, 16.3738],
  ['Amsterdam', 52.3676, 4.9041],
  ['Lisbon', 38.7223, -9.1393],
];
const rad = Math.PI / 180;
const haversine = (u: Float64Array, v: Float64Array): number => {
  const dLat = (v[0]! - u[0]!) * rad;
  const dLon = (v[1]! - u[1]!) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(u[0]! * rad) * Math.cos(v[0]! * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
};
const where = cities.map(([, lat, lon]) => [lat, lon]);
const near = knn(where, [[50.8503, 4.3517]], 3, { metric: haversine, method: 'vptree' }); // Brussels
console.log(Array.from(near.indices, (i) => cities[i]![0]), Array.from(near.distances, (x) => Math.round(x)));
