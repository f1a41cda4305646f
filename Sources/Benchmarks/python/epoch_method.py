"""Epoch AI's Chinchilla fit (Besiroglu et al. 2024, their analysis notebook's method), timed.

  epoch_method.py POINTS_CSV [--starts N]

POINTS_CSV has columns N, D, loss (report-benchmarks fits writes Epoch's 240 points so).
Minimises the Huber loss (delta = 1e-3) of ln L - LSE(a - alpha ln N, b - beta ln D, e) with
scipy's L-BFGS-B from every start of the 4,500-point grid (alpha, beta in {0, .5, ..., 2};
e in {-1, -.5, ..., 1}; a, b in {0, 5, ..., 25}), keeping the best. Prints one JSON object.
Needs numpy, scipy.
"""
import csv
import itertools
import json
import sys
import time

import numpy as np
from scipy.optimize import minimize
from scipy.special import huber, logsumexp


def main(path, starts=None):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    N = np.array([float(r["N"]) for r in rows])
    D = np.array([float(r["D"]) for r in rows])
    L = np.array([float(r["loss"]) for r in rows])
    logN, logD, logL = np.log(N), np.log(D), np.log(L)

    def objective(p):
        e, a, alpha, b, beta = p
        predicted = logsumexp([a - alpha * logN, b - beta * logD, np.full_like(logN, e)], axis=0)
        return np.sum(huber(1e-3, predicted - logL))

    grid = list(itertools.product(np.arange(-1, 1.5, 0.5), np.arange(0, 30, 5), np.arange(0, 2.5, 0.5),
                                  np.arange(0, 30, 5), np.arange(0, 2.5, 0.5)))
    if starts:
        grid = grid[:starts]
    start = time.perf_counter()
    best = None
    for p0 in grid:
        result = minimize(objective, p0, method="L-BFGS-B")
        if best is None or result.fun < best.fun:
            best = result
    e, a, alpha, b, beta = best.x
    print(json.dumps({"starts": len(grid), "seconds": time.perf_counter() - start,
                      "E": float(np.exp(e)), "A": float(np.exp(a)), "alpha": float(alpha), "B": float(np.exp(b)), "beta": float(beta)}))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[2] == "--starts" else None)
