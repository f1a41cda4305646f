#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz targets added for the readers of users' files, from real
files: the corpus in ../shared/real-formats (origins in its SOURCES.md; a head of each file, cut
at a line end, at most 4 KiB, so the seeds stay small) and this repository's own fixtures, which
real trainers wrote (their make_*.py beside them). The tree targets get whole folders in
FuzzTree's record format (Sources/GQAReport/Ingest/FuzzTree.swift). Run from the repository root:

    python3 Tests/GQAReportTests/Fixtures/fuzz-corpus/make_seeds.py [path/to/real-formats]

Seeds of the six older targets (stdout, tfevents, jsonl, wandb, wandb-csv, lm-eval) and every
crash input found are kept as they are; this script only adds files.
"""
import hashlib
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
real = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../../../../shared/real-formats")
fixtures = os.path.join(here, "..")
repo = os.path.join(here, "../../../..")


def head(path, limit=4096):
    data = open(path, "rb").read()
    if len(data) <= limit:
        return data
    cut = data.rfind(b"\n", 0, limit)
    return data[: cut + 1 if cut > 0 else limit]


def seed(target, data):
    folder = os.path.join(here, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as out:
        out.write(data)


def tree(folder, limit=2048, skip=()):
    """A folder as FuzzTree records: each file's head (binary files too), links as links."""
    records = []
    for base, dirs, files in sorted(os.walk(folder)):
        dirs.sort()
        rel = os.path.relpath(base, folder)
        if rel != ".":
            records.append(b"--- d " + rel.encode())
        for name in sorted(files):
            if any(part in name for part in skip):
                continue
            path = os.path.join(base, name)
            shown = os.path.normpath(os.path.join(rel, name)).encode()
            if os.path.islink(path):
                records.append(b"--- l " + shown + b" -> " + os.readlink(path).encode())
            else:
                records.append(b"--- f " + shown + b"\n" + head(path, limit))
    return b"\n".join(records)


R = lambda *p: os.path.join(real, *p)
F = lambda *p: os.path.join(fixtures, *p)

for path in [R("hf-trainer/serial-lain-ai_gpt2-medium-ja_trainer_state.json"),
             R("hf-trainer/tinyllama-1.1b-dpo_all_results.json")]:
    seed("trainer-state", head(path))
for name in sorted(os.listdir(F("hf-trainer/sweep")))[:2]:
    path = F("hf-trainer/sweep", name, "trainer_state.json")
    if os.path.exists(path):
        seed("trainer-state", head(path))

for name in sorted(os.listdir(R("llamafactory"))):
    seed("trainer-log-jsonl", head(R("llamafactory", name), 2048))

for run in sorted(os.listdir(R("lightning"))):
    seed("lightning-csv", head(R("lightning", run, "metrics.csv")))
    seed("hparams-yaml", head(R("lightning", run, "hparams.yaml")))
for version in ["version_0", "version_1"]:
    seed("lightning-csv", head(F("lightning/logs/lightning_logs", version, "metrics.csv"), 2048))
    seed("hparams-yaml", head(F("lightning/logs/lightning_logs", version, "hparams.yaml")))

mlrun = R("mlflow/deepcnnclassifier_mlruns/0/cb0096518b0e4c66a94428555f05420b")
for name in ["loss", "accuracy"]:
    seed("mlflow-metric", head(os.path.join(mlrun, "metrics", name)))
seed("mlflow-run", tree(R("mlflow/deepcnnclassifier_mlruns")))

seed("megatron", head(R("stdout/megatron-lm_llama3-1b-fineweb_rank3_stdout.log")))

for name in sorted(os.listdir(R("stdout"))):
    if not name.startswith("megatron"):
        seed("text-logs", head(R("stdout", name), 3072))
seed("text-logs", head(F("hf-console/console.txt"), 3072))
seed("text-logs", head(R("wandb/jackokeefe11-nanoGPT/run-20240214_191025-bn1klkfl/files/output.log"), 3072))

examples = os.path.join(repo, "Results/runs/tinygqa-sweep/results/tinygqa")
for run in sorted(os.listdir(examples))[:2]:
    for name in ["args.json", "model_config.json"]:
        path = os.path.join(examples, run, name)
        if os.path.exists(path):
            seed("authors-config", head(path))

for name in sorted(os.listdir(R("hf-configs"))):
    seed("hf-config", head(R("hf-configs", name)))
for family in sorted(os.listdir(F("hf-configs/families")))[:4]:
    path = F("hf-configs/families", family)
    if os.path.isfile(path):
        seed("hf-config", head(path))
    elif os.path.exists(os.path.join(path, "config.json")):
        seed("hf-config", head(os.path.join(path, "config.json")))

for path in [R("wandb/jackokeefe11-nanoGPT/run-20240214_191025-bn1klkfl/files/config.yaml"),
             R("wandb/yerinNam-military-SLLM/run-20240804_231327-uojy8xhg/files/config.yaml"),
             F("wandb/tree/with-args/wandb/offline-run-20261130_095722-cne9ojxt/files/config.yaml")]:
    seed("wandb-config", head(path))

# The runs table is this project's own format: its README example, and one with every column.
seed("runs-table", b"run,layers,hidden_size,heads,kv_heads,ffn_size,vocab_size,tied,context,tokens\n"
                   b"lightning_logs/version_*,4,256,8,2,683,50304,false,8192,1200000000\n")
seed("runs-table", b"run,layers,hidden_size,heads,kv_heads,vocab_size,ffn_size,tied,context,tokens,head_size\n"
                   b"llama-*,2,32,4,1,256,,true,,,8\nqwen?,1,16,4,2,256,42,no,512,30720,\n")

seed("claims", open(os.path.join(repo, "Results/claims.xml"), "rb").read())

wandb_runs = [F("wandb/tree/wandb-only"), F("wandb/tree/with-args"), F("hf-console/wandb"),
              R("wandb/jackokeefe11-nanoGPT"), R("wandb/1BIMU-UASFT")]
for folder in wandb_runs:
    if os.path.isdir(folder):
        seed("wandb-run-folder", tree(folder, 3072, skip=("debug",)))

seed("discovery-tree", tree(os.path.join(repo, "Results/runs/tinygqa-sweep"), 1024, skip=(".out",)))
seed("discovery-tree", tree(F("lightning/logs"), 1024))
seed("discovery-tree", tree(F("hf-trainer/sweep/llama-L1-d16-h4-kv1"), 1024, skip=(".safetensors",)))
# Links: one into the tree, one out of it, one to itself, one to a device.
seed("discovery-tree", b"--- f run/args.json\n{}\n--- l run/model_config.json -> ../other/model_config.json\n"
                       b"--- l up -> ..\n--- l root -> /\n--- l loop -> loop\n--- l run/stdout.log -> /dev/zero\n"
                       b"--- f other/model_config.json\n{\"n_layer\": 2}\n")
