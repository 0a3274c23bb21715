#!/usr/bin/env python3
"""scikit-learn / scipy reference timings for bench/manifold-lle.ts (run single-threaded:
OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1, which the TypeScript driver sets).

  manifold_lle.py lle <data.bin> <rows> <cols> <nNeighbors> <dense|arpack> <out-embedding.bin|->
      LocallyLinearEmbedding(n_components=2, reg=1e-3, eigen_solver=…) on float64 row-major data;
      prints {"seconds": fit wall time, "cpu": fit CPU time, "reconstructionError": …} and writes the embedding (float64).
  manifold_lle.py eigsh <prefix> <n> <k> <mode>
      scipy.sparse.linalg.eigsh on the CSR matrix in <prefix>.{offsets,indices,values}.bin:
      mode 'sm' = umap-learn's call (which='SM', tol=1e-4, v0=ones, ncv = max(2k + 1, √n)),
      'si' = shift-invert at sigma = −1e-5 (scikit-learn's SpectralEmbedding);
      prints {"seconds": …, "cpu": …, "values": […]}.
scikit-learn 1.9.1, scipy 1.17, numpy 2.4.
"""
import json, sys, time
import numpy as np


def maxrss():
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    mode = sys.argv[1]
    if mode == "lle":
        from sklearn.manifold import LocallyLinearEmbedding
        path, rows, cols, k, solver, out = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6], sys.argv[7]
        X = np.fromfile(path, dtype=np.float64).reshape(rows, cols)
        t, c = time.perf_counter(), time.process_time()
        m = LocallyLinearEmbedding(n_neighbors=k, n_components=2, reg=1e-3, eigen_solver=solver, random_state=0).fit(X)
        seconds, cpu = time.perf_counter() - t, time.process_time() - c
        if out != "-":
            np.ascontiguousarray(m.embedding_, dtype=np.float64).tofile(out)
        print(json.dumps({"seconds": seconds, "cpu": cpu, "reconstructionError": float(m.reconstruction_error_), "maxRssMiB": maxrss()}))
    elif mode == "eigsh":
        import scipy.sparse as sp
        from scipy.sparse.linalg import eigsh
        prefix, n, k, how = sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
        offsets = np.fromfile(prefix + ".offsets.bin", dtype=np.int32)
        indices = np.fromfile(prefix + ".indices.bin", dtype=np.int32)
        values = np.fromfile(prefix + ".values.bin", dtype=np.float64)
        L = sp.csr_matrix((values, indices, offsets), shape=(n, n))
        t, c = time.perf_counter(), time.process_time()
        if how == "sm":
            ncv = max(2 * k + 1, int(np.sqrt(n)))
            vals, _ = eigsh(L, k, which="SM", ncv=ncv, tol=1e-4, v0=np.ones(n), maxiter=n * 5)
        else:
            vals, _ = eigsh(L, k, sigma=-1e-5, which="LM", v0=np.ones(n))
        seconds, cpu = time.perf_counter() - t, time.process_time() - c
        print(json.dumps({"seconds": seconds, "cpu": cpu, "values": sorted(vals.tolist()), "maxRssMiB": maxrss()}))


if __name__ == "__main__":
    main()
