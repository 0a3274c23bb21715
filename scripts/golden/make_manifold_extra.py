#!/usr/bin/env python3
"""Supplementary scikit-learn references for latent's LLE / spectral embedding / classical MDS tests.

scikit-learn 1.9.1, numpy 2.4 (from the repository root: python3 scripts/golden/make_manifold_extra.py).
Reads data/golden/manifold.json (made by make_density_manifold.py) and data/digits.csv, data/wine.csv;
writes data/golden/manifold-extra.json.

- lleModified: LocallyLinearEmbedding(method='modified', eigen_solver='dense') on the first 400
  rows of manifold.json's swiss roll, n_neighbors=12.
- lleTransform: the standard swiss-roll model of manifold.json (n_neighbors=12) applied to 10
  new points.
- digitsTies: digits has integer pixels, so 106 rows tie at their 30th/31st neighbour; the
  neighbour sets scikit-learn picked for manifold.json's digits LLE (brute force, default thread
  count of a 2-core machine; single-threaded scikit-learn picks others and its reconstruction error
  becomes 5.5e-7 instead of 2.0e-7) are recorded for the rows where they differ from "lower index
  first" tie-breaking. The script checks that its neighbour sets reproduce manifold.json.
- spectral: SpectralEmbedding(affinity='nearest_neighbors', n_components=2) on the 400-row swiss
  roll (n_neighbors=10) and on standardised wine (default n_neighbors = 17).
- mds: ClassicalMDS(n_components=2) on standardised wine (euclidean and manhattan).
"""
import json, os
import numpy as np
import sklearn
from sklearn.manifold import LocallyLinearEmbedding, SpectralEmbedding, ClassicalMDS
from sklearn.neighbors import NearestNeighbors

HERE = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "data", "golden")


def arr(a):
    return np.asarray(a, dtype=float).tolist()


def read_csv(name):
    a = np.loadtxt(os.path.join(HERE, "..", name), delimiter=",", skiprows=1)
    return a[:, :-1]


man = json.load(open(os.path.join(HERE, "manifold.json")))
roll = np.asarray(man["swissRoll"]["data"])
roll400 = roll[:400]
wine = read_csv("wine.csv")
wine = (wine - wine.mean(0)) / wine.std(0)
digits = read_csv("digits.csv")
out = {"tool": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}"}

m = LocallyLinearEmbedding(n_neighbors=12, n_components=2, method="modified", eigen_solver="dense").fit(roll400)
out["lleModified"] = dict(rows=400, nNeighbors=12, embedding=arr(m.embedding_), reconstructionError=float(m.reconstruction_error_))

std = LocallyLinearEmbedding(n_neighbors=12, n_components=2, eigen_solver="dense", reg=1e-3).fit(roll)
rng = np.random.RandomState(7)
new = roll[rng.choice(1000, 10, replace=False)] + rng.normal(scale=0.3, size=(10, 3))
out["lleTransform"] = dict(points=arr(new), embedding=arr(std.transform(new)), fitEmbedding=arr(std.embedding_))

nn = NearestNeighbors(n_neighbors=31).fit(digits)
ind = nn.kneighbors(digits, return_distance=False)[:, 1:]
sq = ((digits[:, None, :] - digits[None, :, :]) ** 2).sum(-1)
ties = {}
for i in range(len(digits)):
    d = sq[i].copy(); d[i] = np.inf
    low = np.lexsort((np.arange(len(digits)), d))[:30]
    if set(low) != set(ind[i]):
        ties[str(i)] = ind[i].tolist()
check = LocallyLinearEmbedding(n_neighbors=30, n_components=2, eigen_solver="dense", reg=1e-3).fit(digits)
ref = [o for o in man["lle"] if o["data"] == "digits"][0]
assert abs(check.reconstruction_error_ / ref["reconstructionError"] - 1) < 1e-6, "this machine's neighbour ties differ from manifold.json's"
out["digitsTies"] = dict(nNeighbors=30, rows=ties)

out["spectral"] = []
for name, X, k in [("swiss_roll400", roll400, 10), ("wine_std", wine, None)]:
    se = SpectralEmbedding(n_components=2, affinity="nearest_neighbors", n_neighbors=k, random_state=0).fit(X)
    out["spectral"].append(dict(data=name, nNeighbors=int(se.n_neighbors_), embedding=arr(se.embedding_)))

out["mds"] = []
for metric in ["euclidean", "manhattan"]:
    c = ClassicalMDS(n_components=2, metric=metric).fit(wine)
    out["mds"].append(dict(data="wine_std", metric=metric, embedding=arr(c.embedding_), eigenvalues=arr(c.eigenvalues_)))

with open(os.path.join(HERE, "manifold-extra.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(len(ties), "digits rows with scikit-learn's own tie choices")
