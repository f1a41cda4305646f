"""Makes `logs/`: event files in the folder layout Keras' TensorBoard callback writes
(`<log_dir>/train/` and `<log_dir>/validation/`, the same scalar tag `epoch_loss` in both, one
point an epoch). TensorFlow does not install on these machines in reasonable time, so the files
are written by PyTorch's SummaryWriter (the same TFRecord event format, the same tag names and
folders as Keras), with training losses 2.0, 1.5, 1.2, 1.0 and validation losses 2.2, 1.9, 1.8, 1.75.

Run: python3 make_keras_layout.py   (torch and tensorboard from PyPI; CPU)
"""
import shutil
from pathlib import Path

from torch.utils.tensorboard import SummaryWriter

HERE = Path(__file__).resolve().parent
shutil.rmtree(HERE / "logs", ignore_errors=True)
for role, losses in [("train", [2.0, 1.5, 1.2, 1.0]), ("validation", [2.2, 1.9, 1.8, 1.75])]:
    writer = SummaryWriter(log_dir=str(HERE / "logs" / role))
    for epoch, loss in enumerate(losses):
        writer.add_scalar("epoch_loss", loss, epoch)
    writer.close()
