"""A person's own PyTorch training loop, as people write them, run on CPU to make the fixtures
beside it: what such a loop prints and writes, not a study run (a 2-layer GQA model of 25k
parameters on a repeating token pattern, 60 steps).

Writes, in this folder:
  print_comma.log      print(f"Step {step}, Loss: {loss:.4f}, LR: {lr:.2e}")
  print_pipes.txt      print(f"step {step:3d}/{steps} | lr {lr:.2e} | loss {loss:.4f}"), and
                       f"step {step:3d}/{steps} | val_loss {val:.4f}" every 10 steps
  logging.log          logging: "%(asctime)s - %(name)s - INFO - step %d | loss: %.4f | dt: …"
  train_metrics.csv    csv.writer: step,epoch,train_loss,val_loss,lr (val_loss empty between evaluations)
  metrics.jsonl        json.dumps per line: {"step", "loss", "lr"} and {"step", "val_loss"}, then
                       a summary line without a step
  runs/tiny_gqa/       torch.utils.tensorboard.SummaryWriter: train/loss, val/loss, lr; no trainer

Run:  pip install torch tensorboard && python3 train_tiny_gqa.py
(made with torch 2.15.0, tensorboard 2.20; the values depend on torch's CPU kernels).
"""
import csv
import json
import logging
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.tensorboard import SummaryWriter

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS, EVAL_EVERY, STEPS_PER_EPOCH = 60, 10, 20
VOCAB, CONTEXT, D_MODEL, QUERY_HEADS, KV_HEADS, LAYERS = 64, 32, 32, 4, 2, 2


class Attention(nn.Module):
    def __init__(self):
        super().__init__()
        self.head = D_MODEL // QUERY_HEADS
        self.q = nn.Linear(D_MODEL, QUERY_HEADS * self.head, bias=False)
        self.kv = nn.Linear(D_MODEL, 2 * KV_HEADS * self.head, bias=False)
        self.out = nn.Linear(D_MODEL, D_MODEL, bias=False)

    def forward(self, x):
        b, t, _ = x.shape
        q = self.q(x).view(b, t, QUERY_HEADS, self.head).transpose(1, 2)
        k, v = self.kv(x).view(b, t, 2, KV_HEADS, self.head).unbind(2)
        k, v = (z.transpose(1, 2).repeat_interleave(QUERY_HEADS // KV_HEADS, dim=1) for z in (k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.out(y.transpose(1, 2).reshape(b, t, D_MODEL))


class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.norm1, self.norm2 = nn.LayerNorm(D_MODEL), nn.LayerNorm(D_MODEL)
        self.attn = Attention()
        self.mlp = nn.Sequential(nn.Linear(D_MODEL, 4 * D_MODEL), nn.GELU(), nn.Linear(4 * D_MODEL, D_MODEL))

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class TinyGQA(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(VOCAB, D_MODEL)
        nn.init.normal_(self.embed.weight, std=0.02)  # tied output: logits near 0, loss near ln(VOCAB)
        self.blocks = nn.ModuleList(Block() for _ in range(LAYERS))
        self.norm = nn.LayerNorm(D_MODEL)

    def forward(self, tokens):
        x = self.embed(tokens)
        for block in self.blocks:
            x = block(x)
        return self.norm(x) @ self.embed.weight.T


def batch(generator, size=8):
    # A noisy repeating pattern: learnable, so the loss falls.
    start = torch.randint(0, VOCAB, (size, 1), generator=generator)
    tokens = (start + torch.arange(CONTEXT + 1) * 3) % VOCAB
    noise = torch.rand(tokens.shape, generator=generator) < 0.1
    tokens = torch.where(noise, torch.randint(0, VOCAB, tokens.shape, generator=generator), tokens)
    return tokens[:, :-1], tokens[:, 1:]


def main():
    torch.manual_seed(0)
    generator, val_generator = torch.Generator().manual_seed(1), torch.Generator().manual_seed(2)
    model = TinyGQA()
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-3)
    schedule = lambda step: 3e-3 * 0.5 * (1 + math.cos(math.pi * step / STEPS))

    logger = logging.getLogger("train")
    handler = logging.FileHandler(os.path.join(HERE, "logging.log"), mode="w")
    handler.setFormatter(logging.Formatter("%(asctime)s - %(name)s - INFO - %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.info("model has %d parameters, %d query heads, %d KV heads", sum(p.numel() for p in model.parameters()), QUERY_HEADS, KV_HEADS)

    comma = open(os.path.join(HERE, "print_comma.log"), "w")
    pipes = open(os.path.join(HERE, "print_pipes.txt"), "w")
    table = open(os.path.join(HERE, "train_metrics.csv"), "w", newline="")
    rows = csv.writer(table)
    rows.writerow(["step", "epoch", "train_loss", "val_loss", "lr"])
    records = open(os.path.join(HERE, "metrics.jsonl"), "w")
    writer = SummaryWriter(os.path.join(HERE, "runs", "tiny_gqa"))
    print(f"training a tiny GQA model for {STEPS} steps", file=comma)

    for step in range(STEPS + 1):
        val = None
        if step % EVAL_EVERY == 0:
            model.eval()
            with torch.no_grad():
                x, y = batch(val_generator, 16)
                val = F.cross_entropy(model(x).reshape(-1, VOCAB), y.reshape(-1)).item()
            model.train()
            print(f"step {step:3d}/{STEPS} | val_loss {val:.4f}", file=pipes)
            records.write(json.dumps({"step": step, "val_loss": val}) + "\n")
            writer.add_scalar("val/loss", val, step)
        if step == STEPS:
            rows.writerow([step, step / STEPS_PER_EPOCH, "", f"{val:.6f}", ""])
            break
        began = time.time()
        lr = schedule(step)
        for group in optimizer.param_groups:
            group["lr"] = lr
        x, y = batch(generator)
        loss = F.cross_entropy(model(x).reshape(-1, VOCAB), y.reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss = loss.item()
        dt = (time.time() - began) * 1000
        print(f"Step {step}, Loss: {loss:.4f}, LR: {lr:.2e}", file=comma)
        print(f"step {step:3d}/{STEPS} | lr {lr:.2e} | loss {loss:.4f}", file=pipes)
        logger.info("step %d | loss: %.4f | dt: %.1fms | tok/sec: %.0f", step, loss, dt, 8 * CONTEXT / (dt / 1000))
        rows.writerow([step, step / STEPS_PER_EPOCH, f"{loss:.6f}", "" if val is None else f"{val:.6f}", f"{lr:.6e}"])
        records.write(json.dumps({"step": step, "loss": loss, "lr": lr}) + "\n")
        writer.add_scalar("train/loss", loss, step)
        writer.add_scalar("lr", lr, step)

    records.write(json.dumps({"final_val_loss": val, "total_steps": STEPS}) + "\n")
    print("Training complete!", file=comma)
    for f in (comma, pipes, table, records):
        f.close()
    writer.close()


if __name__ == "__main__":
    main()
