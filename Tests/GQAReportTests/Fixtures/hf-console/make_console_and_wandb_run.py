"""Makes the test fixture of this folder: what a user of Hugging Face Transformers' own
`Trainer` keeps of a run when they log to W&B offline and save the console,

    WANDB_MODE=offline python train.py > console.txt 2>&1

- `console.txt`: the Trainer's console, its `{'loss': …}` and `{'eval_loss': …}` dict lines
  among tqdm bars (carriage returns) and warnings, as this version of Transformers prints them;
- `wandb/offline-run-<time>-<id>/`: the W&B run its W&B callback wrote: `run-<id>.wandb`
  (history, the configuration with the model's whole `LlamaConfig`, the console) and `files/`.
  W&B's own `logs/debug*.log` (host names, paths) are removed; report never reads them.

One tiny `LlamaForCausalLM` with grouped-query attention (4 query heads sharing 2 KV heads,
2 layers, hidden size 32), trained for 30 steps on CPU on the licence texts under
/usr/share/common-licenses as bytes. The numbers are an example of the files, not study data.

Run: python3 make_console_and_wandb_run.py   (torch, transformers, accelerate, wandb from PyPI; CPU)
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = Path("/usr/share/common-licenses")
BLOCK = 64
NAME = "tiny-llama-kv2"


def train() -> None:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM, Trainer, TrainingArguments

    torch.manual_seed(0)
    text = b"".join(p.read_bytes() for p in sorted(TEXTS.iterdir()) if p.is_file() and not p.is_symlink())
    ids = torch.tensor(list(text), dtype=torch.long)
    blocks = ids[: len(ids) // BLOCK * BLOCK].view(-1, BLOCK)
    held_out = blocks[::20][:64]
    train_rows = blocks[[i for i in range(len(blocks)) if i % 20]]

    class Blocks(torch.utils.data.Dataset):
        def __init__(self, rows):
            self.rows = rows

        def __len__(self):
            return len(self.rows)

        def __getitem__(self, i):
            return {"input_ids": self.rows[i], "labels": self.rows[i]}

    config = LlamaConfig(
        vocab_size=256, hidden_size=32, intermediate_size=85, num_hidden_layers=2,
        num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=BLOCK,
        tie_word_embeddings=True, bos_token_id=None, eos_token_id=None, pad_token_id=None,
    )
    args = TrainingArguments(
        output_dir=str(HERE / "output"), report_to=["wandb"], run_name=NAME,
        max_steps=30, per_device_train_batch_size=8, per_device_eval_batch_size=16,
        learning_rate=3e-3, warmup_steps=3, logging_steps=5, eval_strategy="steps", eval_steps=10,
        save_strategy="no", use_cpu=True, seed=0, dataloader_num_workers=0,
    )
    trainer = Trainer(model=LlamaForCausalLM(config), args=args, train_dataset=Blocks(train_rows), eval_dataset=Blocks(held_out))
    trainer.train()


def main() -> None:
    if sys.argv[1:] == ["train"]:
        train()
        return
    for old in ["console.txt", "wandb", "output"]:
        shutil.rmtree(HERE / old, ignore_errors=True) if (HERE / old).is_dir() else (HERE / old).unlink(missing_ok=True)
    env = {**os.environ, "WANDB_MODE": "offline", "WANDB_DIR": str(HERE), "WANDB_PROJECT": "gqa-report-fixture",
           "WANDB_SILENT": "false", "PYTHONHASHSEED": "0", "TOKENIZERS_PARALLELISM": "false"}
    with open(HERE / "console.txt", "wb") as console:
        subprocess.run([sys.executable, __file__, "train"], check=True, env=env, stdout=console, stderr=subprocess.STDOUT, cwd=HERE)
    shutil.rmtree(HERE / "output", ignore_errors=True)  # save_strategy="no": nothing of use is left there
    for run in (HERE / "wandb").glob("offline-run-*"):
        shutil.rmtree(run / "logs", ignore_errors=True)
    for link in (HERE / "wandb").glob("*"):
        if link.is_symlink() or link.name.startswith("debug"):
            link.unlink()
    import torch, transformers, wandb
    (HERE / "MADE_BY.json").write_text(json.dumps({
        "script": "make_console_and_wandb_run.py", "torch": torch.__version__, "transformers": transformers.__version__,
        "wandb": wandb.__version__, "run_name": NAME,
        "note": "an example of a Trainer console and its offline W&B run, trained on licence texts for a few seconds; not study data",
    }, indent=2) + "\n")


if __name__ == "__main__":
    main()
