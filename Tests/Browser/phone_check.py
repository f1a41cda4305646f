#!/usr/bin/env python3
"""The site on a phone: headless Chromium 390 CSS pixels wide (an iPhone 14's), as a visitor's.

- index.html: every claim's verdict, computed and paper values lie inside the viewport (no
  sideways scrolling to read them);
- a figure page: the figure is scaled to the width;
- runs.html: the page itself does not scroll sideways (wide tables scroll inside their box);
- explore.html: every input and the answer lie inside the viewport, and the page answers.
Exit status 1 with every problem listed.
Usage: python3 Tests/Browser/phone_check.py [site]
"""
import sys
from pathlib import Path

from chromium import browser, finish
from selenium.webdriver.common.by import By

SITE = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
WIDTH = 390
problems = []
driver = browser()
# The window's inner width, not the outer one, is what the page lays out to.
driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": WIDTH, "height": 844, "deviceScaleFactor": 3, "mobile": True})


def outside(element):
    """How far the element's right edge lies past the viewport, in CSS pixels (0 when inside)."""
    return driver.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return Math.max(0, r.right - document.documentElement.clientWidth)", element)


def page_overflow():
    return driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")


checked = 0
try:
    driver.get((SITE / "index.html").as_uri())
    cells = driver.find_elements(By.CSS_SELECTOR, "table.claims td[data-label]")
    if not cells:
        problems.append("index.html: no claim cells with data-label found")
    for cell in cells:
        label = cell.get_attribute("data-label")
        if label in ("Verdict", "Computed", "Paper") and outside(cell) > 0.5:
            claim = driver.execute_script("return arguments[0].closest('tr').id", cell)
            problems.append(f"index.html: {claim}'s {label} ends {outside(cell):.0f} px past the right edge")
        checked += 1
    if page_overflow() > 0:
        problems.append(f"index.html: the page scrolls sideways by {page_overflow()} px")

    figure_page = sorted(SITE.glob("figure-*.html"))[0]
    driver.get(figure_page.as_uri())
    svg = driver.find_element(By.CSS_SELECTOR, ".inline-figure svg")
    if outside(svg) > 0.5:
        problems.append(f"{figure_page.name}: the figure ends {outside(svg):.0f} px past the right edge")
    if page_overflow() > 0:
        problems.append(f"{figure_page.name}: the page scrolls sideways by {page_overflow()} px")
    checked += 1

    driver.get((SITE / "runs.html").as_uri())
    if page_overflow() > 0:
        problems.append(f"runs.html: the page scrolls sideways by {page_overflow()} px")
    checked += 1

    driver.get((SITE / "explore.html").as_uri())
    for element in driver.find_elements(By.CSS_SELECTOR, "#explorer input:not([type=radio]), #explorer select, #winner"):
        name = element.get_attribute("id") or element.get_attribute("name")
        if outside(element) > 0.5:
            problems.append(f"explore.html: #{name} ends {outside(element):.0f} px past the right edge")
        checked += 1
    if "Needs JavaScript" in driver.find_element(By.ID, "winner").text:
        problems.append("explore.html: the explorer did not answer")
    if page_overflow() > 0:
        problems.append(f"explore.html: the page scrolls sideways by {page_overflow()} px")
finally:
    driver.quit()
finish("phone", problems, f"at {WIDTH} px: {checked} claim cells, inputs and figures inside the viewport, no page scrolls sideways")
