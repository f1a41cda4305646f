#!/usr/bin/env python3
"""Checks the built site/ as a reader's browser sees it (Python standard library + Chromium).

For every page: headless Chromium takes a screenshot and dumps the DOM after the page has
loaded. A page fails when it is blank (almost no text, or a screenshot too small to hold
any), or when an image did not load (site.js writes <html data-figures="loaded/total">).
Then every href and src of every page must resolve to a file in site/.
Usage: python3 .ci/check-site.py [site] [screenshot-folder]
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SITE = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
SHOTS = Path(sys.argv[2] if len(sys.argv) > 2 else tempfile.mkdtemp(prefix="site-shots-"))
SHOTS.mkdir(parents=True, exist_ok=True)
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--allow-file-access-from-files",
         "--virtual-time-budget=10000"]


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.text = [], []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)

    def handle_data(self, data):
        self.text.append(data)


def browser(page, *args):
    return subprocess.run([BROWSER, *FLAGS, *args, page.as_uri()], capture_output=True, text=True, timeout=120)


problems = []
pages = sorted(SITE.glob("*.html"))
if not pages:
    problems.append(f"{SITE}: no pages")
for page in pages:
    name = page.relative_to(SITE)
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    for link in parser.links:
        if re.match(r"^[a-z]+:", link) or link.startswith("#"):
            continue
        target = (page.parent / link.split("#")[0].split("?")[0]).resolve()
        if SITE not in target.parents and target != SITE:
            problems.append(f"{name}: link leaves the site: {link}")
        elif not target.is_file():
            problems.append(f"{name}: broken link: {link}")
    if BROWSER is None:
        continue
    shot = SHOTS / (page.stem + ".png")
    browser(page, "--window-size=1280,900", f"--screenshot={shot}")
    dom = browser(page, "--dump-dom").stdout
    visible = re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style)[^>]*>.*?</\1>", " ", dom))
    words = len(visible.split())
    size = shot.stat().st_size if shot.exists() else 0
    loaded = re.search(r'data-figures="(\d+)/(\d+)"', dom)
    if words < 50 or size < 20000:
        problems.append(f"{name}: looks blank ({words} words, screenshot {size} bytes)")
    if loaded is None:
        problems.append(f"{name}: the page did not finish loading (no data-figures mark)")
    elif loaded.group(1) != loaded.group(2):
        problems.append(f"{name}: only {loaded.group(1)} of {loaded.group(2)} images loaded")
    print(f"{name}: {words} words, {loaded.group(0) if loaded else 'no load mark'}, screenshot {shot} ({size} bytes)")

if BROWSER is None:
    problems.append("no Chromium found: install Debian's chromium to check the pages in a browser")
for problem in problems:
    print("problem:", problem)
print(f"{len(pages) - len({p.split(':')[0] for p in problems})} passed, {len({p.split(':')[0] for p in problems})} failed")
sys.exit(1 if problems else 0)
