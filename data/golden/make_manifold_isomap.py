#!/usr/bin/env python3
"""Supplementary scikit-learn references for latent's Isomap tests (isomap, isomapTransform).

scikit-learn 1.9.1, scipy 1.17, numpy 2.4 (run from this folder: python3 make_manifold_isomap.py).
Reads manifold.json (the swiss roll of the shared golden file); writes manifold-isomap.json here.

- transform: Isomap(n_neighbors=10, eigen_solver='dense') fitted on the first 500 swiss-roll rows,
  applied to rows 500–559 and to training rows 0–2: fit embedding, eigenvalues, reconstruction
  error, transformed points.
- dims3: the same fit with n_components=3.
- disconnected: three pieces of the roll moved apart (rows 0–149, 150–249 shifted by +60 in x,
  250–299 shifted by +60 in y), n_neighbors=6: the kNN graph has 3 components, which scikit-learn
  joins by the closest pair of points between every two components; embedding and transform of 5
  points.
- manhattan: Isomap(n_neighbors=8, metric='manhattan') on the first 300 rows.
"""
import json, os, warnings
import numpy as np
import sklearn
from scipy.sparse.csgraph import connected_components
from sklearn.manifold import Isomap
from sklearn.neighbors import kneighbors_graph

HERE = os.path.dirname(os.path.abspath(__file__))


def arr(a):
    return np.asarray(a, dtype=float).tolist()


man = json.load(open(os.path.join(HERE, "manifold.json")))
roll = np.asarray(man["swissRoll"]["data"])
out = {"tool": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}"}

train, queries = roll[:500], np.vstack([roll[500:560], roll[0:3]])
iso = Isomap(n_neighbors=10, n_components=2, eigen_solver="dense").fit(train)
out["transform"] = dict(rows=500, nNeighbors=10, embedding=arr(iso.embedding_),
                        eigenvalues=arr(iso.kernel_pca_.eigenvalues_),
                        reconstructionError=float(iso.reconstruction_error()),
                        queryRows=[500, 560, 0, 3], transformed=arr(iso.transform(queries)))

iso3 = Isomap(n_neighbors=10, n_components=3, eigen_solver="dense").fit(train)
out["dims3"] = dict(rows=500, nNeighbors=10, embedding=arr(iso3.embedding_), eigenvalues=arr(iso3.kernel_pca_.eigenvalues_))

pieces = np.vstack([roll[:150], roll[150:250] + [60, 0, 0], roll[250:300] + [0, 60, 0]])
g = kneighbors_graph(pieces, 6, mode="distance")
ncomp = connected_components(g)[0]
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    isod = Isomap(n_neighbors=6, n_components=2, eigen_solver="dense").fit(pieces)
newd = pieces[[3, 160, 270, 40, 200]] + 0.25
out["disconnected"] = dict(components=int(ncomp), nNeighbors=6, shifts=[[0, 150, 0, 0, 0], [150, 250, 60, 0, 0], [250, 300, 0, 60, 0]],
                           embedding=arr(isod.embedding_), eigenvalues=arr(isod.kernel_pca_.eigenvalues_),
                           points=arr(newd), transformed=arr(isod.transform(newd)))

isom = Isomap(n_neighbors=8, n_components=2, eigen_solver="dense", metric="manhattan").fit(roll[:300])
out["manhattan"] = dict(rows=300, nNeighbors=8, embedding=arr(isom.embedding_), eigenvalues=arr(isom.kernel_pca_.eigenvalues_))

with open(os.path.join(HERE, "manifold-isomap.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print("components", ncomp, "eigenvalues", iso.kernel_pca_.eigenvalues_, iso3.kernel_pca_.eigenvalues_, isod.kernel_pca_.eigenvalues_, isom.kernel_pca_.eigenvalues_)
