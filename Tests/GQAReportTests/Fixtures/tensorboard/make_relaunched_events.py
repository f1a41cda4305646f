#!/usr/bin/env python3
"""Writes the relaunched event files of SweepRuleTests with tensorboardX's SummaryWriter
(pip install tensorboardX; the same writer API as torch.utils.tensorboard), as a training
notebook or script writes them when a launch is restarted. Losses are synthetic test data.

- relaunched/one-writer/      one SummaryWriter kept across four launches (a notebook that
                              re-runs its training cell): steps 0-25, 0-15, 0-6, then 5000-5499
                              in one file, so the step goes back three times;
- relaunched/writer-per-launch/  a new SummaryWriter for each of two launches into one logdir
                              (a script restarted): 0-40, then 20-60 with other losses, each
                              launch its own file.
Run from this folder: python3 make_relaunched_events.py
"""
import shutil
import time
from pathlib import Path

from tensorboardX import SummaryWriter

HERE = Path(__file__).resolve().parent / "relaunched"


def loss(step, launch):
    # Each launch starts from a fresh initialisation: its losses differ from the last one's.
    return round(8.0 - 0.01 * (step % 1000) - 0.05 * launch, 4)


def main():
    shutil.rmtree(HERE, ignore_errors=True)
    one = SummaryWriter(logdir=str(HERE / "one-writer"))
    for launch, steps in enumerate([range(0, 26), range(0, 16), range(0, 7), range(5000, 5500)]):
        for step in steps:
            one.add_scalar("train/loss", loss(step, launch), step)
    one.close()
    for launch, steps in enumerate([range(0, 41), range(20, 61)]):
        writer = SummaryWriter(logdir=str(HERE / "writer-per-launch"))
        for step in steps:
            writer.add_scalar("train/loss", loss(step, launch), step)
        writer.close()
        time.sleep(1.1)  # event file names carry the second they were opened


if __name__ == "__main__":
    main()
