"""What users run today, timed on the same files as report-benchmarks sweep.

  python_stack.py ingest EVENT_FILE...      tbparse and TensorBoard's event loader
  python_stack.py fit-draw FITS_XML FIGURES_JSON
                                            scipy curve_fit (fit + 500 bootstrap refits per
                                            curve, as report does) and matplotlib (every mark
                                            of report's figures, to SVG and to PNG at 2x)

Prints one JSON object. Needs: tbparse, tensorboard, scipy, matplotlib, pandas.
"""
import json
import os
import sys
import tempfile
import time
import xml.etree.ElementTree as ET


def ingest(files):
    from tbparse import SummaryReader
    from tensorboard.backend.event_processing.event_file_loader import EventFileLoader

    size = sum(os.path.getsize(f) for f in files)
    result = {"files": len(files), "bytes": size}

    # tbparse: a DataFrame of every scalar, one reader per run directory, as its docs show.
    start = time.perf_counter()
    rows = 0
    for f in files:
        frame = SummaryReader(os.path.dirname(f), pivot=False).scalars
        rows += len(frame)
    result["tbparse_seconds"] = time.perf_counter() - start
    result["tbparse_records"] = rows

    # TensorBoard's own loader: every Event, scalars taken from simple_value.
    start = time.perf_counter()
    records = 0
    for f in files:
        for event in EventFileLoader(f).Load():
            if event.HasField("summary"):
                for value in event.summary.value:
                    records += 1
    result["tensorboard_seconds"] = time.perf_counter() - start
    result["tensorboard_records"] = records
    return result


def size_law(n, a, b, e):
    import numpy as np
    return np.power(a / n, b) + e


def size_law_jacobian(n, a, b, e):
    import numpy as np
    term = np.power(a / n, b)
    return np.stack([b * term / a, term * np.log(a / n), np.ones_like(n)], axis=1)


def power_plus_constant(x, a, b, c):
    import numpy as np
    return a * np.power(x, -b) + c


def power_plus_constant_jacobian(x, a, b, c):
    import numpy as np
    power = np.power(x, -b)
    return np.stack([power, -a * power * np.log(x), np.ones_like(x)], axis=1)


def fit_draw(fits_xml, figures_json):
    import numpy as np
    from scipy.optimize import curve_fit

    root = ET.parse(fits_xml).getroot()
    samples = int(root.get("bootstrapSamples"))
    # With analytic Jacobians curve_fit runs MINPACK's lmder, the code report runs.
    laws = {"size-law": (size_law, size_law_jacobian),
            "power-plus-constant": (power_plus_constant, power_plus_constant_jacobian)}
    curves = []
    for fit in root.findall("fit"):
        if fit.get("status") != "fitted" or fit.get("law") not in laws:
            continue
        points = fit.findall("point")
        x = np.array([float(p.get("x")) for p in points])
        y = np.array([float(p.get("y")) for p in points])
        start = [float(p.get("value")) for p in fit.findall("parameter")]
        curves.append((laws[fit.get("law")], x, y, start))

    rng = np.random.default_rng(20250312)
    start_time = time.perf_counter()
    refits = failures = 0
    for (law, jac), x, y, p0 in curves:
        # The full fit from report's optimum (a kind start), then the bootstrap as report does it.
        best, _ = curve_fit(law, x, y, p0=p0, jac=jac, maxfev=400)
        for _ in range(samples):
            idx = rng.integers(0, len(x), len(x))
            if len(set(x[idx])) < 3:
                failures += 1
                continue
            try:
                curve_fit(law, x[idx], y[idx], p0=best, jac=jac, maxfev=400)
                refits += 1
            except Exception:
                failures += 1
    fit_seconds = time.perf_counter() - start_time

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with open(figures_json) as handle:
        figures = json.load(handle)
    start_time = time.perf_counter()
    with tempfile.TemporaryDirectory() as out:
        for figure in figures:
            draw(plt, figure, out)
    draw_seconds = time.perf_counter() - start_time
    return {"curves": len(curves), "bootstrap_samples": samples, "refits": refits, "refit_failures": failures,
            "fit_seconds": fit_seconds, "figures": len(figures), "draw_seconds": draw_seconds}


def draw(plt, figure, out):
    """One figure, every mark as report's renderer has it, to SVG and to PNG at 2x."""
    import numpy as np

    panels = figure["panels"]
    columns = max(1, min(figure["columns"], len(panels)))
    rows = (len(panels) + columns - 1) // columns
    size = (figure["panelWidth"] * columns / 72, figure["panelHeight"] * rows / 72)
    fig, axes = plt.subplots(rows, columns, figsize=size, squeeze=False)
    for ax, panel in zip(axes.flat, panels):
        for mark in panel["marks"]:
            kind = mark["kind"]
            if kind == "points":
                ax.scatter(mark["xs"], mark["ys"], s=12, color=mark["color"], label=mark["label"])
            elif kind == "line":
                ax.plot(mark["xs"], mark["ys"], color=mark["color"], linestyle="--" if mark["dashed"] else "-",
                        linewidth=1.2, label=mark["label"])
            elif kind == "band":
                ax.fill_between(mark["xs"], mark["lower"], mark["upper"], color=mark["color"], linewidth=0)
            elif kind == "bars":
                bottom = np.zeros(len(mark["categories"]))
                for layer in mark["layers"]:
                    ax.bar(mark["categories"], layer["values"], bottom=bottom, color=layer["color"], label=layer["label"])
                    bottom += np.array(layer["values"])
            elif kind == "reference":
                (ax.axhline if mark["horizontal"] else ax.axvline)(mark["value"], color=mark["color"], linestyle="--")
            elif kind == "text":
                ax.text(mark["x"], mark["y"], mark["string"], color=mark["color"], ha="center", va="center", fontsize=7)
            elif kind == "cells":
                ax.pcolormesh(mark["xEdges"], mark["yEdges"], np.array(mark["colors"]))
        if panel["xLog"]:
            ax.set_xscale("log")
        if panel["yLog"]:
            ax.set_yscale("log")
        ax.set_title(panel["title"], fontsize=9)
        ax.set_xlabel(panel["xLabel"])
        ax.set_ylabel(panel["yLabel"])
        ax.grid(True, color="#dddddd")
        handles, labels = ax.get_legend_handles_labels()
        if 0 < len(labels) <= 20:
            ax.legend(fontsize=6)
    for ax in list(axes.flat)[len(panels):]:
        ax.set_visible(False)
    fig.suptitle(figure["title"])
    fig.savefig(os.path.join(out, figure["name"] + ".svg"))
    fig.savefig(os.path.join(out, figure["name"] + ".png"), dpi=144)
    plt.close(fig)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("ingest", "fit-draw"):
        sys.exit(__doc__)
    if sys.argv[1] == "ingest":
        print(json.dumps(ingest(sys.argv[2:])))
    else:
        print(json.dumps(fit_draw(sys.argv[2], sys.argv[3])))


if __name__ == "__main__":
    main()
