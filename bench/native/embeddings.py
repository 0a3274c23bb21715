"""Native references for bench/embeddings.ts: one task per process, single-threaded.

Usage (spawned by bench/embeddings.ts, interleaved with latent's runs):
    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \
        python3 bench/native/embeddings.py <task> <corpus.f32> <queries.f32> <n> <q> <d> [extra]

Reads the raw little-endian float32 files the node side wrote (identical bits), runs one task,
prints one JSON line: {"task", "seconds" (process CPU time of the timed call), ...quality}.
Tasks:
    knn-numpy      float32 brute force: normalise, sgemm, argpartition + sort (top 10 cosine)
    knn-faiss      faiss IndexFlatIP on normalised rows (top 10 cosine)
    knn-sklearn    NearestNeighbors(metric='cosine', algorithm='brute')
    knn-numpy64    float64 brute force (reference indices; also timed)
    kmeans         KMeans(k, n_init=1) float64, default algorithm (lloyd)
    kmeans-elkan   KMeans(k, n_init=1, algorithm='elkan') float64
    minibatch      MiniBatchKMeans(k) float64 (n_init='auto', scikit-learn defaults)
    minibatch32    the same on float32
    pca-cov        PCA(50, svd_solver='covariance_eigh') float64
    pca-full       PCA(50, svd_solver='full') float64
    pca-rand       PCA(50, svd_solver='randomized') float64
    wide-rand      PCA(50, 'randomized') float64 on the wide set (extra = its path); error vs 'full'
    wide-rand32    the same on float32
    wide-rand-1-50 PCA(50, 'randomized', iterated_power=1, n_oversamples=50) float64
    wide-seeds     the default randomized PCA float64 for random_state 1, 2, 4, 5, 6 (explained per seed)
"""
import json
import os
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import numpy as np  # noqa: E402


def load(path, n, d):
    return np.fromfile(path, dtype=np.float32, count=n * d).reshape(n, d)


def cpu(fn):
    t0 = time.process_time()
    out = fn()
    return time.process_time() - t0, out


def topk_numpy(X, Q, k):
    Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
    Qn = Q / np.linalg.norm(Q, axis=1, keepdims=True)
    S = Qn @ Xn.T
    idx = np.argpartition(-S, k, axis=1)[:, :k]
    part = np.take_along_axis(S, idx, axis=1)
    order = np.argsort(-part, axis=1, kind="stable")
    return np.take_along_axis(idx, order, axis=1)


def main():
    task, corpus, queries, n, q, d = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])
    extra = sys.argv[7] if len(sys.argv) > 7 else None
    X = load(corpus, n, d)
    out = {"task": task}
    if task.startswith("knn"):
        Q = load(queries, q, d)
        if task == "knn-numpy":
            sec, idx = cpu(lambda: topk_numpy(X, Q, 10))
        elif task == "knn-numpy64":
            sec, idx = cpu(lambda: topk_numpy(X.astype(np.float64), Q.astype(np.float64), 10))
        elif task == "knn-faiss":
            import faiss

            faiss.omp_set_num_threads(1)

            def run():
                Xn = X / np.linalg.norm(X, axis=1, keepdims=True)
                Qn = Q / np.linalg.norm(Q, axis=1, keepdims=True)
                index = faiss.IndexFlatIP(d)
                index.add(np.ascontiguousarray(Xn, dtype=np.float32))
                return index.search(np.ascontiguousarray(Qn, dtype=np.float32), 10)[1]

            sec, idx = cpu(run)
        elif task == "knn-sklearn":
            from sklearn.neighbors import NearestNeighbors

            sec, idx = cpu(lambda: NearestNeighbors(n_neighbors=10, metric="cosine", algorithm="brute").fit(X).kneighbors(Q, return_distance=False))
        else:
            raise SystemExit(f"unknown task {task}")
        out["seconds"] = sec
        out["indices"] = np.asarray(idx).astype(int).ravel().tolist()
    elif task.startswith("kmeans") or task.startswith("minibatch"):
        from sklearn.cluster import KMeans, MiniBatchKMeans

        k = int(extra or 100)
        if task in ("kmeans", "kmeans-elkan"):
            X64 = X.astype(np.float64)
            algo = "elkan" if task == "kmeans-elkan" else "lloyd"
            sec, m = cpu(lambda: KMeans(k, n_init=1, random_state=0, algorithm=algo).fit(X64))
            out.update(seconds=sec, inertia=float(m.inertia_), iterations=int(m.n_iter_))
        else:
            Xd = X if task == "minibatch32" else X.astype(np.float64)
            sec, m = cpu(lambda: MiniBatchKMeans(k, random_state=0).fit(Xd))
            out.update(seconds=sec, inertia=float(m.inertia_), steps=int(m.n_steps_), passes=int(m.n_iter_))
    elif task.startswith("pca"):
        from sklearn.decomposition import PCA

        X64 = X.astype(np.float64)
        solver = {"pca-cov": "covariance_eigh", "pca-full": "full", "pca-rand": "randomized"}[task]
        sec, m = cpu(lambda: PCA(50, svd_solver=solver, random_state=0).fit(X64))
        out.update(seconds=sec, explained=m.explained_variance_.tolist())
    elif task == "wide-seeds":
        from sklearn.decomposition import PCA

        X64 = X.astype(np.float64)
        runs = [cpu(lambda: PCA(50, svd_solver="randomized", random_state=rs).fit(X64)) for rs in (1, 2, 4, 5, 6)]
        out.update(seconds=[r[0] for r in runs], explained=[r[1].explained_variance_.tolist() for r in runs])
    elif task.startswith("wide"):
        from sklearn.decomposition import PCA

        Xd = X if task == "wide-rand32" else X.astype(np.float64)
        settings = {"iterated_power": 1, "n_oversamples": 50} if task == "wide-rand-1-50" else {}
        sec, m = cpu(lambda: PCA(50, svd_solver="randomized", random_state=0, **settings).fit(Xd))
        out.update(seconds=sec, explained=m.explained_variance_.tolist())
        if extra == "exact":
            _, f = cpu(lambda: PCA(50, svd_solver="full").fit(X.astype(np.float64)))
            out["exact"] = f.explained_variance_.tolist()
    else:
        raise SystemExit(f"unknown task {task}")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
