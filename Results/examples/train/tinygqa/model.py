"""The authors' architecture (their `src/configs/model/*.json` and model code, README §4 of
shared/paper) at tiny scale: pre-norm RMSNorm, rotary position embedding, a gated SiLU FFN of
inner size int(8·d/3), no biases, untied embedding and head, and grouped-query attention with a
fixed head size: n_h query heads of `dim_k` each, n_kv key/value heads shared by n_h/n_kv
query heads each (n_kv divides n_h). The attention width n_h·d_h need not equal d_model.
"""
import math

import torch
from torch import nn
from torch.nn import functional as F


class RMSNorm(nn.Module):
    def __init__(self, width: int, eps: float = 1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(width))
        self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


def rotary(x, theta: float = 500000.0):
    """RoPE on (batch, heads, time, head_size), rotating pairs (i, i + head_size/2)."""
    t, half = x.shape[-2], x.shape[-1] // 2
    frequencies = theta ** (-torch.arange(half, dtype=torch.float32) / half)
    angles = torch.arange(t, dtype=torch.float32)[:, None] * frequencies[None, :]
    cos, sin = angles.cos(), angles.sin()
    first, second = x[..., :half], x[..., half:]
    return torch.cat([first * cos - second * sin, first * sin + second * cos], dim=-1)


class Attention(nn.Module):
    def __init__(self, d_model: int, n_head: int, n_kv_head: int, head_size: int):
        super().__init__()
        if n_head % n_kv_head:
            raise ValueError(f"n_kv_head ({n_kv_head}) must divide n_head ({n_head})")
        self.n_head, self.n_kv_head, self.head_size = n_head, n_kv_head, head_size
        self.q = nn.Linear(d_model, n_head * head_size, bias=False)
        self.k = nn.Linear(d_model, n_kv_head * head_size, bias=False)
        self.v = nn.Linear(d_model, n_kv_head * head_size, bias=False)
        self.o = nn.Linear(n_head * head_size, d_model, bias=False)

    def forward(self, x):
        b, t, _ = x.shape
        q = self.q(x).view(b, t, self.n_head, self.head_size).transpose(1, 2)
        k = self.k(x).view(b, t, self.n_kv_head, self.head_size).transpose(1, 2)
        v = self.v(x).view(b, t, self.n_kv_head, self.head_size).transpose(1, 2)
        q, k = rotary(q), rotary(k)
        group = self.n_head // self.n_kv_head  # each KV head serves `group` query heads
        k, v = k.repeat_interleave(group, dim=1), v.repeat_interleave(group, dim=1)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.o(y.transpose(1, 2).reshape(b, t, self.n_head * self.head_size))


class FeedForward(nn.Module):
    def __init__(self, d_model: int):
        super().__init__()
        inner = int(8 * d_model / 3)  # the authors' code truncates
        self.gate = nn.Linear(d_model, inner, bias=False)
        self.up = nn.Linear(d_model, inner, bias=False)
        self.down = nn.Linear(inner, d_model, bias=False)

    def forward(self, x):
        return self.down(F.silu(self.gate(x)) * self.up(x))


class Block(nn.Module):
    def __init__(self, config: dict):
        super().__init__()
        d = config["d_model"]
        self.attention_norm = RMSNorm(d, config["norm_eps"])
        self.attention = Attention(d, config["n_head"], config["n_kv_head"], config["dim_k"])
        self.ffn_norm = RMSNorm(d, config["norm_eps"])
        self.ffn = FeedForward(d)

    def forward(self, x):
        x = x + self.attention(self.attention_norm(x))
        return x + self.ffn(self.ffn_norm(x))


class GPT(nn.Module):
    def __init__(self, config: dict):
        super().__init__()
        self.embedding = nn.Embedding(config["vocab_size"], config["d_model"])
        self.blocks = nn.ModuleList(Block(config) for _ in range(config["n_layer"]))
        self.norm = RMSNorm(config["d_model"], config["norm_eps"])
        self.head = nn.Linear(config["d_model"], config["vocab_size"], bias=False)  # untied
        for module in self.modules():
            if isinstance(module, (nn.Linear, nn.Embedding)):
                nn.init.normal_(module.weight, std=0.02)

    def forward(self, tokens, targets=None):
        x = self.embedding(tokens)
        for block in self.blocks:
            x = block(x)
        logits = self.head(self.norm(x))
        if targets is None:
            return logits
        return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))

    def non_embedding_parameters(self) -> int:
        """N as the paper counts it: without the embedding and the head."""
        return sum(p.numel() for name, p in self.named_parameters() if not name.startswith(("embedding.", "head.")))
