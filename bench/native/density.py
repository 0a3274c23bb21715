#!/usr/bin/env python3
"""scikit-learn's HDBSCAN / DBSCAN on a raw data file, single-threaded: the native reference of
bench/density.ts (which calls this script between latent's runs, so both see the same load).

  OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 \\
    python3 bench/native/density.py <case> <file> <n> <d> <float32|float64> <labels-out>

case: hdbscan:<minClusterSize> | dbscan:<eps>:<minSamples>. The file holds n·d little-endian
floats, row after row. Prints one JSON line: seconds, CPU seconds, clusters, noise, peak memory (MiB) above
the process's memory right after loading the data; writes the labels (int32) to labels-out.
"""
import json, os, resource, sys, time

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(v, "1")

import numpy as np  # noqa: E402
from sklearn.cluster import DBSCAN, HDBSCAN  # noqa: E402


def rss_mib():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


case, path, n, d, dtype, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6]
X = np.fromfile(path, dtype=np.float32 if dtype == "float32" else np.float64).reshape(n, d)
base = rss_mib()
kind, *args = case.split(":")
t0 = time.perf_counter()
c0 = time.process_time()
if kind == "hdbscan":
    labels = HDBSCAN(min_cluster_size=int(args[0]), copy=True).fit(X).labels_
else:
    labels = DBSCAN(eps=float(args[0]), min_samples=int(args[1])).fit(X).labels_
seconds = time.perf_counter() - t0
cpu = time.process_time() - c0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
labels.astype(np.int32).tofile(out)
print(json.dumps({"seconds": seconds, "cpu": cpu, "clusters": int(labels.max()) + 1, "noise": int((labels == -1).sum()), "peakMiB": peak - base}))
