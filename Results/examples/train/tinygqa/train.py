"""One training run, written as the authors' trainer (`src/train.py`, `src/trainer/trainer.py`)
writes it, so that report reads it through the same paths as a user's runs:

- `<output_dir>/<proj_name>/<run_name>/args.json` (every argument) and `model_config.json`
  (sorted keys, indent 4);
- scalars through Accelerate's TensorBoard tracker, `Accelerator(project_dir=<output_dir>/
  <proj_name>)` and `init_trackers(<proj_name>, config=args)`, so every run of the project shares
  the folder `<output_dir>/<proj_name>/<proj_name>/` (report ties each file to its run by the
  hparams record and the writer's process id);
- its arguments between `================ args ================` rules, then one line a step:
  `[12/120] loss 5.1234 | time 412.3ms | t_data 1.2ms | t_fwd 100.1ms | t_bwd 200.2ms |
  lr 1.000e-03 | grad_norm 1.23e+00 | tokens 6,291,456`.

The validation loss is logged at the top of the loop every `eval_interval` steps, as the
authors' trainer does, and once more after the last step, so a tiny run's final loss is its
last step's. The wall time and the machine go to `run_info.json` beside args.json.

    python3 -m tinygqa.train --run_name NAME --n_layer 2 --d_model 128 --n_head 4 --n_kv_head 1 ...
"""
import argparse
import json
import math
import os
import platform
import pprint
import time
from pathlib import Path

import torch

from . import data
from .model import GPT


def arguments(argv=None) -> dict:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--output_dir", default="results")
    p.add_argument("--proj_name", default="tinygqa")
    p.add_argument("--run_name", required=True)
    p.add_argument("--exp_group", default="tiny")
    p.add_argument("--model_config", default="", help="the configuration's name, as the authors' args.json records it")
    p.add_argument("--train_config", default="")
    p.add_argument("--n_layer", type=int, required=True)
    p.add_argument("--d_model", type=int, required=True)
    p.add_argument("--n_head", type=int, required=True)
    p.add_argument("--n_kv_head", type=int, required=True)
    p.add_argument("--dim_k", type=int, default=32, help="head size (fixed across head configurations)")
    p.add_argument("--max_len", type=int, default=256, help="context length")
    p.add_argument("--batch_size", type=int, default=16)
    p.add_argument("--n_train_steps", type=int, required=True)
    p.add_argument("--lr", type=float, default=3e-3)
    p.add_argument("--min_lr", type=float, default=3e-4)
    p.add_argument("--n_warmup_steps", type=int, default=None, help="default: 10%% of the steps")
    p.add_argument("--n_drop_steps", type=int, default=None, help="default: 20%% of the steps")
    p.add_argument("--weight_decay", type=float, default=0.1)
    p.add_argument("--grad_clip", type=float, default=1.0)
    p.add_argument("--eval_interval", type=int, default=50)
    p.add_argument("--n_eval_batches", type=int, default=8)
    p.add_argument("--log_interval", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    args = vars(p.parse_args(argv))
    args["n_warmup_steps"] = args["n_warmup_steps"] if args["n_warmup_steps"] is not None else max(1, args["n_train_steps"] // 10)
    args["n_drop_steps"] = args["n_drop_steps"] if args["n_drop_steps"] is not None else max(1, args["n_train_steps"] // 5)
    args.update(lr_scheduler="wsd", n_gpus=1, grad_accum_steps=1, report_to="tensorboard", data_name="fortunes",
                tok_path="bytes", beta1=0.9, beta2=0.95)
    return args


def learning_rate(step: int, args: dict) -> float:
    """WSD (`src/optim/lr_scheduler.py`): linear warm-up from 0, constant, then cosine to
    min_lr over the last n_drop_steps."""
    steps, warmup, drop = args["n_train_steps"], args["n_warmup_steps"], args["n_drop_steps"]
    if step < warmup:
        return args["lr"] * (step + 1) / warmup
    if step < steps - drop:
        return args["lr"]
    progress = (step - (steps - drop)) / max(1, drop)
    return args["min_lr"] + 0.5 * (args["lr"] - args["min_lr"]) * (1 + math.cos(math.pi * min(1.0, progress)))


def machine() -> dict:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    return {"cpu": model, "cores": os.cpu_count(), "threads_used": torch.get_num_threads(), "system": platform.platform(),
            "python": platform.python_version(), "torch": torch.__version__}


def main(argv=None):
    from accelerate import Accelerator

    args = arguments(argv)
    torch.manual_seed(args["seed"])
    torch.set_num_threads(args["threads"])
    accelerator = Accelerator(project_dir=f"{args['output_dir']}/{args['proj_name']}", log_with=["tensorboard"], cpu=True)
    accelerator.print("================ args ================")
    accelerator.print(pprint.pformat(args))
    accelerator.print("======================================")
    accelerator.init_trackers(project_name=args["proj_name"], config=args)

    run_dir = Path(args["output_dir"], args["proj_name"], args["run_name"])
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "args.json").write_text(json.dumps(args, indent=4, sort_keys=True) + "\n")
    config = {"n_layer": args["n_layer"], "d_model": args["d_model"], "n_head": args["n_head"], "n_kv_head": args["n_kv_head"],
              "dim_k": args["dim_k"], "dim_v": args["dim_k"], "vocab_size": data.VOCAB_SIZE, "tie_emb": 0, "ffn_is_gated": 1,
              "ffn_act_fn": "silu", "use_rope": 1, "rope_theta": 500000, "norm_eps": 1e-6, "max_len": args["max_len"]}
    (run_dir / "model_config.json").write_text(json.dumps(config, indent=4, sort_keys=True) + "\n")

    train, held_out = data.splits()
    model = GPT(config)
    accelerator.print(f"# parameters (non-embedding, without the head): {model.non_embedding_parameters():,}")
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": args["weight_decay"]}, {"params": no_decay, "weight_decay": 0.0}],
                                  lr=args["lr"], betas=(args["beta1"], args["beta2"]))
    model, optimizer = accelerator.prepare(model, optimizer)
    batches = torch.Generator().manual_seed(args["seed"])
    eval_batches = [data.batch(held_out, args["batch_size"], args["max_len"], torch.Generator().manual_seed(1000 + i))
                    for i in range(args["n_eval_batches"])]  # the same held-out windows for every run

    def validation_loss() -> float:
        model.eval()
        with torch.no_grad():
            losses = [model(b[:, :-1], b[:, 1:]).item() for b in eval_batches]
        model.train()
        return sum(losses) / len(losses)

    started, tokens, steps = time.time(), 0, args["n_train_steps"]
    for step in range(steps + 1):
        if step % args["eval_interval"] == 0 or step == steps:  # top of the loop, and after the last step
            accelerator.log({"loss/val": validation_loss()}, step=step)
        if step == steps:
            break
        lr = learning_rate(step, args)
        for group in optimizer.param_groups:
            group["lr"] = lr
        t0 = time.time()
        batch = data.batch(train, args["batch_size"], args["max_len"], batches)
        t1 = time.time()
        loss = model(batch[:, :-1], batch[:, 1:])
        t2 = time.time()
        accelerator.backward(loss)
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), args["grad_clip"]).item()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        t3 = time.time()
        tokens += batch[:, :-1].numel()
        ms = lambda a, b: (b - a) * 1000
        accelerator.log({"train/loss": loss.item(), "train/learning_rate": lr, "train/grad_norm": grad_norm,
                         "train/n_input_tokens_seen": tokens, "efficiency/iter_time": ms(t0, t3),
                         "efficiency/data_time": ms(t0, t1), "efficiency/fwd_time": ms(t1, t2),
                         "efficiency/bwd_time": ms(t2, t3), "misc/cur_step": step + 1}, step=step + 1)
        if (step + 1) % args["log_interval"] == 0:
            accelerator.print(f"[{step + 1}/{steps}] loss {loss.item():.4f} | time {ms(t0, t3):.1f}ms | t_data {ms(t0, t1):.1f}ms | "
                              f"t_fwd {ms(t1, t2):.1f}ms | t_bwd {ms(t2, t3):.1f}ms | lr {lr:.3e} | grad_norm {grad_norm:.2e} | tokens {tokens:,}")
    wall = time.time() - started
    accelerator.end_training()
    info = {"wall_seconds": round(wall, 1), "machine": machine(), "tokens": tokens}
    (run_dir / "run_info.json").write_text(json.dumps(info, indent=4, sort_keys=True) + "\n")
    accelerator.print(f"done: {steps} steps, {tokens:,} tokens in {wall:.1f} s on {info['machine']['cpu']} ({info['machine']['threads_used']} threads)")


if __name__ == "__main__":
    main()
