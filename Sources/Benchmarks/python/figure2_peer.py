"""The Python peer of a cold study build: fit and draw the paper's Figure 2 alone.

  figure2_peer.py FIGURE2_CSV OUT_DIR

Reads the digitized points of Figure 2 (series_nh, series_nkv, loss, memory_bytes, flops, z),
fits L = a*x^(-b) + c with scipy's curve_fit for each head configuration against memory,
FLOPs and Z (21 curves, no bootstrap), and draws the three panels (points and fitted curves)
with matplotlib to SVG and to PNG at 2x: the least a script reproducing that one figure does.
The caller times the whole process, imports included, as a person running it waits for them.
Needs numpy, scipy, matplotlib.
"""
import csv
import json
import os
import sys
import time

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
from scipy.optimize import curve_fit


def law(x, a, b, c):
    return a * np.power(x, -b) + c


def main(path, out):
    start = time.perf_counter()
    series = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            key = (int(row["series_nh"]), int(row["series_nkv"]))
            series.setdefault(key, []).append(row)
    fitted, failed = 0, 0
    figure, axes = plt.subplots(1, 3, figsize=(15, 4.5))
    for panel, column in zip(axes, ["memory_bytes", "flops", "z"]):
        for (nh, nkv), rows in sorted(series.items()):
            x = np.array([float(r[column]) for r in rows])
            y = np.array([float(r["loss"]) for r in rows])
            scale = x.min()
            line = panel.plot(x, y, "o", label=f"H=({nh},{nkv})")[0]
            try:
                # Scaled x, so one start serves costs of every magnitude.
                p, _ = curve_fit(law, x / scale, y, p0=[y.max() - y.min(), 0.5, y.min()], maxfev=10000)
                grid = np.geomspace(x.min(), x.max(), 200)
                panel.plot(grid, law(grid / scale, *p), color=line.get_color())
                fitted += 1
            except RuntimeError:
                failed += 1
        panel.set_xscale("log")
        panel.set_xlabel(column)
        panel.set_ylabel("loss")
    axes[0].legend(fontsize=7)
    figure.savefig(os.path.join(out, "figure2.svg"))
    figure.savefig(os.path.join(out, "figure2.png"), dpi=200)
    print(json.dumps({"curves": fitted, "failed": failed, "seconds_after_imports": time.perf_counter() - start}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
