"""Makes `trl-sft/`: one tiny GQA run trained with TRL's `SFTTrainer` (which trains through
Transformers' `Trainer`), its output_dir as TRL writes it: `config.json`, `trainer_state.json`
with TRL's own keys (`mean_token_accuracy`, `num_tokens`, `entropy`), the TensorBoard
callback's `runs/`, a `checkpoint-<step>/`, weights. A `LlamaForCausalLM` with 4 query heads
sharing 2 KV heads (L=2, d=32) on the licence texts of /usr/share/common-licenses as plain
text, bytes as tokens through a tiny byte tokenizer: an example of the files, not study data.

Run: python3 make_trl_run.py   (torch, transformers, trl, datasets, tensorboard from PyPI; CPU)
"""
import shutil
from pathlib import Path

import torch
from datasets import Dataset
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedTokenizerFast
from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
from trl import SFTConfig, SFTTrainer

HERE = Path(__file__).resolve().parent
OUT = HERE / "trl-sft"
TEXTS = Path("/usr/share/common-licenses")


def byte_tokenizer() -> PreTrainedTokenizerFast:
    # One token a byte: byte-level characters, each its own word.
    vocab = {character: i for i, character in enumerate(sorted(pre_tokenizers.ByteLevel.alphabet()))}
    vocab["<pad>"] = len(vocab)
    tokenizer = Tokenizer(models.WordLevel(vocab=vocab, unk_token="<pad>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence([
        pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        pre_tokenizers.Split(Regex("."), behavior="isolated"),
    ])
    tokenizer.decoder = decoders.ByteLevel()
    fast = PreTrainedTokenizerFast(tokenizer_object=tokenizer, pad_token="<pad>", eos_token="<pad>")
    return fast


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    torch.manual_seed(0)
    paragraphs = [p.strip() for f in sorted(TEXTS.iterdir()) if f.is_file() and not f.is_symlink()
                  for p in f.read_text(errors="replace").split("\n\n") if len(p.strip()) > 80]
    data = Dataset.from_dict({"text": paragraphs})
    split = data.train_test_split(test_size=0.05, seed=0)
    tokenizer = byte_tokenizer()
    model = LlamaForCausalLM(LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=85,
                                         num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
                                         max_position_embeddings=128, tie_word_embeddings=True,
                                         pad_token_id=tokenizer.pad_token_id, bos_token_id=None, eos_token_id=tokenizer.eos_token_id))
    args = SFTConfig(output_dir=str(OUT), report_to=["tensorboard"], max_steps=40, per_device_train_batch_size=8,
                     per_device_eval_batch_size=8, learning_rate=3e-3, logging_steps=5, eval_strategy="steps",
                     eval_steps=20, save_steps=40, save_only_model=True, max_length=128, use_cpu=True, seed=0,
                     disable_tqdm=True, dataset_text_field="text")
    trainer = SFTTrainer(model=model, args=args, train_dataset=split["train"], eval_dataset=split["test"],
                         processing_class=tokenizer)
    trainer.train()
    trainer.save_model()
    trainer.save_state()


if __name__ == "__main__":
    main()
