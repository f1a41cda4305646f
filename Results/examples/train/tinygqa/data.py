"""The training text: the English fortune files of Debian's `fortunes` package (BSD licence,
/usr/share/doc/fortunes/copyright), read where the package installs them, never downloaded.

Tokens are bytes (a vocabulary of 256), so the embedding stays small beside the layers even
at tiny widths. Every 20th fortune is held out for `loss/val`; the split is by fortune, so no
text is in both.
"""
from pathlib import Path

import torch

FORTUNES = Path("/usr/share/games/fortunes")
# ASCII art and the untranslated file are not English prose.
LEFT_OUT = {"ascii-art", "translate-me"}
VOCAB_SIZE = 256


def fortunes(folder: Path = FORTUNES) -> list[bytes]:
    if not folder.is_dir():
        raise SystemExit(f"{folder} is missing: install Debian's 'fortunes' package (apt-get install fortunes)")
    texts = []
    for path in sorted(folder.iterdir()):
        if path.suffix or path.name in LEFT_OUT or not path.is_file():
            continue  # .dat indexes and .u8 links
        # A fortune file separates its entries with lines holding a single "%".
        texts += [entry.strip() + b"\n" for entry in path.read_bytes().split(b"\n%\n") if entry.strip()]
    return texts


def splits(folder: Path = FORTUNES) -> tuple[torch.Tensor, torch.Tensor]:
    """The training and held-out byte streams."""
    entries = fortunes(folder)
    train = b"".join(e for i, e in enumerate(entries) if i % 20 != 19)
    held_out = b"".join(e for i, e in enumerate(entries) if i % 20 == 19)
    as_tensor = lambda data: torch.frombuffer(bytearray(data), dtype=torch.uint8).to(torch.long)
    return as_tensor(train), as_tensor(held_out)


def batch(stream: torch.Tensor, size: int, context: int, generator: torch.Generator) -> torch.Tensor:
    """`size` windows of `context + 1` tokens at random offsets (inputs and shifted targets)."""
    starts = torch.randint(0, stream.numel() - context - 1, (size,), generator=generator)
    return torch.stack([stream[s:s + context + 1] for s in starts.tolist()])
