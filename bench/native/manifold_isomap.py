#!/usr/bin/env python3
"""scikit-learn reference timings for bench/manifold-isomap.ts (run single-threaded:
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1, which the TypeScript driver sets).

  manifold_isomap.py isomap <data.bin> <rows> <cols> <nNeighbors> <out-embedding.bin|->
      Isomap(n_neighbors=…, n_components=2, eigen_solver='dense') on float64 row-major data;
      prints {"seconds", "cpu" (fit only), "stages": {"neighbors", "paths", "eigen"} (CPU s of the
      same steps run separately), "reconstructionError", "maxRssMiB"} and writes the embedding.
  manifold_isomap.py mds <data.bin> <rows> <cols> <out-embedding.bin|->
      ClassicalMDS(n_components=2) (euclidean); prints {"seconds", "cpu", "maxRssMiB"}.
scikit-learn 1.9.1, scipy 1.17, numpy 2.4.
"""
import json, resource, sys, time
import numpy as np


def maxrss():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    mode, path, rows, cols = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    X = np.fromfile(path, dtype=np.float64).reshape(rows, cols)
    if mode == "isomap":
        from scipy.linalg import eigh
        from scipy.sparse.csgraph import shortest_path
        from sklearn.manifold import Isomap
        from sklearn.neighbors import kneighbors_graph
        k, out = int(sys.argv[5]), sys.argv[6]
        t, c = time.perf_counter(), time.process_time()
        m = Isomap(n_neighbors=k, n_components=2, eigen_solver="dense").fit(X)
        seconds, cpu = time.perf_counter() - t, time.process_time() - c
        if out != "-":
            np.ascontiguousarray(m.embedding_, dtype=np.float64).tofile(out)
        # The same steps one by one, for the stage breakdown.
        c0 = time.process_time()
        g = kneighbors_graph(X, k, mode="distance")
        c1 = time.process_time()
        D = shortest_path(g, method="auto", directed=False)
        c2 = time.process_time()
        G = -0.5 * D**2
        n = G.shape[0]
        G = G - G.mean(0) - G.mean(1)[:, None] + G.mean()
        eigh(G, subset_by_index=(n - 2, n - 1))
        c3 = time.process_time()
        print(json.dumps({"seconds": seconds, "cpu": cpu, "stages": {"neighbors": c1 - c0, "paths": c2 - c1, "eigen": c3 - c2},
                          "reconstructionError": float(m.reconstruction_error()), "maxRssMiB": maxrss()}))
    elif mode == "mds":
        from sklearn.manifold import ClassicalMDS
        out = sys.argv[5]
        t, c = time.perf_counter(), time.process_time()
        m = ClassicalMDS(n_components=2).fit(X)
        seconds, cpu = time.perf_counter() - t, time.process_time() - c
        if out != "-":
            np.ascontiguousarray(m.embedding_, dtype=np.float64).tofile(out)
        print(json.dumps({"seconds": seconds, "cpu": cpu, "maxRssMiB": maxrss()}))


if __name__ == "__main__":
    main()
