#!/usr/bin/env python3
"""Public references for density clustering (HDBSCAN, DBSCAN) and LLE / Isomap.

scikit-learn 1.9.1, scipy 1.17.1, numpy 2.4 from the machine's local package mirror:
  python3 -m venv .venv && .venv/bin/pip install scikit-learn
  .venv/bin/python scripts/golden/make_density_manifold.py
Copied from the shared reference set (shared/golden/) with paths adapted to this repository:
reads data/*.csv; writes data/blobs_noise2d.csv and data/golden/{density,manifold}.json.
"""
import json, os
import numpy as np
import sklearn
from sklearn.cluster import HDBSCAN, DBSCAN
from sklearn.manifold import LocallyLinearEmbedding, Isomap, trustworthiness
from sklearn.datasets import make_swiss_roll, make_blobs

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "data")
HERE = os.path.join(DATA, "golden")


def arr(a):
    return np.asarray(a, dtype=float).tolist()


def read_csv(name):
    a = np.loadtxt(os.path.join(DATA, name), delimiter=",", skiprows=1)
    return a[:, :-1], a[:, -1].astype(int)


def standardize(X):
    s = X.std(axis=0); s[s == 0] = 1
    return (X - X.mean(axis=0)) / s


X2, y2 = make_blobs(n_samples=[300, 200, 150, 100], centers=[[0, 0], [3, 3], [-3, 2], [2, -3]],
                    cluster_std=[0.4, 0.7, 0.25, 0.9], random_state=0)
noise = np.random.RandomState(0).uniform(-6, 6, size=(75, 2))
X2 = np.vstack([X2, noise]); y2 = np.concatenate([y2, -np.ones(75, int)])
with open(os.path.join(DATA, "blobs_noise2d.csv"), "w") as f:
    f.write("x,y,label\n")
    for r, l in zip(X2, y2):
        f.write(f"{float(r[0])!r},{float(r[1])!r},{int(l)}\n")  # plain floats: numpy 2 reprs np.float64(...)

wine = standardize(read_csv("wine.csv")[0])
iris = standardize(read_csv("iris.csv")[0])
digits = read_csv("digits.csv")[0]
tool = f"scikit-learn {sklearn.__version__}, numpy {np.__version__}"

dens = {"tool": tool, "hdbscan": [], "dbscan": []}
for name, X, kw in [("blobs_noise2d", X2, dict(min_cluster_size=10)),
                    ("blobs_noise2d", X2, dict(min_cluster_size=20, min_samples=5, cluster_selection_method="leaf")),
                    ("wine_std", wine, dict(min_cluster_size=5, min_samples=3)),
                    ("iris_std", iris, dict(min_cluster_size=5, allow_single_cluster=True)),
                    ("digits", digits, dict(min_cluster_size=20))]:
    h = HDBSCAN(copy=True, **kw).fit(X)
    dens["hdbscan"].append(dict(data=name, options=kw, labels=h.labels_.tolist(), probabilities=arr(h.probabilities_)))
for name, X, kw in [("blobs_noise2d", X2, dict(eps=0.35, min_samples=8)),
                    ("wine_std", wine, dict(eps=2.0, min_samples=4)),
                    ("digits", digits, dict(eps=20.0, min_samples=5))]:
    db = DBSCAN(**kw).fit(X)
    core = np.zeros(len(X), bool); core[db.core_sample_indices_] = True
    dens["dbscan"].append(dict(data=name, options=kw, labels=db.labels_.tolist(), core=core.astype(int).tolist()))
with open(os.path.join(HERE, "density.json"), "w") as f:
    json.dump(dens, f, separators=(",", ":"))

roll, t = make_swiss_roll(n_samples=1000, noise=0.0, random_state=0)
man = {"tool": tool, "swissRoll": {"data": arr(roll), "t": arr(t)}, "lle": [], "isomap": []}
for name, X, k in [("swiss_roll", roll, 12), ("digits", digits, 30)]:
    lle = LocallyLinearEmbedding(n_neighbors=k, n_components=2, eigen_solver="dense", reg=1e-3).fit(X)
    man["lle"].append(dict(data=name, nNeighbors=k, reg=1e-3, method="standard", embedding=arr(lle.embedding_),
                           reconstructionError=float(lle.reconstruction_error_),
                           trust12=float(trustworthiness(X, lle.embedding_, n_neighbors=12))))
    iso = Isomap(n_neighbors=k, n_components=2, eigen_solver="dense").fit(X)
    man["isomap"].append(dict(data=name, nNeighbors=k, embedding=arr(iso.embedding_),
                              reconstructionError=float(iso.reconstruction_error()),
                              trust12=float(trustworthiness(X, iso.embedding_, n_neighbors=12))))
with open(os.path.join(HERE, "manifold.json"), "w") as f:
    json.dump(man, f, separators=(",", ":"))
print({k: [(o["data"], int(max(o["labels"])) + 1) for o in v] for k, v in dens.items() if k != "tool"})
print([(o["data"], o["trust12"]) for o in man["lle"] + man["isomap"]])
