#!/usr/bin/python3
"""Reference outputs from scikit-learn / scipy (made with Debian's python3-sklearn 1.2.1,
scipy 1.10.1, numpy 1.24; newer versions may differ in the last digits).

Copied from the project's shared reference set (shared/golden/make_golden.py) with paths
adapted to this repository. Usage (from the repository root): python3 scripts/golden/make_golden.py
Writes data/{iris,wine,digits}.csv and data/golden/*.json.
"""
import json, os, sys
import numpy as np
from scipy.cluster.hierarchy import linkage, fcluster, cophenet, leaves_list
from scipy.spatial.distance import pdist
from sklearn import datasets
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.manifold import TSNE, trustworthiness
from sklearn.metrics import (silhouette_score, silhouette_samples, davies_bouldin_score,
                             calinski_harabasz_score, adjusted_rand_score,
                             normalized_mutual_info_score)
from sklearn.neighbors import KNeighborsClassifier
from sklearn.model_selection import cross_val_score

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))  # the repository
SHARED = ROOT


def arr(a):
    return np.asarray(a, dtype=float).tolist()


def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))


def write_csv(path, X, y, names):
    with open(path, "w") as f:
        f.write(",".join(list(names) + ["label"]) + "\n")
        for row, lab in zip(X, y):
            f.write(",".join(repr(float(v)) for v in row) + f",{int(lab)}\n")


def standardize(X):
    s = X.std(axis=0)
    s[s == 0] = 1
    return (X - X.mean(axis=0)) / s


def pca_golden(X, **kw):
    p = PCA(svd_solver="full", **kw).fit(X)
    Z = p.transform(X)
    return dict(options={k: v for k, v in kw.items()},
                components=arr(p.components_), mean=arr(p.mean_),
                explainedVariance=arr(p.explained_variance_),
                explainedVarianceRatio=arr(p.explained_variance_ratio_),
                singularValues=arr(p.singular_values_),
                noiseVariance=float(p.noise_variance_),
                transformedFirstRows=arr(Z[:10]),
                reconstructionMSE=float(((p.inverse_transform(Z) - X) ** 2).mean()))


def linkage_golden(X, methods=("single", "complete", "average", "weighted", "ward", "centroid", "median")):
    out = {}
    for m in methods:
        Z = linkage(X, method=m, metric="euclidean")
        c, _ = cophenet(Z, pdist(X))
        out[m] = dict(Z=arr(Z),
                      cut3=fcluster(Z, 3, criterion="maxclust").tolist(),
                      cophenetCorrelation=float(c),
                      leaves=leaves_list(Z).tolist())
    return out


def kmeans_golden(X, k, init_rows):
    init = X[init_rows]
    km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", tol=0, max_iter=300).fit(X)
    best = min(KMeans(n_clusters=k, n_init=1, random_state=s).fit(X).inertia_ for s in range(100))
    sk10 = [KMeans(n_clusters=k, n_init=10, random_state=s).fit(X).inertia_ for s in range(10)]
    return dict(k=k, initRows=list(init_rows), labels=km.labels_.tolist(),
                centroids=arr(km.cluster_centers_), inertia=float(km.inertia_),
                bestOf100Inertia=float(best), sklearnNInit10Median=float(np.median(sk10)))


def metrics_golden(X, labels, truth):
    return dict(labels=labels.tolist(), truth=truth.tolist(),
                silhouette=float(silhouette_score(X, labels)),
                silhouetteSamplesFirst10=arr(silhouette_samples(X, labels)[:10]),
                silhouetteCosine=float(silhouette_score(X, labels, metric="cosine")),
                daviesBouldin=float(davies_bouldin_score(X, labels)),
                calinskiHarabasz=float(calinski_harabasz_score(X, labels)),
                adjustedRand=float(adjusted_rand_score(truth, labels)),
                nmi=float(normalized_mutual_info_score(truth, labels)))


def tsne_golden(X, y, seed=0):
    t = TSNE(n_components=2, perplexity=30, init="pca", learning_rate="auto",
             method="barnes_hut", random_state=seed, n_iter=1000)
    E = t.fit_transform(X)
    knn = cross_val_score(KNeighborsClassifier(10), E, y, cv=5).mean()
    return dict(kl=float(t.kl_divergence_), trustworthiness5=float(trustworthiness(X, E, n_neighbors=5)),
                trustworthiness12=float(trustworthiness(X, E, n_neighbors=12)), knn10Accuracy=float(knn),
                embedding=arr(E))


def main():
    os.makedirs(os.path.join(SHARED, "data"), exist_ok=True)
    os.makedirs(os.path.join(SHARED, "golden"), exist_ok=True)
    iris, wine, digits = datasets.load_iris(), datasets.load_wine(), datasets.load_digits()
    # ---- public data: real, public data sets (UCI via scikit-learn)
    write_csv(f"{SHARED}/data/iris.csv", iris.data, iris.target, iris.feature_names)
    write_csv(f"{SHARED}/data/wine.csv", wine.data, wine.target, wine.feature_names)
    write_csv(f"{SHARED}/data/digits.csv", digits.data, digits.target, [f"p{i}" for i in range(64)])

    G = f"{SHARED}/golden"
    W = standardize(wine.data)
    D = digits.data
    Ws = W[:40]
    dump(f"{G}/pdist_wine40.json", dict(
        note="scipy.spatial.distance.pdist on the first 40 rows of standardized wine; condensed order",
        **{m: arr(pdist(Ws, metric=m)) for m in ["euclidean", "sqeuclidean", "cityblock", "chebyshev", "cosine"]}))
    dump(f"{G}/pca.json", dict(
        wine_std_k2=pca_golden(W, n_components=2),
        wine_raw_all=pca_golden(wine.data),
        digits_k10=pca_golden(D, n_components=10),
        digits_whiten_k5=pca_golden(D, n_components=5, whiten=True),
        digits_var095=pca_golden(D, n_components=0.95)))
    dump(f"{G}/kmeans.json", dict(
        iris=kmeans_golden(iris.data, 3, [0, 50, 100]),
        wine_std=kmeans_golden(W, 3, [0, 1, 2]),
        digits=kmeans_golden(D, 10, list(range(10)))))
    dump(f"{G}/linkage_wine_std.json", dict(note="scipy linkage on standardized wine (178x13), euclidean; Z rows are [a, b, height, size]",
                                            **linkage_golden(W)))
    Zi = linkage(iris.data, "single")
    dump(f"{G}/linkage_iris_single_heights.json", dict(
        note="iris has duplicate rows (ties): compare sorted merge heights only", heights=sorted(arr(Zi[:, 2]))))
    km = KMeans(3, n_init=10, random_state=0).fit(iris.data)
    dump(f"{G}/metrics_iris.json", metrics_golden(iris.data, km.labels_, iris.target))
    dump(f"{G}/tsne_digits_quality.json", dict(
        note="sklearn TSNE barnes_hut, perplexity 30, init pca, lr auto, 1000 iters, seed 0; 10-NN 5-fold CV accuracy in the embedding",
        **tsne_golden(D, digits.target)))

if __name__ == "__main__":
    main()
