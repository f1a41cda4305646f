"""Makes the test fixture `tree/`: what the authors' trainer layout looks like when the real
libraries write it. Two runs of project `cogqa` and one launch that crashes after
`init_trackers`, each a separate process (as `accelerate launch` starts one), through
Accelerate's TensorBoard tracker:

    Accelerator(project_dir="results/cogqa", log_with=["tensorboard"])
    accelerator.init_trackers("cogqa", config=args)   # hparams record + hparams.yml
    accelerator.log({...}, step=step)                 # scalars, shared folder results/cogqa/cogqa/
    accelerator.end_training()

Each process prints its arguments as the authors' train.py does (a Python dict between
`================ args ================` and a closing rule), and its stdout goes to
`slurm-<job>.out` beside `results/`, as a scheduler would put it. The run directories
`results/cogqa/<run_name>/` hold `args.json` and `model_config.json`.

The model is a tiny causal LM (embedding, one linear layer) on fixed random tokens: the point
is the files, not the numbers. It evaluates at the top of its loop every `eval_interval`
steps, as the authors' trainer does, so its last validation comes before the last step.

Run: python3 make_accelerate_tree.py   (PyTorch and Accelerate from PyPI; CPU is enough)
"""
import json
import os
import pprint
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = HERE / "tree"

RUNS = [
    # run_name, n_head, n_kv_head, crash after init_trackers
    ("e1_gpt-2-128_tiny_8k_", 2, 2, False),
    ("e1_gpt-2-128-kv1_tiny_8k_", 2, 1, False),
    ("e1_gpt-2-128-kv1_tiny_8k_crashed", 2, 1, True),
]


def run_one(run_name, n_head, n_kv_head, crash):
    import torch
    from accelerate import Accelerator

    seed = 10 * n_head + n_kv_head  # each run its own initialisation, so their numbers differ
    torch.manual_seed(seed)
    args = {
        "proj_name": "cogqa", "run_name": run_name, "output_dir": "results", "report_to": "tensorboard",
        "model_config": f"configs/model/gpt-2-128-h{n_head}-kv{n_kv_head}.json", "train_config": "tiny_8k",
        "max_len": 32, "batch_size": 4, "grad_accum_steps": 1, "n_train_steps": 24, "eval_interval": 6,
        "log_interval": 1, "lr": 1e-3, "min_lr": 1e-4, "n_warmup_steps": 2, "n_drop_steps": 5,
        "lr_scheduler": "wsd", "seed": seed,
    }
    accelerator = Accelerator(project_dir=f"./results/{args['proj_name']}", log_with=["tensorboard"])
    accelerator.print("================ args ================")
    accelerator.print(pprint.pformat(args))
    accelerator.print("======================================")
    accelerator.init_trackers(project_name=args["proj_name"], config=args)

    output_dir = Path(args["output_dir"], args["proj_name"], run_name)
    output_dir.mkdir(parents=True, exist_ok=True)
    (output_dir / "args.json").write_text(json.dumps(args, indent=4))
    model_config = {"n_layer": 2, "d_model": 128, "n_head": n_head, "n_kv_head": n_kv_head, "dim_k": 64, "dim_v": 64,
                    "vocab_size": 256, "tie_emb": False, "max_len": 32}
    (output_dir / "model_config.json").write_text(json.dumps(model_config, indent=4, sort_keys=True))
    if crash:
        raise RuntimeError("CUDA out of memory (simulated crash before the first step)")

    vocab, width = model_config["vocab_size"], model_config["d_model"]
    model = torch.nn.Sequential(torch.nn.Embedding(vocab, width), torch.nn.Linear(width, vocab))
    optimizer = torch.optim.AdamW(model.parameters(), lr=args["lr"])
    model, optimizer = accelerator.prepare(model, optimizer)
    data = torch.randint(0, vocab, (64, args["max_len"] + 1), generator=torch.Generator().manual_seed(1))
    train, held_out = data[:48], data[48:]

    def loss_on(batch):
        logits = model(batch[:, :-1])
        return torch.nn.functional.cross_entropy(logits.reshape(-1, vocab), batch[:, 1:].reshape(-1))

    tokens = 0
    for step in range(args["n_train_steps"]):
        if step % args["eval_interval"] == 0:  # the authors' trainer evaluates at the top of its loop
            with torch.no_grad():
                accelerator.log({"loss/val": loss_on(held_out).item()}, step=step)
        start = time.time()
        batch = train[(step * 4) % 48:(step * 4) % 48 + 4]
        loss = loss_on(batch)
        accelerator.backward(loss)
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        optimizer.zero_grad()
        tokens += batch[:, :-1].numel()
        iter_ms = (time.time() - start) * 1000
        accelerator.log({"train/loss": loss.item(), "train/learning_rate": args["lr"], "train/grad_norm": grad_norm.item(),
                         "train/n_input_tokens_seen": tokens, "efficiency/iter_time": iter_ms}, step=step + 1)
        accelerator.print(f"[{step + 1}/{args['n_train_steps']}] loss {loss.item():.4f} | time {iter_ms:.1f}ms | "
                          f"lr {args['lr']:.3e} | grad_norm {grad_norm.item():.2e} | tokens {tokens:,}")
    accelerator.end_training()


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--child":
        run_one(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), crash=False)
        return
    if len(sys.argv) == 5 and sys.argv[1] == "--crash":
        run_one(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), crash=True)
        return
    shutil.rmtree(TREE, ignore_errors=True)
    TREE.mkdir()
    for job, (name, n_head, n_kv, crash) in enumerate(RUNS, start=4101):
        with open(TREE / f"slurm-{job}.out", "w") as out:
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--crash" if crash else "--child", name,
                            str(n_head), str(n_kv)], cwd=TREE, stdout=out, stderr=subprocess.STDOUT,
                           env={**os.environ, "PYTHONUNBUFFERED": "1"})
        time.sleep(1.1)  # distinct event-file times, as separate launches have
    for path in sorted(TREE.rglob("*")):
        if path.is_file():
            print(path.relative_to(TREE), path.stat().st_size)


if __name__ == "__main__":
    main()
