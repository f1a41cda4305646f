"""Writes the W&B run folders under tree/ with the real wandb client (offline mode).

Made with wandb 0.31.0 and numpy from PyPI, Python 3.11:  python3 make_wandb_runs.py
The losses are a formula, not a training run: this fixture tests reading W&B's files,
not the study.

wandb.init in offline mode writes the run folder (wandb/offline-run-<time>-<id>/ with
files/, logs/debug*.log and the binary run-<id>.wandb); the files/config.yaml and
files/wandb-summary.json of an online run are written by W&B's service, which offline
writes only into the binary. So after each run this script writes them as W&B does:
config.yaml with wandb's own wandb.sdk.lib.config_util (dict_from_proto_list over the
ConfigItem protos, then save_config_file_from_dict, the writer of wandb's Python
sender), and wandb-summary.json as json.dumps of the last value of every key with
W&B's _step, _runtime, _timestamp and _wandb, the shape of the real summaries in
../shared/real-formats/wandb/. Two runs, as two separate processes would write them:

- wandb-only: the whole configuration (the authors' args.json and model_config.json
  fields) goes into wandb.config, as a trainer that keeps no args.json would log it;
  there is no run directory, so report reads the configuration from config.yaml.
- with-args: a run directory in the authors' layout (args.json, model_config.json) and,
  elsewhere, the W&B run folder of the same launch, whose config holds only the
  arguments (wandb.init(config=vars(args))) and so names run_name.

Both log every 10 iterations without step=, nanoGPT-style, so W&B's _step counts
wandb.log calls (0, 1, 2, ...) while "iter" holds the training step, and log a
gradient histogram once, which report skips with one warning.
"""
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TREE = os.path.join(HERE, "tree")

MODEL = {"n_layer": 4, "d_model": 256, "n_head": 4, "n_kv_head": 1, "dim_k": 64, "dim_v": 64,
         "vocab_size": 50304, "ffn_is_gated": 1, "tie_emb": 0}


def args(run_name, proj):
    return {"run_name": run_name, "proj_name": proj, "max_len": 8192, "batch_size": 8,
            "grad_accum_steps": 1, "n_train_steps": 100, "n_gpus": 8, "lr": 0.001,
            "lr_scheduler": "wsd", "n_warmup_steps": 10, "n_drop_steps": 20, "seed": 0,
            "model_config": "configs/model/gpt-4-256-kv1.json", "report_to": "wandb"}


def launch(run_name, config, wandb_dir):
    """One launch in a process of its own, as a trainer would run."""
    import wandb
    import numpy as np
    os.environ["WANDB_MODE"] = "offline"
    os.environ["WANDB_SILENT"] = "true"
    from wandb.proto import wandb_internal_pb2
    from wandb.sdk.lib import config_util
    run = wandb.init(project="cogqa", name=run_name, config=config, dir=wandb_dir)
    summary, calls = {}, 0
    for it in range(0, 101, 10):
        row = {"iter": it, "train/loss": 8.0 - 0.03 * it, "lr": 0.001}
        if it % 50 == 0:
            row["val/loss"] = 8.1 - 0.03 * it
        if it == 50:
            row["grad/hist"] = wandb.Histogram(np.linspace(-1, 1, 64))
        wandb.log(row)
        summary.update({k: v for k, v in row.items() if k != "grad/hist"})
        calls += 1
    # A histogram's summary is the histogram itself, as W&B keeps it.
    summary["grad/hist"] = {"_type": "histogram", "values": [1] * 64, "bins": list(np.linspace(-1, 1, 65))}
    files = os.path.join(run.dir)
    items = [wandb_internal_pb2.ConfigItem(key=k, value_json=json.dumps(v)) for k, v in config.items()]
    items.append(wandb_internal_pb2.ConfigItem(key="_wandb", value_json=json.dumps({"cli_version": wandb.__version__})))
    config_util.save_config_file_from_dict(os.path.join(files, "config.yaml"), config_util.dict_from_proto_list(items))
    start = run.start_time
    run.finish()
    summary.update({"_step": calls - 1, "_runtime": time.time() - start, "_timestamp": time.time(), "_wandb": {"runtime": int(time.time() - start)}})
    with open(os.path.join(files, "wandb-summary.json"), "w") as f:
        f.write(json.dumps(summary))


def main():
    if len(sys.argv) > 1:  # the child process: one launch
        name, config, wandb_dir = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3]
        launch(name, config, wandb_dir)
        return
    shutil.rmtree(TREE, ignore_errors=True)
    only = os.path.join(TREE, "wandb-only")
    with_args = os.path.join(TREE, "with-args")
    run_dir = os.path.join(with_args, "results", "cogqa", "gpt-4-256-kv1_wandb")
    os.makedirs(only)
    os.makedirs(run_dir)
    with open(os.path.join(run_dir, "args.json"), "w") as f:
        json.dump(args("gpt-4-256-kv1_wandb", "cogqa"), f, indent=4, sort_keys=True)
    with open(os.path.join(run_dir, "model_config.json"), "w") as f:
        json.dump(MODEL, f, indent=4, sort_keys=True)
    for name, config, wandb_dir in [
        ("gpt-4-256-kv1_wandb-only", {**args("gpt-4-256-kv1_wandb-only", "cogqa"), **MODEL}, only),
        ("gpt-4-256-kv1_wandb", args("gpt-4-256-kv1_wandb", "cogqa"), with_args),
    ]:
        subprocess.run([sys.executable, __file__, name, json.dumps(config), wandb_dir], check=True)
    # Keep what W&B wrote (debug logs and the binary run-<id>.wandb included: report must
    # pass over them) but the list of this machine's packages and W&B's links to the latest
    # run (latest-run, wandb/debug*.log).
    for root, dirs, files in os.walk(TREE):
        for name in files + dirs:
            path = os.path.join(root, name)
            if name == "requirements.txt" or os.path.islink(path):
                os.remove(path)


if __name__ == "__main__":
    main()
