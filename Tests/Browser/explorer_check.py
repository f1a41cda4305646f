#!/usr/bin/env python3
"""Drives site/explore.html in headless Chromium (Selenium + Debian's chromium-driver) and
requires the answer `report recommend --json` gives, over a grid of inputs.

Every grid point is opened from file:// with its inputs in the URL fragment; the page's
<output id="winner" data-…> must name the same winner (label, n_head, n_kv_head) and the same
savings to 1e-6 relative, or be empty where recommend finds no winner or no baseline. Then:
a fresh load of a shared link gives the same answer; the form works from the keyboard alone
and writes its inputs to the fragment; invalid inputs say what is wrong; every control has a
label. Exit status 1 with every mismatch listed.

Usage: python3 Tests/Browser/explorer_check.py [--site site] [--report .build/debug/report]
           [--root DIR] [--screenshot PNG]
--root is the project `report recommend` reads (default: this folder); --screenshot saves a
shared link's answer (the README's picture of the page).
"""
import argparse
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

from chromium import browser, finish
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

arguments = argparse.ArgumentParser(description="The explorer page against report recommend, in headless Chromium.")
arguments.add_argument("--site", default="site")
arguments.add_argument("--report", default=".build/debug/report")
arguments.add_argument("--root", default=".")
arguments.add_argument("--screenshot")
ARGS = arguments.parse_args()
SITE = Path(ARGS.site).resolve()
REPORT = ARGS.report
SCREENSHOT = ARGS.screenshot
PAGE = (SITE / "explore.html").as_uri()
DATA = json.loads((SITE / "downloads" / "explorer.json").read_text())
OBJECTIVES = ["memory", "flops", "z"]

problems = []


def recommend(point):
    """`report recommend --json` for one grid point (the oracle)."""
    out = subprocess.run(
        [REPORT, "recommend", "--root", ARGS.root, "--context", str(point["context"]), "--target-loss", repr(point["loss"]),
         "--objective", point["objective"], "--lambda", repr(point["lambda"]), "--curves", point["source"], "--json"],
        capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def grid():
    """Contexts from the page's ends (1K, 1M) and between; losses below every curve's E
    (unreachable), between the curves' E (some reachable), and above them all."""
    points = []
    for source in DATA["sources"]:
        floors = sorted(c["E"] for c in source["curves"])
        losses = [floors[0] - 0.05, (floors[0] + floors[-1]) / 2, floors[-1] + 0.01, floors[-1] + 0.2, floors[-1] + 0.8]
        if source["id"] == DATA["defaults"]["source"]:
            losses.append(DATA["defaults"]["loss"])
        contexts = [1024, 1025, 8192, 65536, 131072, 524288, 1048576] if source["id"] == DATA["defaults"]["source"] else [1024, 32768, 131072, 1048576]
        for i, (context, loss) in enumerate((c, l) for c in contexts for l in losses):
            objective = OBJECTIVES[i % 3]
            lam = [0.9, 0.5, 0.1, 1.0, 0.0][i % 5]
            points.append({"context": context, "loss": round(loss, 6), "objective": objective, "lambda": lam, "source": source["id"]})
    return points


def answer(driver):
    out = driver.find_element(By.ID, "winner")
    keys = ["state", "answer", "label", "n-head", "n-kv-head"] + [f"savings-{o}" for o in OBJECTIVES] \
        + [f"savings-{end}-{o}" for end in ("lower", "upper") for o in OBJECTIVES]
    return {key: out.get_attribute("data-" + key) for key in keys}


def number_text(x):
    return "" if x is None else repr(float(x))


def compare(point, page, oracle):
    where = "#" + urlencode(point)
    winner = oracle.get("winner")
    if winner is None:
        if page["state"] != "unreachable" or page["n-head"] or page["label"]:
            problems.append(f"{where}: recommend finds no winner, the page says {page}")
        return
    if page["label"] != winner["label"]:
        problems.append(f"{where}: winner {page['label']!r}, recommend {winner['label']!r}")
    for key, field in (("n-head", "n_head"), ("n-kv-head", "n_kv_head")):
        if page[key] == "" or float(page[key]) != float(winner[field]):
            problems.append(f"{where}: data-{key} = {page[key]!r}, recommend {winner[field]}")
    if page["answer"] != oracle["answer"]:
        problems.append(f"{where}: the page answers {page['answer']!r}, recommend {oracle['answer']!r}")
    savings = oracle.get("savingsPercent", {})
    intervals = oracle.get("savingsInterval", {})
    for objective in OBJECTIVES:
        wanted = [(f"savings-{objective}", savings.get(objective))] + [
            (f"savings-{end}-{objective}", intervals[objective][i] if objective in intervals else None)
            for i, end in enumerate(("lower", "upper"))]
        for key, want in wanted:
            got = page[key]
            if want is None:
                if got != "":
                    problems.append(f"{where}: {key} {got}, recommend has none")
            elif got == "" or abs(float(got) - want) > 1e-6 * max(abs(want), 1e-9):
                problems.append(f"{where}: {key} {got!r}, recommend {want!r}")


def main():
    driver = browser("--allow-file-access-from-files", "--window-size=1100,1500", "--hide-scrollbars")
    try:
        points = grid()
        outcomes = {"answered": 0, "unreachable": 0}
        for index, point in enumerate(points):
            oracle = recommend(point)
            url = PAGE + "#" + urlencode(point)
            # Every 7th point a fresh load (a shared link); the rest change the fragment of the open page.
            if index % 7 == 0:
                driver.get("about:blank")
            driver.get(url)
            page = answer(driver)
            outcomes[page["state"]] = outcomes.get(page["state"], 0) + 1
            compare(point, page, oracle)
        print(f"explorer: {len(points)} grid points over {len(DATA['sources'])} sources: {outcomes}")
        if len(points) < 50:
            problems.append(f"the grid has {len(points)} points, fewer than 50")
        if not outcomes.get("unreachable"):
            problems.append("no grid point was unreachable: the grid does not test that case")

        # Keyboard only: Tab to the context field, type, Tab on to the loss; the fragment follows.
        driver.get("about:blank")
        driver.get(PAGE)
        body = driver.find_element(By.TAG_NAME, "body")
        body.send_keys(Keys.TAB)
        for _ in range(40):
            if driver.switch_to.active_element.get_attribute("id") == "context":
                break
            driver.switch_to.active_element.send_keys(Keys.TAB)
        else:
            problems.append("keyboard: Tab never reached the context field")
        active = driver.switch_to.active_element
        active.send_keys(Keys.CONTROL, "a")
        active.send_keys("65536", Keys.TAB)
        loss_field = driver.switch_to.active_element
        if loss_field.get_attribute("id") != "loss":
            problems.append(f"keyboard: Tab after the context went to {loss_field.get_attribute('id')!r}, not the loss")
        target = round(DATA["sources"][0]["curves"][0]["E"] + 0.4, 3)
        loss_field.send_keys(Keys.CONTROL, "a")
        loss_field.send_keys(str(target))
        typed = answer(driver)
        fragment = driver.execute_script("return location.hash")
        if f"context=65536" not in fragment or f"loss={target}" not in fragment:
            problems.append(f"keyboard: the fragment did not follow the form: {fragment}")
        shared = driver.current_url
        driver.get("about:blank")
        driver.get(shared)
        if answer(driver) != typed:
            problems.append(f"the shared link {shared} reopened {answer(driver)}, not {typed}")
        point = dict(context=65536, loss=target, objective=DATA["defaults"]["objective"], **{"lambda": DATA["defaults"]["lambda"]},
                     source=DATA["defaults"]["source"])
        compare(point, typed, recommend(point))

        # Invalid inputs: no answer, and a message naming the input.
        driver.get(PAGE + "#context=100&loss=-1&objective=speed&lambda=2&source=" + DATA["defaults"]["source"])
        page = answer(driver)
        message = driver.find_element(By.ID, "problem").text
        if page["state"] != "invalid" or page["n-head"] or not all(word in message for word in ("context", "loss", "λ", "objective")):
            problems.append(f"invalid inputs: state {page['state']!r}, message {message!r}")

        if SCREENSHOT:
            driver.get("about:blank")
            driver.get(PAGE + "#context=65536&loss=2.7&objective=z&lambda=0.9&source=digitized")
            driver.save_screenshot(SCREENSHOT)

        unlabelled = driver.execute_script(
            "return Array.from(document.querySelectorAll('#explorer input, #explorer select'))"
            ".filter(function (e) { return e.labels.length === 0; }).map(function (e) { return e.name; })")
        if unlabelled:
            problems.append(f"controls without a label: {unlabelled}")
    finally:
        driver.quit()
    finish("explorer", problems, "every grid point answers as report recommend does; link, keyboard, invalid inputs and labels checked")


main()
