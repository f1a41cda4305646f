#!/usr/bin/env python3
"""Writes the EXAMPLE runs under Results/runs/: real configurations from the authors'
repository (thunlp/cost-optimal-gqa, src/configs/), with a SYNTHETIC trainer log.

The logs are not training output. Each loss is a formula plus deterministic noise:
    loss(step) = floor + spread * step ** (-decay) + noise,  noise ~ U(-0.02, 0.02), seeded
They exist so that the pipeline and its tests have something to read. No claim about the
study may rest on them, and every run directory carries an EXAMPLE.txt saying so.

Run from the repository root:  python3 Results/examples/make_example_runs.py
"""
import json
import random
from pathlib import Path

RUNS = Path(__file__).resolve().parent.parent / "runs"

# src/configs/model/gpt-4-256.json and gpt-6-512.json, as the authors wrote them.
def authors_model(n_layer, d_model, n_head):
    return {
        "vocab_size": 50304, "n_layer": n_layer, "d_model": d_model, "n_head": n_head,
        "n_kv_head": n_head, "dim_k": 64, "dim_v": 64, "att_q_norm": 0, "att_k_norm": 0,
        "use_rope": 1, "ffn_is_gated": 1, "ffn_act_fn": "silu",
    }

# src/configs/training/60m_8k.json and 380m_8k.json.
def authors_training(steps, lr):
    return {
        "data_name": "slimpj", "data_path": "/path/to/data", "validation_data_name": None,
        "validation_data_path": None, "max_len": 8192, "batch_size": 8, "grad_accum_steps": 1,
        "lr_scheduler": "wsd", "lr": lr, "min_lr": lr / 10, "n_train_steps": steps,
        "n_warmup_steps": steps // 10, "n_drop_steps": steps // 5, "weight_decay": 0.1,
        "grad_clip": 1.0, "beta1": 0.9, "beta2": 0.95, "save_interval": 20, "log_interval": 1,
        "compile": 0, "dtype": "bf16", "seed": 0,
    }

EXAMPLES = [
    # (run name, model config file, model, training config name, training, curve)
    ("example_gpt-4-256_60m_8k_synthetic", "gpt-4-256", authors_model(4, 256, 4),
     "60m_8k", authors_training(120, 1e-3), (5.6, 5.2, 0.45)),
    ("example_gpt-6-512_380m_8k_synthetic", "gpt-6-512", authors_model(6, 512, 8),
     "380m_8k", authors_training(760, 1e-3), (4.3, 6.5, 0.40)),
    # GQA is set on the authors' command line (n_kv_head=2); the file itself is MHA.
    ("example_gpt-6-512-kv2_380m_8k_synthetic", "gpt-6-512", dict(authors_model(6, 512, 8), n_kv_head=2),
     "380m_8k", authors_training(760, 1e-3), (4.35, 6.5, 0.40)),
]

NOTE = """EXAMPLE, NOT STUDY DATA. The configuration files are the authors' ({model}.json and
{train}.json from thunlp/cost-optimal-gqa); the trainer log is synthetic, written by
Results/examples/make_example_runs.py from a formula with seeded noise, not by training a
model. It exists to exercise the pipeline and its tests."""


def write_run(name, model_name, model, train_name, training, curve):
    floor, spread, decay = curve
    directory = RUNS / name
    directory.mkdir(parents=True, exist_ok=True)
    args = dict(training)
    args.update({
        "model_name": "gpt", "model_config": f"configs/model/{model_name}.json",
        "train_config": f"configs/training/{train_name}.json", "exp_group": "example",
        "comment": "synthetic", "proj_name": "gqa-report-examples", "run_name": name,
        "n_gpus": 8, "report_to": "tensorboard", "output_dir": "results",
        "tok_path": "./tokenizer/gpt2-tokenizer",
    })
    (directory / "args.json").write_text(json.dumps(args, indent=4, sort_keys=True) + "\n")
    (directory / "model_config.json").write_text(json.dumps(model, indent=4, sort_keys=True) + "\n")
    (directory / "EXAMPLE.txt").write_text(NOTE.format(model=model_name, train=train_name) + "\n")

    rng = random.Random(name)
    steps = training["n_train_steps"]
    tokens_per_step = 8 * training["batch_size"] * training["max_len"]
    lines = [
        "# EXAMPLE: synthetic log written by Results/examples/make_example_runs.py, not training output.",
        f"Tokens per batch: {tokens_per_step:,}",
        "===== Start training =====",
    ]
    for step in range(1, steps + 1):
        loss = floor + spread * step ** (-decay) + rng.uniform(-0.02, 0.02)
        lr = training["lr"] * min(1.0, step / max(1, training["n_warmup_steps"]))
        lines.append(
            f"[{step}/{steps}] loss {loss:.4f} | time {400 + rng.uniform(0, 20):.1f}ms"
            f" | t_data {rng.uniform(1, 2):.1f}ms | t_fwd {100 + rng.uniform(0, 5):.1f}ms"
            f" | t_bwd {200 + rng.uniform(0, 10):.1f}ms | lr {lr:.3e}"
            f" | grad_norm {rng.uniform(0.5, 2.0):.2e} | tokens {step * tokens_per_step:,}")
    lines.append("TRAINING DONE")
    (directory / "stdout.log").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    for example in EXAMPLES:
        write_run(*example)
