"""Writes MANIFEST.json for a sweep's output folder: the command that produced it, and every
file with its SHA-256 and size, so a reader can check that the committed logs are the ones the
command wrote (report's tests check the manifest against the files).

    python3 -m tinygqa.manifest FOLDER --command "python3 -m tinygqa.sweep --output_dir ..."
"""
import argparse
import hashlib
import json
from pathlib import Path

NAME = "MANIFEST.json"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("folder")
    p.add_argument("--command", required=True, help="the command that wrote the folder")
    p.add_argument("--note", default="", help="what else a reader should know (the machine, the wall time)")
    options = p.parse_args(argv)
    folder = Path(options.folder)
    files = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != NAME:
            data = path.read_bytes()
            files[path.relative_to(folder).as_posix()] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    manifest = {"command": options.command, "note": options.note, "files": files}
    (folder / NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    print(f"{folder / NAME}: {len(files)} files")


if __name__ == "__main__":
    main()
