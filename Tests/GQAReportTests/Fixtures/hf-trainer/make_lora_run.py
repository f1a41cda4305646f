"""Makes `lora-adapter/`: one tiny LoRA fine-tune trained with Transformers' `Trainer` on a PEFT
model, its output_dir as they write it: `save_model()` of a PEFT model writes the adapter only
(`adapter_config.json`, naming the base model, and `adapter_model.safetensors`), no
`config.json`; `trainer_state.json`, a `checkpoint-<step>/` and the TensorBoard callback's `runs/`
beside it. The base model is a tiny `LlamaForCausalLM` (L=2, d=32, 4 query heads sharing 2 KV
heads) saved to a temporary folder whose name stands in for a hub id; the text is the licence
texts of /usr/share/common-licenses as bytes. An example of the files, not study data.

Run: python3 make_lora_run.py   (torch, transformers, peft, accelerate, tensorboard from PyPI; CPU)
"""
import os
import shutil
import tempfile
from pathlib import Path

import torch
from datasets import Dataset
from peft import LoraConfig, get_peft_model
from transformers import LlamaConfig, LlamaForCausalLM, Trainer, TrainingArguments

HERE = Path(__file__).resolve().parent
OUT = HERE / "lora-adapter"
TEXTS = Path("/usr/share/common-licenses")
CONTEXT = 64


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    torch.manual_seed(0)
    text = b"\n\n".join(f.read_bytes() for f in sorted(TEXTS.iterdir()) if f.is_file() and not f.is_symlink())
    blocks = [list(text[i:i + CONTEXT]) for i in range(0, min(len(text), 400 * CONTEXT), CONTEXT)]
    data = Dataset.from_dict({"input_ids": blocks, "labels": blocks}).train_test_split(test_size=0.05, seed=0)
    with tempfile.TemporaryDirectory() as base:
        # Loaded by a relative name, as a hub id would be: adapter_config.json records it as the base model.
        os.chdir(base)
        base_dir = "tiny-llama-base"
        LlamaForCausalLM(LlamaConfig(vocab_size=256, hidden_size=32, intermediate_size=85, num_hidden_layers=2,
                                     num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=CONTEXT,
                                     tie_word_embeddings=True)).save_pretrained(base_dir)
        model = get_peft_model(LlamaForCausalLM.from_pretrained(base_dir),
                               LoraConfig(r=2, lora_alpha=4, target_modules=["q_proj", "v_proj"], task_type="CAUSAL_LM"))
        args = TrainingArguments(output_dir=str(OUT), report_to=["tensorboard"], max_steps=20, per_device_train_batch_size=8,
                                 per_device_eval_batch_size=8, learning_rate=3e-3, logging_steps=5, eval_strategy="steps",
                                 eval_steps=10, save_steps=20, save_only_model=True, use_cpu=True, seed=0, disable_tqdm=True)
        trainer = Trainer(model=model, args=args, train_dataset=data["train"], eval_dataset=data["test"])
        trainer.train()
        trainer.save_model()
        trainer.save_state()


if __name__ == "__main__":
    main()
