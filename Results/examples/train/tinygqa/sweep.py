"""The tiny sweep: every size on a d ∝ L ladder (four, so a three-parameter size law keeps a
degree of freedom) times every head configuration, one process a
run (as `accelerate launch` starts one), stdout to `<output_dir>/logs/<run_name>.out` as a
scheduler would put it. One token budget for all: the same steps, batch and context, so every
run sees the same tokens (loss against size at a fixed budget). Seeds are fixed.

    cd Results/examples/train
    python3 -m tinygqa.sweep --output_dir /tmp/tinygqa            # the whole sweep
    python3 -m tinygqa.sweep --output_dir /tmp/smoke --steps 5     # a smoke run of every config
"""
import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

SIZES = [(1, 64), (2, 128), (3, 192), (4, 256)]   # (n_layer, d_model): d = 64·L
HEADS = [(4, 4), (4, 2), (4, 1), (2, 1), (1, 1)]  # (n_head, n_kv_head), head size 32
STEPS, BATCH, CONTEXT = 300, 16, 256             # 1,228,800 training tokens a run


def runs(steps: int):
    budget = steps * BATCH * CONTEXT
    for n_layer, d_model in SIZES:
        for n_head, n_kv in HEADS:
            model = f"gpt-{n_layer}-{d_model}-h{n_head}-kv{n_kv}"
            train = f"{budget / 1e6:.1f}m_{CONTEXT}"
            yield f"tiny_{model}_{train}_", model, train, ["--n_layer", n_layer, "--d_model", d_model, "--n_head", n_head,
                                                          "--n_kv_head", n_kv]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--output_dir", required=True, help="where the runs go (results/<proj>/<run> inside)")
    p.add_argument("--steps", type=int, default=STEPS, help=f"training steps a run (default {STEPS}; a few for a smoke run)")
    p.add_argument("--only", default="", help="run only the configurations whose name contains this")
    options = p.parse_args(argv)
    out = Path(options.output_dir).resolve()
    (out / "logs").mkdir(parents=True, exist_ok=True)
    here = Path(__file__).resolve().parent.parent
    started = time.time()
    chosen = [r for r in runs(options.steps) if options.only in r[0]]
    for index, (name, model, train, sizes) in enumerate(chosen, start=1):
        command = [sys.executable, "-m", "tinygqa.train", "--output_dir", str(out / "results"), "--run_name", name,
                   "--model_config", model, "--train_config", train, "--n_train_steps", str(options.steps),
                   "--batch_size", str(BATCH), "--max_len", str(CONTEXT),
                   "--eval_interval", str(max(1, options.steps // 6))] + [str(s) for s in sizes]
        t0 = time.time()
        with open(out / "logs" / f"{name}.out", "w") as log:
            subprocess.run(command, cwd=here, stdout=log, stderr=subprocess.STDOUT, check=True,
                           env={**os.environ, "PYTHONUNBUFFERED": "1"})
        print(f"[{index}/{len(chosen)}] {name}: {time.time() - t0:.0f} s", flush=True)
    print(f"sweep: {len(chosen)} runs in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
