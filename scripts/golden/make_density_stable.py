#!/usr/bin/env python3
"""Extra HDBSCAN references for latent's tests (scikit-learn 1.9.1, numpy 2.4).

Two things the shared golden file (../shared/golden/density.json) does not pin down:

1. Every case of density.json recomputed with scikit-learn's own building blocks
   (NearestNeighbors core distances, mst_from_data_matrix, make_single_linkage, tree_to_labels)
   but with a *stable* sort of the MST edges. scikit-learn sorts them with numpy's default
   (unstable) quicksort, so merges at exactly equal heights are ordered by that sort's
   implementation (AVX-512 on the machine that made the goldens); with a stable sort they
   keep Prim's discovery order, which is latent's documented rule. On digits (integer pixels,
   many equal distances) the two orders give 4 points different labels.
2. More options (cluster_selection_epsilon, max_cluster_size, leaf, single cluster, manhattan):
   the stable-sort pipeline's labels and probabilities, with HDBSCAN's own labels beside them
   and the number of points where the two differ (only ever through equal-height merges).
   (leaf + epsilon is left out: scikit-learn 1.9.1 raises a TypeError in traverse_upwards.)

From the repository root: python3 scripts/golden/make_density_stable.py (reads data/*.csv and
data/golden/density.json, writes data/golden/density_stable.json)
"""
import json, os
import numpy as np
import sklearn
from sklearn.cluster import HDBSCAN
from sklearn.cluster._hdbscan._linkage import mst_from_data_matrix, make_single_linkage
from sklearn.cluster._hdbscan._tree import tree_to_labels
from sklearn.metrics._dist_metrics import DistanceMetric
from sklearn.neighbors import NearestNeighbors

DATA = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "data")
HERE = os.path.join(DATA, "golden")


def read_csv(name):
    a = np.loadtxt(os.path.join(DATA, name + ".csv"), delimiter=",", skiprows=1)
    return a[:, :-1]


def standardize(X):
    s = X.std(axis=0); s[s == 0] = 1
    return (X - X.mean(axis=0)) / s


sets = {"blobs_noise2d": read_csv("blobs_noise2d"), "wine_std": standardize(read_csv("wine")),
        "iris_std": standardize(read_csv("iris")), "digits": read_csv("digits")}


def stable(X, metric, min_cluster_size, min_samples=None, cluster_selection_method="eom",
           allow_single_cluster=False, cluster_selection_epsilon=0.0, max_cluster_size=None):
    ms = min_cluster_size if min_samples is None else min_samples
    core = NearestNeighbors(n_neighbors=ms, metric=metric).fit(X).kneighbors(X, ms)[0][:, -1].copy()
    mst = mst_from_data_matrix(np.ascontiguousarray(X), core, DistanceMetric.get_metric(metric), 1.0)
    slt = make_single_linkage(mst[np.argsort(mst["distance"], kind="stable")])
    return tree_to_labels(slt, min_cluster_size, cluster_selection_method, allow_single_cluster,
                          cluster_selection_epsilon, max_cluster_size)


def ours(kw):
    # latent's option names
    names = {"min_cluster_size": "minClusterSize", "min_samples": "minSamples",
             "cluster_selection_method": "clusterSelectionMethod", "allow_single_cluster": "allowSingleCluster",
             "cluster_selection_epsilon": "clusterSelectionEpsilon", "max_cluster_size": "maxClusterSize", "metric": "metric"}
    return {names[k]: v for k, v in kw.items()}


out = {"tool": f"scikit-learn {sklearn.__version__}, numpy {np.__version__}", "stable": [], "options": []}
shared = json.load(open(os.path.join(HERE, "density.json")))
for case in shared["hdbscan"]:
    l, p = stable(sets[case["data"]], "euclidean", **case["options"])
    out["stable"].append(dict(data=case["data"], options=ours(case["options"]), labels=l.tolist(), probabilities=p.tolist(),
                              differs_from_sklearn=int((l != np.array(case["labels"])).sum())))

for name, kw in [("blobs_noise2d", dict(min_cluster_size=10, cluster_selection_epsilon=0.8)),
                 ("blobs_noise2d", dict(min_cluster_size=10, max_cluster_size=150)),
                 ("blobs_noise2d", dict(min_cluster_size=15, max_cluster_size=250)),
                 ("wine_std", dict(min_cluster_size=5, min_samples=3, max_cluster_size=40)),
                 ("blobs_noise2d", dict(min_cluster_size=400, allow_single_cluster=True)),
                 ("blobs_noise2d", dict(min_cluster_size=12, metric="manhattan")),
                 ("wine_std", dict(min_cluster_size=8, min_samples=2, metric="manhattan")),
                 ("wine_std", dict(min_cluster_size=6, cluster_selection_method="leaf")),
                 ("iris_std", dict(min_cluster_size=10, cluster_selection_epsilon=1.0, allow_single_cluster=True))]:
    X = sets[name]
    try:
        h = HDBSCAN(copy=True, **kw).fit(X)
    except TypeError as e:  # scikit-learn 1.9.1's traverse_upwards fails on some trees
        print("scikit-learn raised, skipped:", name, kw, e)
        continue
    args = dict(kw)
    metric = args.pop("metric", "euclidean")
    l, p = stable(X, metric, **args)
    diff = int(((l != h.labels_) | ~np.isclose(p, h.probabilities_, rtol=0, atol=1e-9)).sum())
    out["options"].append(dict(data=name, options=ours(kw), labels=l.tolist(), probabilities=p.tolist(),
                               sklearn_labels=h.labels_.tolist(), differs_from_sklearn=diff))

with open(os.path.join(HERE, "density_stable.json"), "w") as f:
    json.dump(out, f, separators=(",", ":"))
print([(c["data"], c["differs_from_sklearn"]) for c in out["stable"]])
print([(c["data"], c["options"], max(c["labels"]) + 1, c["differs_from_sklearn"]) for c in out["options"]])
