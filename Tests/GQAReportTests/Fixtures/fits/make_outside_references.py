#!/usr/bin/env python3
"""scipy's answers on the two outside data sets in ../shared/fits-data (read in place, never
copied), for OutsideDataFitTests:

- gadre-overtraining: the C4-evaluation loss of the four small RedPajama- and C4-trained
  models at M = 20 (chinchilla_multiplier 1.0), fitted as L = E + A*N^b by curve_fit (MINPACK
  "lm"): parameters and standard errors of the size law (a/N)^b + E and of a*N^-b + c, and the
  6.9B and 1.4B predictions (Gadre et al. publish 0.7320 % for 6.9B, RedPajama).
- epoch-chinchilla: Epoch's 240 points (the 5 highest losses dropped), Chinchilla's law on
  ln L by L-BFGS-B from every start of Hoffmann et al.'s grid, with (1) least squares on ln L
  and (2) the Huber loss (delta 1e-3) with one shared exponent (beta = alpha).

Run:  python3 Tests/GQAReportTests/Fixtures/fits/make_outside_references.py [FITS_DATA]
(numpy and scipy from PyPI; FITS_DATA defaults to ../shared/fits-data beside the repository).
"""
import csv
import glob
import itertools
import json
import os
import sys
from pathlib import Path

import numpy as np
import scipy
from scipy.optimize import curve_fit, minimize
from scipy.special import logsumexp

HERE = Path(__file__).resolve().parent
DATA = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[4] / "shared" / "fits-data"


def gadre_model(path):
    d = json.load(open(path))
    h = d["hyperparameters"]
    c4 = [r for r in d["results"] if r["val_data"][0].split("/")[-2] == "c4_val"]
    return h["params"], h["tokens"], c4[0]["loss"]


def gadre(corpus):
    folder = DATA / "gadre-overtraining" / "models"
    small = sorted(gadre_model(p) for p in glob.glob(str(folder / f"{corpus}-d=*-1.0.json")))
    n = np.array([p[0] for p in small], float)
    loss = np.array([p[2] for p in small], float)
    out = {"corpus": corpus, "N": n.tolist(), "loss": loss.tolist(), "fits": {}}
    laws = {
        "size-law": (lambda x, a, b, e: (a / x) ** b + e, [1e9, 0.3, 2.0], ["a", "b", "E"]),
        "power-plus-constant": (lambda x, a, b, c: a * x ** (-b) + c, [300.0, 0.3, 2.0], ["a", "b", "c"]),
    }
    for law, (f, p0, names) in laws.items():
        popt, pcov = curve_fit(f, n, loss, p0=p0, method="lm", maxfev=100000)
        predictions = {}
        for size in ["open_lm_1b", "open_lm_7b"]:
            big_n, _, big_loss = gadre_model(folder / f"{corpus}-{size}-1.0.json")
            predicted = float(f(big_n, *popt))
            predictions[size] = {"N": big_n, "observed": big_loss, "predicted": predicted,
                                 "relativeErrorPercent": abs(predicted - big_loss) / big_loss * 100}
        out["fits"][law] = {"parameters": dict(zip(names, map(float, popt))),
                            "stderr": dict(zip(names, map(float, np.sqrt(np.diag(pcov))))),
                            "predictions": predictions}
    return out


def epoch_points():
    rows = list(csv.DictReader(open(DATA / "epoch-chinchilla" / "svg_extracted_data.csv")))
    n = np.array([float(r["Model Size"]) for r in rows])
    c = np.array([float(r["Training FLOP"]) for r in rows])
    loss = np.array([float(r["loss"]) for r in rows])
    cut = np.sort(loss)[::-1][4]
    keep = loss < cut
    return n[keep], c[keep] / (6 * n[keep]), loss[keep]


def chinchilla(shared, delta):
    n, d, loss = epoch_points()
    ln, ld, ly = np.log(n), np.log(d), np.log(loss)

    def objective(t):
        e, a, alpha, b = t[:4]
        beta = alpha if shared else t[4]
        terms = np.stack([a - alpha * ln, b - beta * ld, np.full_like(ln, e)])
        top = terms.max(axis=0)
        w = np.exp(terms - top)
        total = w.sum(axis=0)
        r = top + np.log(total) - ly
        s = w / total
        if np.isinf(delta):
            value, slope = 0.5 * r * r, r
        else:
            small = np.abs(r) <= delta
            value = np.where(small, 0.5 * r * r, delta * (np.abs(r) - 0.5 * delta))
            slope = np.where(small, r, np.sign(r) * delta)
        g = [np.sum(slope * s[2]), np.sum(slope * s[0]), -np.sum(slope * s[0] * ln), np.sum(slope * s[1]),
             -np.sum(slope * s[1] * ld)]
        if shared:
            g = [g[0], g[1], g[2] + g[4], g[3]]
        return float(value.sum()), np.array(g)

    grid = itertools.product([-1, -0.5, 0, 0.5, 1], [0, 5, 10, 15, 20, 25], [0, 0.5, 1, 1.5, 2],
                             [0, 5, 10, 15, 20, 25], [0] if shared else [0, 0.5, 1, 1.5, 2])
    best = None
    for start in grid:
        x0 = np.array(start[:4] if shared else start, float)
        result = minimize(objective, x0, jac=True, method="L-BFGS-B")
        if best is None or result.fun < best.fun:
            best = result
    t = best.x
    names = ["E", "A", "alpha", "B"] + ([] if shared else ["beta"])
    values = [np.exp(t[0]), np.exp(t[1]), t[2], np.exp(t[3])] + ([] if shared else [t[4]])
    return {"law": "chinchilla-shared-exponent" if shared else "chinchilla",
            "loss": "squares" if np.isinf(delta) else f"huber {delta}",
            "objective": float(best.fun), "parameters": dict(zip(names, map(float, values)))}


result = {"scipy": scipy.__version__, "numpy": np.__version__,
          "gadre": [gadre("rpj"), gadre("c4_original")],
          "epoch": [chinchilla(False, np.inf), chinchilla(True, 1e-3)]}
(HERE / "outside-reference.json").write_text(json.dumps(result, indent=2) + "\n")
print(json.dumps(result["epoch"], indent=2))
