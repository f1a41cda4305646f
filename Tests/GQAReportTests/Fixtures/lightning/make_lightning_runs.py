"""Makes `logs/`: three tiny GQA runs trained with PyTorch Lightning's `Trainer` and its
`CSVLogger`, as Lightning writes them: `logs/lightning_logs/version_<n>/metrics.csv` (training
and validation values on separate rows) and `hparams.yaml` (`save_hyperparameters()`).

The model is Transformers' `LlamaForCausalLM` (4 query heads sharing 1, 2 or 4 KV heads,
L=1, d=32, byte vocabulary), and the hyperparameters saved are the authors' model keys
(n_layer, d_model, n_head, n_kv_head, dim_k, dim_v, vocab_size, ffn_d_mid, tie_emb) plus the
training context and batch, so report can configure each run from its hparams.yaml. Trained for a few seconds on
the licence texts of /usr/share/common-licenses: an example of the files, not study data.

Run: python3 make_lightning_runs.py   (torch, lightning, transformers from PyPI; CPU)
"""
import json
import shutil
from pathlib import Path

import lightning as L
import torch
from lightning.pytorch.loggers import CSVLogger
from transformers import LlamaConfig, LlamaForCausalLM

HERE = Path(__file__).resolve().parent
TEXTS = Path("/usr/share/common-licenses")
BLOCK = 64


class TinyGQA(L.LightningModule):
    def __init__(self, n_layer: int, d_model: int, n_head: int, n_kv_head: int, dim_k: int, dim_v: int, vocab_size: int,
                 ffn_d_mid: int, tie_emb: bool, max_len: int, batch_size: int):
        super().__init__()
        self.model = LlamaForCausalLM(LlamaConfig(
            vocab_size=vocab_size, hidden_size=d_model, intermediate_size=ffn_d_mid, num_hidden_layers=n_layer,
            num_attention_heads=n_head, num_key_value_heads=n_kv_head, head_dim=dim_k, max_position_embeddings=max_len,
            tie_word_embeddings=tie_emb, bos_token_id=None, eos_token_id=None, pad_token_id=None))
        self.save_hyperparameters()

    def training_step(self, batch, _):
        loss = self.model(input_ids=batch, labels=batch).loss
        self.log("train_loss", loss)
        return loss

    def validation_step(self, batch, _):
        self.log("val_loss", self.model(input_ids=batch, labels=batch).loss)

    def configure_optimizers(self):
        return torch.optim.AdamW(self.parameters(), lr=3e-3)


def main() -> None:
    shutil.rmtree(HERE / "logs", ignore_errors=True)
    text = b"".join(p.read_bytes() for p in sorted(TEXTS.iterdir()) if p.is_file() and not p.is_symlink())
    ids = torch.tensor(list(text), dtype=torch.long)
    blocks = ids[: len(ids) // BLOCK * BLOCK].view(-1, BLOCK)
    train, held_out = blocks[[i for i in range(len(blocks)) if i % 20]], blocks[::20][:64]
    counts = {}
    for version, kv in enumerate([1, 2, 4]):
        torch.manual_seed(0)
        module = TinyGQA(n_layer=1, d_model=32, n_head=4, n_kv_head=kv, dim_k=8, dim_v=8, vocab_size=256, ffn_d_mid=85, tie_emb=True,
                         max_len=BLOCK, batch_size=8)
        trainer = L.Trainer(max_steps=40, val_check_interval=20, log_every_n_steps=5, accelerator="cpu",
                            logger=CSVLogger(str(HERE / "logs")), enable_checkpointing=False,
                            enable_progress_bar=False, enable_model_summary=False)
        trainer.fit(module, torch.utils.data.DataLoader(train, batch_size=8, shuffle=True),
                    torch.utils.data.DataLoader(held_out, batch_size=16))
        counts[f"version_{version}"] = sum(p.numel() for p in module.model.parameters())
    (HERE / "logs" / "n_parameters.json").write_text(json.dumps(counts, indent=2) + "\n")


if __name__ == "__main__":
    main()
