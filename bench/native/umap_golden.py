"""Reference values for test/manifold/umap: umap-learn 0.5's find_ab_params (scipy curve_fit,
copied verbatim from umap/umap_.py) for several (spread, min_dist) pairs, and the exact
least-squares minimum (gradient = 0 solved with mpmath at 40 digits): curve_fit stops at a
relative step of 1.5e-8, so its a, b are up to ~5e-6 (relative) away from the minimum.

It also writes data/golden/umap_graph_iris.json: umap-learn's `smooth_knn_dist`,
`compute_membership_strengths`, fuzzy union (`fuzzy_simplicial_set`), categorical intersection
(`fast_intersection` + `reset_local_connectivity`) and `make_epochs_per_sample`, copied from
umap/umap_.py (lmcinnes/umap at e82ed0d) without numba and run in float64 (umap-learn itself
runs them in float32), on iris with nNeighbors = 10 and an exact kNN whose ties are broken by
row index (latent's convention).

Run from the repository root: python3 bench/native/umap_golden.py > data/golden/umap_ab.json
"""
import os
import json
import sys

import mpmath as mp
import numpy as np
import scipy
from scipy.optimize import curve_fit


def find_ab_params(spread, min_dist):
    def curve(x, a, b):
        return 1.0 / (1.0 + a * x ** (2 * b))

    xv = np.linspace(0, spread * 3, 300)
    yv = np.zeros(xv.shape)
    yv[xv < min_dist] = 1.0
    yv[xv >= min_dist] = np.exp(-(xv[xv >= min_dist] - min_dist) / spread)
    params, covar = curve_fit(curve, xv, yv)
    return float(params[0]), float(params[1])


def exact_ab(spread, min_dist, a0, b0):
    mp.mp.dps = 40
    xs = [mp.mpf(i) * (mp.mpf(3 * spread) / 299) for i in range(300)]
    xs[-1] = mp.mpf(3 * spread)
    ys = [mp.mpf(1) if x < min_dist else mp.e ** (-(x - min_dist) / spread) for x in xs]

    def grad(a, b):
        ga = gb = mp.mpf(0)
        for x, y in zip(xs, ys):
            if x == 0:
                continue
            u = x ** (2 * b)
            f = 1 / (1 + a * u)
            r = f - y
            ga += r * (-u * f * f)
            gb += r * (-2 * a * u * mp.log(x) * f * f)
        return [ga, gb]

    a, b = mp.findroot(grad, (mp.mpf(a0), mp.mpf(b0)))
    return float(a), float(b)


def case(s, m):
    a, b = find_ab_params(s, m)
    ea, eb = exact_ab(s, m, a, b)
    return {"spread": s, "minDist": m, "a": a, "b": b, "aExact": ea, "bExact": eb}


pairs = [(1.0, 0.1), (1.0, 0.0), (1.0, 0.001), (1.0, 0.05), (1.0, 0.25), (1.0, 0.5), (1.0, 0.8), (1.0, 0.99), (2.0, 0.1), (0.5, 0.1), (3.0, 1.0), (1.5, 0.3)]
out = {
    "tool": f"scipy {scipy.__version__} curve_fit (umap-learn 0.5 find_ab_params), numpy {np.__version__}; exact: mpmath {mp.__version__}",
    "cases": [case(s, m) for s, m in pairs],
}
json.dump(out, sys.stdout, indent=1)
print()

# ---- umap-learn's graph construction, verbatim but for numba and float32 ----
import scipy.sparse
from sklearn.preprocessing import normalize

SMOOTH_K_TOLERANCE = 1e-5
MIN_K_DIST_SCALE = 1e-3
NPY_FLOATMAX = np.finfo(np.float32).max


def smooth_knn_dist(distances, k, n_iter=64, local_connectivity=1.0, bandwidth=1.0):
    target = np.log2(k) * bandwidth
    rho = np.zeros(distances.shape[0], dtype=np.float64)
    result = np.zeros(distances.shape[0], dtype=np.float64)
    mean_distances = np.mean(distances)
    for i in range(distances.shape[0]):
        lo = 0.0
        hi = NPY_FLOATMAX
        mid = 1.0
        ith_distances = distances[i]
        non_zero_dists = ith_distances[ith_distances > 0.0]
        if non_zero_dists.shape[0] >= local_connectivity:
            index = int(np.floor(local_connectivity))
            interpolation = local_connectivity - index
            if index > 0:
                rho[i] = non_zero_dists[index - 1]
                if interpolation > SMOOTH_K_TOLERANCE:
                    rho[i] += interpolation * (non_zero_dists[index] - non_zero_dists[index - 1])
            else:
                rho[i] = interpolation * non_zero_dists[0]
        elif non_zero_dists.shape[0] > 0:
            rho[i] = np.max(non_zero_dists)
        for n in range(n_iter):
            psum = 0.0
            for j in range(1, distances.shape[1]):
                d = distances[i, j] - rho[i]
                if d > 0:
                    psum += np.exp(-(d / mid))
                else:
                    psum += 1.0
            if np.fabs(psum - target) < SMOOTH_K_TOLERANCE:
                break
            if psum > target:
                hi = mid
                mid = (lo + hi) / 2.0
            else:
                lo = mid
                if hi >= NPY_FLOATMAX:
                    mid *= 2
                else:
                    mid = (lo + hi) / 2.0
        result[i] = mid
        if rho[i] > 0.0:
            mean_ith_distances = np.mean(ith_distances)
            if result[i] < MIN_K_DIST_SCALE * mean_ith_distances:
                result[i] = MIN_K_DIST_SCALE * mean_ith_distances
        else:
            if result[i] < MIN_K_DIST_SCALE * mean_distances:
                result[i] = MIN_K_DIST_SCALE * mean_distances
    return result, rho


def compute_membership_strengths(knn_indices, knn_dists, sigmas, rhos):
    n_samples, n_neighbors = knn_indices.shape
    rows = np.zeros(knn_indices.size, dtype=np.int32)
    cols = np.zeros(knn_indices.size, dtype=np.int32)
    vals = np.zeros(knn_indices.size, dtype=np.float64)
    for i in range(n_samples):
        for j in range(n_neighbors):
            if knn_indices[i, j] == i:
                val = 0.0
            elif knn_dists[i, j] - rhos[i] <= 0.0 or sigmas[i] == 0.0:
                val = 1.0
            else:
                val = np.exp(-((knn_dists[i, j] - rhos[i]) / (sigmas[i])))
            rows[i * n_neighbors + j] = i
            cols[i * n_neighbors + j] = knn_indices[i, j]
            vals[i * n_neighbors + j] = val
    return rows, cols, vals


def fuzzy_union(rows, cols, vals, n):
    result = scipy.sparse.coo_matrix((vals, (rows, cols)), shape=(n, n))
    result.eliminate_zeros()
    transpose = result.transpose()
    prod_matrix = result.multiply(transpose)
    result = result + transpose - prod_matrix
    result.eliminate_zeros()
    return result.tocsr()


def categorical(graph, target, far_dist):
    g = graph.tocoo(copy=True)
    for nz in range(g.row.shape[0]):
        i, j = g.row[nz], g.col[nz]
        if target[i] == -1 or target[j] == -1:
            g.data[nz] *= np.exp(-1.0)
        elif target[i] != target[j]:
            g.data[nz] *= np.exp(-far_dist)
    g.eliminate_zeros()
    s = normalize(g, norm="max")
    t = s.transpose()
    s = s + t - s.multiply(t)
    s.eliminate_zeros()
    return s.tocsr()


def make_epochs_per_sample(weights, n_epochs):
    result = np.full(weights.shape[0], -1.0, dtype=np.float64)
    n_samples = n_epochs * (weights / weights.max())
    result[n_samples > 0] = float(n_epochs) / np.float64(n_samples[n_samples > 0])
    return result


def csr_json(m):
    m = m.tocsr()
    m.sort_indices()
    return {"offsets": m.indptr.tolist(), "indices": m.indices.tolist(), "values": m.data.tolist()}


here = os.path.dirname(os.path.abspath(__file__))
iris = np.loadtxt(os.path.join(here, "..", "..", "data", "iris.csv"), delimiter=",", skiprows=1)
X, y = iris[:, :4], iris[:, 4].astype(int)
n, k = X.shape[0], 10
D = np.sqrt(((X[:, None, :] - X[None, :, :]) ** 2).sum(-1))
knn_i = np.zeros((n, k - 1), dtype=np.int64)
knn_d = np.zeros((n, k - 1))
for i in range(n):
    order = sorted((j for j in range(n) if j != i), key=lambda j: (D[i, j], j))[: k - 1]
    knn_i[i] = order
    knn_d[i] = D[i, order]
# umap-learn's tables start with the point itself at distance 0
full_i = np.hstack([np.arange(n)[:, None], knn_i])
full_d = np.hstack([np.zeros((n, 1)), knn_d])
sigmas, rhos = smooth_knn_dist(full_d, float(k))
rows, cols, vals = compute_membership_strengths(full_i, full_d, sigmas, rhos)
G = fuzzy_union(rows, cols, vals, n)
target = y.copy()
target[::7] = -1  # some unlabelled rows
S = categorical(G, target, 2.5 * (1.0 / (1.0 - 0.5)))
w = G.tocoo()
w.sum_duplicates()
n_epochs = 200
data = w.data.copy()
data[data < data.max() / float(n_epochs)] = 0.0
kept = data > 0
eps = make_epochs_per_sample(data[kept], n_epochs)
graph = {
    "tool": out["tool"] + "; umap-learn's graph code (e82ed0d) in float64, sklearn normalize",
    "nNeighbors": k,
    "knnIndices": knn_i.flatten().tolist(),
    "knnDistances": knn_d.flatten().tolist(),
    "sigmas": sigmas.tolist(),
    "rhos": rhos.tolist(),
    "graph": csr_json(G),
    "target": target.tolist(),
    "supervised": csr_json(S),
    "nEpochs": n_epochs,
    "epochsPerSample": eps.tolist(),
}
with open(os.path.join(here, "..", "..", "data", "golden", "umap_graph_iris.json"), "w") as f:
    json.dump(graph, f)
