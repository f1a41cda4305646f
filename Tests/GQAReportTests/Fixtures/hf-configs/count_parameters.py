"""Writes `expected_parameters.json`: the parameter count of each model configuration as
Transformers itself builds the model, for `HFModelConfigTests` to compare report's count with.

Each configuration is instantiated on the `meta` device (no memory, no weights) with
`AutoModelForCausalLM.from_config`, and counted as `sum(p.numel() for p in model.parameters())`
(tied weights are one parameter, as `parameters()` yields a shared tensor once). Counted:
- every real `config.json` under ../shared/real-formats/hf-configs/ and hf-trainer/ (read in
  place, never copied; keyed by file name), and
- small configurations of each family report reads, made here with each family's own config
  class and written to `families/` (so every key name and default of each family is covered).

Run: python3 count_parameters.py [REAL_FORMATS]   (torch and transformers from PyPI; CPU)
"""
import json
import sys
from pathlib import Path

import torch
import transformers
from transformers import AutoConfig, AutoModelForCausalLM

HERE = Path(__file__).resolve().parent
REAL = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / ".." / "shared" / "real-formats"

# One small configuration per family, in each family's own key names; GQA where the family has it.
FAMILIES = {
    "llama": transformers.LlamaConfig(vocab_size=300, hidden_size=64, intermediate_size=172, num_hidden_layers=2,
                                      num_attention_heads=8, num_key_value_heads=2),
    "llama-bias-untied": transformers.LlamaConfig(vocab_size=300, hidden_size=64, intermediate_size=160, num_hidden_layers=3,
                                                  num_attention_heads=4, num_key_value_heads=1, head_dim=32,
                                                  attention_bias=True, mlp_bias=True, tie_word_embeddings=False),
    "mistral": transformers.MistralConfig(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                                          num_attention_heads=8, num_key_value_heads=4),
    "qwen2": transformers.Qwen2Config(vocab_size=300, hidden_size=64, intermediate_size=96, num_hidden_layers=2,
                                      num_attention_heads=4, num_key_value_heads=2, tie_word_embeddings=False),
    "gemma": transformers.GemmaConfig(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                                      num_attention_heads=4, num_key_value_heads=1, head_dim=32),
    "qwen3": transformers.Qwen3Config(vocab_size=300, hidden_size=64, intermediate_size=96, num_hidden_layers=2,
                                      num_attention_heads=8, num_key_value_heads=2, head_dim=16, tie_word_embeddings=False),
    "gemma2": transformers.Gemma2Config(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                                        num_attention_heads=4, num_key_value_heads=2, head_dim=32),
    "gemma3_text": transformers.Gemma3TextConfig(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                                                 num_attention_heads=4, num_key_value_heads=1, head_dim=32),
    "olmo": transformers.OlmoConfig(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                                    num_attention_heads=8, num_key_value_heads=2),
    "olmo2": transformers.Olmo2Config(vocab_size=300, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                                      num_attention_heads=8, num_key_value_heads=2),
    "gpt_neox": transformers.GPTNeoXConfig(vocab_size=300, hidden_size=64, intermediate_size=256, num_hidden_layers=2,
                                           num_attention_heads=4),
    "gpt2": transformers.GPT2Config(vocab_size=300, n_embd=64, n_layer=2, n_head=4, n_positions=128),
    "gpt2-inner": transformers.GPT2Config(vocab_size=300, n_embd=48, n_layer=3, n_head=4, n_positions=64, n_inner=100),
}


def count(config) -> int:
    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config)
    return sum(p.numel() for p in model.parameters())


def main() -> None:
    expected = {"transformers": transformers.__version__, "torch": torch.__version__, "real": {}, "families": {}}
    families = HERE / "families"
    families.mkdir(exist_ok=True)
    for name, config in FAMILIES.items():
        path = families / f"{name}_config.json"
        config.save_pretrained(families)  # writes config.json; renamed to keep one file a family
        (families / "config.json").rename(path)
        expected["families"][path.name] = count(AutoConfig.from_pretrained(path))
    for folder in ["hf-configs", "hf-trainer"]:
        for path in sorted((REAL / folder).glob("*config.json")):
            try:
                expected["real"][path.name] = count(AutoConfig.from_pretrained(path))
            except Exception as error:  # a family Transformers itself cannot build (remote code)
                expected["real"][path.name] = f"not built by Transformers {transformers.__version__}: {type(error).__name__}"
    (HERE / "expected_parameters.json").write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
