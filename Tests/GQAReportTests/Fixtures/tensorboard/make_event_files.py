#!/usr/bin/env python3
"""Writes the TensorBoard event files of TensorBoardTests with TensorBoard's own writer
(the `tensorboard` package from PyPI: pip install tensorboard).

- simple/     a run logged the way the authors' trainer logs through Accelerate
              (scalars as simple_value), with the stdout log of the same numbers;
- tensors/    the same scalars stored as one-element float tensors (float_val and
              tensor_content), as tf.summary writes them;
- split/      a run whose scalars are split over two event files (a resumed run).
Losses are synthetic test data. Run from this folder: python3 make_event_files.py
"""
import os
import shutil
import struct
from pathlib import Path

from tensorboard.compat.proto.event_pb2 import Event
from tensorboard.compat.proto.summary_pb2 import Summary
from tensorboard.compat.proto.tensor_pb2 import TensorProto
from tensorboard.compat.proto import types_pb2
from tensorboard.summary.writer.event_file_writer import EventFileWriter

HERE = Path(__file__).resolve().parent
STEPS = 12
TOKENS_PER_STEP = 524288


def loss(step):
    return round(6.0 - 0.25 * step + 0.01 * (step % 3), 4)


def write(folder, name, events):
    folder.mkdir(parents=True, exist_ok=True)
    writer = EventFileWriter(str(folder), filename_suffix="")
    for event in events:
        writer.add_event(event)
    writer.close()
    # The writer names files after the time and host; give them stable names.
    written = sorted(p for p in folder.iterdir() if p.name.startswith("events.out.tfevents") and p.name != name)
    written[-1].rename(folder / name)


def scalar(tag, value, step, kind="simple"):
    if kind == "simple":
        v = Summary.Value(tag=tag, simple_value=value)
    elif kind == "float_val":
        v = Summary.Value(tag=tag, tensor=TensorProto(dtype=types_pb2.DT_FLOAT, float_val=[value]))
    else:
        v = Summary.Value(tag=tag, tensor=TensorProto(dtype=types_pb2.DT_FLOAT, tensor_content=struct.pack("<f", value)))
    return Event(step=step, wall_time=1700000000.0 + step, summary=Summary(value=[v]))


def events(steps, kind="simple"):
    out = []
    for step in steps:
        out.append(scalar("train/loss", loss(step), step, kind))
        out.append(scalar("train/learning_rate", 0.001, step, kind))
        out.append(scalar("train/n_input_tokens_seen", float(step * TOKENS_PER_STEP), step, kind))
    return out


for sub in ["simple", "tensors", "split"]:
    shutil.rmtree(HERE / sub, ignore_errors=True)

write(HERE / "simple", "events.out.tfevents.1700000000.host.1.0", events(range(1, STEPS + 1)))
with open(HERE / "simple" / "stdout.log", "w") as log:
    for step in range(1, STEPS + 1):
        log.write(f"[{step}/{STEPS}] loss {loss(step):.4f} | lr 1.000e-03 | tokens {step * TOKENS_PER_STEP:,}\n")

write(HERE / "tensors", "events.out.tfevents.1700000000.host.1.0",
      events(range(1, 7), "float_val") + events(range(7, STEPS + 1), "tensor_content"))

write(HERE / "split", "events.out.tfevents.1700000000.host.1.0", events(range(1, 8)))
write(HERE / "split", "events.out.tfevents.1700000500.host.2.0", events(range(6, STEPS + 1)))
