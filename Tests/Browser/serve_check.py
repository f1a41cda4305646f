#!/usr/bin/env python3
"""`report serve --watch` as a user meets it, in headless Chromium (Selenium + chromium-driver).

In a throw-away project holding one run of the repository's example sweep, whose trainer log
is cut at step 250 as if the run were still going:
1. the server starts on a free port (--port 0) and says which;
2. the rest of the log is appended, as the trainer would: the open runs page reloads itself
   and shows the new final loss within a few seconds, without anyone pressing reload;
3. a broken model_config.json makes that run unreadable, not the build: the page reloads and
   lists the run as unreadable, naming the file; once mended, its final loss is back;
4. a broken template fails the rebuild: the page keeps the last good site and shows the error
   naming the file; once mended, the banner goes and the page is current again;
5. a second server on the same port fails with a clear error; SIGINT and SIGTERM stop a
   server cleanly (exit status 0, "stopped").
Usage: python3 Tests/Browser/serve_check.py [report-binary]
"""
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from chromium import browser, finish
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By

REPO = Path(__file__).resolve().parents[2]
REPORT = str(Path(sys.argv[1] if len(sys.argv) > 1 else ".build/debug/report").resolve())
SWEEP = REPO / "Results/runs/tinygqa-sweep"
RUN = "tiny_gpt-2-128-h4-kv1_1.2m_256_"
problems = []


def make_project(root):
    shutil.copytree(REPO / "Templates", root / "Templates")
    shutil.copytree(REPO / "Results/schemas", root / "Results/schemas")
    run = root / "Results/runs" / RUN
    run.mkdir(parents=True)
    for name in ("args.json", "model_config.json", "EXAMPLE.txt"):
        shutil.copy(SWEEP / "results/tinygqa" / RUN / name, run / name)
    lines = (SWEEP / "logs" / f"{RUN}.out").read_text().splitlines(keepends=True)
    cut = next(i for i, line in enumerate(lines) if line.startswith("[250/"))
    (run / "stdout.log").write_text("".join(lines[:cut + 1]))
    return run, lines[cut + 1:]


def start(root, *arguments):
    process = subprocess.Popen([REPORT, "serve", "--root", str(root), *arguments],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen = []
    deadline = time.time() + 120
    while time.time() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        seen.append(line)
        match = re.search(r"at http://127\.0\.0\.1:(\d+)/", line)
        if match:
            return process, int(match.group(1)), seen
    process.kill()
    raise SystemExit("serve: the server did not say where it listens:\n" + "".join(seen))


def final_loss(driver):
    cells = driver.find_elements(By.XPATH, f"//tr[th/a[normalize-space(text())='{RUN}']]/td")
    return cells[6].text if len(cells) > 6 else None


def wait_for(condition, seconds):
    started = time.time()
    while time.time() - started < seconds:
        try:
            value = condition()
        except StaleElementReferenceException:
            # The page live-reloaded between finding an element and reading it: not yet.
            value = None
        if value:
            return value, time.time() - started
        time.sleep(0.2)
    return None, seconds


def stop(process, number, name):
    process.send_signal(number)
    try:
        code = process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        problems.append(f"{name}: the server did not stop within 10 s")
        return
    rest = process.stderr.read()
    if code != 0 or "stopped" not in rest:
        problems.append(f"{name}: exit status {code}, output {rest!r}")


def main():
    root = Path(tempfile.mkdtemp(prefix="gqa-serve-"))
    run, remaining = make_project(root)
    server, port, _ = start(root, "--watch", "--port", "0")
    driver = browser()
    try:
        driver.get(f"http://127.0.0.1:{port}/runs.html")
        before = final_loss(driver)
        if not before:
            problems.append(f"the runs page has no final loss for {RUN}")
        # Mark the loaded document: a reload replaces it, so the mark disappears.
        driver.execute_script("window.reportServeMark = true")

        with (run / "stdout.log").open("a") as log:
            log.write("".join(remaining))
        after, seconds = wait_for(lambda: (not driver.execute_script("return window.reportServeMark === true")
                                           and final_loss(driver) not in (None, before)) and final_loss(driver), 15)
        if after is None:
            problems.append(f"the page did not show a new final loss within 15 s (still {final_loss(driver)})")
        else:
            print(f"serve: final loss {before} -> {after} on the open page {seconds:.1f} s after the log grew")
            table = (root / "Results/tables/runs.xml").read_text()
            value = re.search(r'<finalLoss value="([0-9.]+)"', table).group(1)
            if abs(float(after) - float(value)) > 5e-5:
                problems.append(f"the page's final loss {after} is not runs.xml's {value}")

        # One run's broken configuration: that run is unreadable, the build goes on.
        config = run / "model_config.json"
        good = config.read_text()
        config.write_text("{ broken")
        listed, seconds = wait_for(lambda: "unreadable" in driver.find_element(By.TAG_NAME, "body").text
                                   and "model_config.json" in driver.find_element(By.TAG_NAME, "body").text, 15)
        if not listed:
            problems.append("a run with a broken model_config.json was not listed as unreadable, naming the file")
        else:
            print(f"serve: the run with a broken model_config.json listed as unreadable after {seconds:.1f} s")
        config.write_text(good)
        back, seconds = wait_for(lambda: final_loss(driver) == after, 15)
        if not back:
            problems.append(f"the run's final loss did not come back once its model_config.json was mended: {final_loss(driver)}")

        # A broken template fails the whole rebuild: banner, last good site kept.
        template = root / "Templates/runs.html.mustache"
        good = template.read_text()
        template.write_text(good + "{{#unclosed}}")
        banner, seconds = wait_for(lambda: driver.find_elements(By.ID, "report-serve-error") and
                                   driver.find_element(By.ID, "report-serve-error").text, 15)
        if not banner or "runs.html.mustache" not in banner:
            problems.append(f"a failed rebuild did not show its error on the page: {banner!r}")
        else:
            print(f"serve: the failed rebuild's error on the page after {seconds:.1f} s; the last good page stays: {final_loss(driver)}")
        if final_loss(driver) != after:
            problems.append("the page lost the last good site after a failed rebuild")
        template.write_text(good)
        gone, seconds = wait_for(lambda: not driver.find_elements(By.ID, "report-serve-error"), 15)
        if not gone:
            problems.append("the error banner stayed after the input was mended")

        status = json.loads(driver.execute_script(
            "var r = new XMLHttpRequest(); r.open('GET', '/__report/status', false); r.send(); return r.responseText"))
        if status.get("error") is not None or status.get("build", 0) < 3:
            problems.append(f"status after mending: {status}")
    finally:
        driver.quit()

    taken = subprocess.run([REPORT, "serve", "--root", str(root), "--port", str(port)], capture_output=True, text=True, timeout=60)
    if taken.returncode != 1 or "taken" not in taken.stderr:
        problems.append(f"a second server on port {port}: exit {taken.returncode}, {taken.stderr!r}")
    stop(server, signal.SIGINT, "SIGINT")
    plain, _, _ = start(root, "--port", "0")
    stop(plain, signal.SIGTERM, "SIGTERM")
    shutil.rmtree(root, ignore_errors=True)

    finish("serve", problems, "reload on change, error banner and recovery, taken port, SIGINT and SIGTERM checked")


main()
