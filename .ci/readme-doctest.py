#!/usr/bin/env python3
"""Runs the README's runnable blocks, so its examples cannot drift from the tool.

A block runs when its info string is `sh runnable`. The blocks run in order, each in its own
bash with -e and pipefail, in a scratch copy of the repository's tracked files (nothing they
write reaches the checkout) with HOME set to a scratch folder. `swift run report ARGS` runs the
`report` binary already built (--report), so the package is not built a second time; any other
`swift` command is the real one. A line `# expect: TEXT` in a block requires TEXT in what the
block printed (standard output and error together). Exit 1 names the first block that failed.

usage: readme-doctest.py [--readme README.md] --report .build/debug/report
"""
import argparse
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def runnable_blocks(text):
    """(line number, source) of every ```sh runnable block."""
    blocks, lines, i = [], text.split("\n"), 0
    while i < len(lines):
        if re.match(r"^```sh\s+runnable\s*$", lines[i]):
            start, body = i + 1, []
            i += 1
            while i < len(lines) and not lines[i].startswith("```"):
                body.append(lines[i])
                i += 1
            blocks.append((start, "\n".join(body)))
        i += 1
    return blocks


def scratch_copy(destination):
    """The tracked files of the repository, as a fresh clone would have them."""
    files = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout.split(b"\0")
    for name in filter(None, files):
        source = ROOT / os.fsdecode(name)
        if not source.is_file():
            continue  # deleted in the work tree
        target = destination / os.fsdecode(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readme", default=str(ROOT / "README.md"))
    parser.add_argument("--report", required=True, help="the built report binary")
    args = parser.parse_args()
    report = pathlib.Path(args.report).resolve()
    if not report.is_file():
        sys.exit(f"readme-doctest: {report}: no report binary; run `swift build` first")
    blocks = runnable_blocks(pathlib.Path(args.readme).read_text(encoding="utf-8"))
    if not blocks:
        sys.exit("readme-doctest: the README has no ```sh runnable block")

    with tempfile.TemporaryDirectory(prefix="readme-doctest-") as scratch:
        scratch = pathlib.Path(scratch)
        work, home, shims = scratch / "repo", scratch / "home", scratch / "bin"
        for folder in (work, home, shims):
            folder.mkdir()
        scratch_copy(work)
        real_swift = shutil.which("swift") or "swift"
        (shims / "swift").write_text(
            "#!/usr/bin/env bash\n"
            f'if [ "$1" = run ] && [ "$2" = report ]; then shift 2; exec "{report}" "$@"; fi\n'
            f'exec "{real_swift}" "$@"\n')
        (shims / "swift").chmod(0o755)
        environment = dict(os.environ, HOME=str(home), PATH=f"{shims}:{os.environ['PATH']}")

        for number, (line, source) in enumerate(blocks, 1):
            first = next((l for l in source.split("\n") if l.strip() and not l.startswith("#")), "")
            print(f"== block {number} (README line {line}): {first}", flush=True)
            done = subprocess.run(["bash", "-e", "-o", "pipefail", "-c", source], cwd=work, env=environment,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            output = done.stdout
            failure = None
            if done.returncode != 0:
                failure = f"exited {done.returncode}"
            else:
                for expected in re.findall(r"^# expect: (.+)$", source, flags=re.M):
                    if expected.strip() not in output:
                        failure = f"printed no '{expected.strip()}'"
                        break
            if failure:
                print(output[-4000:])
                sys.exit(f"readme-doctest: the README's block at line {line} ({first}) {failure}")
            print(f"   ok ({len(output.splitlines())} lines of output)")
    print(f"readme-doctest: all {len(blocks)} runnable blocks of the README ran")


if __name__ == "__main__":
    main()
