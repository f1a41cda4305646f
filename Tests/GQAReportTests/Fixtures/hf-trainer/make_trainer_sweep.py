"""Makes the test fixture `sweep/`: a tiny GQA sweep trained with Hugging Face Transformers'
own `Trainer` on CPU, its output folders exactly as the Trainer writes them.

Nine `LlamaForCausalLM` runs: 3 sizes (L=1, d=16; L=2, d=32; L=3, d=48) x 3 KV-head settings (4 query
heads sharing 1, 2 or 4 KV heads), each in its own `output_dir` (`sweep/<run>/`), trained as
`run_clm.py` trains:

    trainer = Trainer(model, TrainingArguments(report_to=["tensorboard"], eval_strategy="steps",
                      include_num_input_tokens_seen=True, save_steps=..., ...), ...)
    trainer.train(); trainer.save_model(); trainer.save_metrics("train", ...)
    trainer.save_state(); trainer.save_metrics("eval", trainer.evaluate())

so each folder holds `config.json`, `model.safetensors`, `generation_config.json`,
`training_args.bin` (a pickle: report never unpickles it), `trainer_state.json`,
`train_results.json`, `eval_results.json`, `all_results.json`, a `checkpoint-<step>/` folder
(with its own `trainer_state.json`) and the TensorBoard callback's `runs/<date>_<host>/`.

The text is the licence texts under /usr/share/common-licenses (on every Debian system), as
bytes (a vocabulary of 256), so the weights stay small. The numbers are an example of the
files, not study data. Each run is a separate process (as a real sweep is).

Run: python3 make_trainer_sweep.py   (torch, transformers, accelerate, tensorboard from PyPI; CPU)
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "sweep"
TEXTS = Path("/usr/share/common-licenses")
SIZES = [(1, 16), (2, 32), (3, 48)]  # (layers, hidden size): 3 sizes, so each L(N; H) can be fitted
QUERY_HEADS = 4
KV_HEADS = [1, 2, 4]
BLOCK = 64  # tokens per training sequence
STEPS = 60


def run_name(layers: int, hidden: int, kv: int) -> str:
    return f"llama-L{layers}-d{hidden}-h{QUERY_HEADS}-kv{kv}"


def train_one(layers: int, hidden: int, kv: int) -> None:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM, Trainer, TrainingArguments

    torch.manual_seed(0)
    text = b"".join(p.read_bytes() for p in sorted(TEXTS.iterdir()) if p.is_file() and not p.is_symlink())
    ids = torch.tensor(list(text), dtype=torch.long)
    blocks = ids[: len(ids) // BLOCK * BLOCK].view(-1, BLOCK)
    held_out = blocks[::20]
    train = blocks[[i for i in range(len(blocks)) if i % 20]]

    class Blocks(torch.utils.data.Dataset):
        def __init__(self, rows):
            self.rows = rows

        def __len__(self):
            return len(self.rows)

        def __getitem__(self, i):
            return {"input_ids": self.rows[i], "labels": self.rows[i]}

    config = LlamaConfig(
        vocab_size=256, hidden_size=hidden, intermediate_size=hidden * 8 // 3, num_hidden_layers=layers,
        num_attention_heads=QUERY_HEADS, num_key_value_heads=kv, max_position_embeddings=BLOCK,
        tie_word_embeddings=True, bos_token_id=None, eos_token_id=None, pad_token_id=None,
    )
    model = LlamaForCausalLM(config)
    name = run_name(layers, hidden, kv)
    args = TrainingArguments(
        output_dir=str(OUT / name), report_to=["tensorboard"], run_name=name,
        max_steps=STEPS, per_device_train_batch_size=8, per_device_eval_batch_size=16,
        learning_rate=3e-3, warmup_steps=5, lr_scheduler_type="cosine", logging_steps=5,
        eval_strategy="steps", eval_steps=20, save_steps=STEPS // 2, save_total_limit=2,
        save_only_model=True, include_num_input_tokens_seen=True, use_cpu=True, seed=0,
        dataloader_num_workers=0, disable_tqdm=True,
    )
    trainer = Trainer(model=model, args=args, train_dataset=Blocks(train), eval_dataset=Blocks(held_out))
    result = trainer.train()
    trainer.save_model()
    trainer.log_metrics("train", result.metrics)
    trainer.save_metrics("train", result.metrics)
    trainer.save_state()
    metrics = trainer.evaluate()
    trainer.log_metrics("eval", metrics)
    trainer.save_metrics("eval", metrics)


def main() -> None:
    if len(sys.argv) == 4:
        train_one(*map(int, sys.argv[1:]))
        return
    shutil.rmtree(OUT, ignore_errors=True)
    for layers, hidden in SIZES:
        for kv in KV_HEADS:
            subprocess.run([sys.executable, __file__, str(layers), str(hidden), str(kv)], check=True,
                           env={**os.environ, "PYTHONHASHSEED": "0"})
    import torch, transformers
    (OUT / "MADE_BY.json").write_text(json.dumps({
        "script": "make_trainer_sweep.py", "torch": torch.__version__, "transformers": transformers.__version__,
        "runs": [run_name(l, d, kv) for l, d in SIZES for kv in KV_HEADS],
        "note": "an example of Trainer output folders, trained on licence texts for a few seconds; not study data",
    }, indent=2) + "\n")


if __name__ == "__main__":
    main()
