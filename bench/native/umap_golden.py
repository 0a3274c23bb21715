"""Reference values for test/manifold/umap: umap-learn 0.5's find_ab_params (scipy curve_fit,
copied verbatim from umap/umap_.py) for several (spread, min_dist) pairs, and the exact
least-squares minimum (gradient = 0 solved with mpmath at 40 digits): curve_fit stops at a
relative step of 1.5e-8, so its a, b are up to ~5e-6 (relative) away from the minimum.

Run from the repository root: python3 bench/native/umap_golden.py > data/golden/umap_ab.json
"""
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
