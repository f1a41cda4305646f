#!/usr/bin/env python3
"""Hovers and clicks figure markers in headless Chromium (Selenium + chromium-driver).

On every figure page with markers: the pointer over a marker lands on its hover target (so the
browser shows its <title>), and on a run's marker a click opens that run's entry on the runs
page. Exit status 1 with every problem listed.
Usage: python3 Tests/Browser/hover_check.py [site]
"""
import sys
from pathlib import Path

from chromium import browser, finish
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

SITE = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
problems = []
driver = browser("--window-size=1600,1200")
checked = clicked = 0
try:
    for page in sorted(SITE.glob("figure-*.html")):
        driver.get(page.as_uri())
        targets = driver.find_elements(By.CSS_SELECTOR, ".figure-desktop .hover-targets circle")
        for circle in targets[:5] + targets[-5:]:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", circle)
            ActionChains(driver).move_to_element(circle).perform()
            hovered = driver.execute_script("return Array.from(document.querySelectorAll(':hover')).pop()")
            title = driver.execute_script("return arguments[0].querySelector('title').textContent", circle)
            # Markers that overlap (targets of radius 6 closer than 12) show the topmost's title.
            overlap = hovered is not None and hovered.tag_name == "circle" and driver.execute_script(
                "var a = arguments[0], b = arguments[1];"
                "return Math.hypot(a.cx.baseVal.value - b.cx.baseVal.value, a.cy.baseVal.value - b.cy.baseVal.value) < 12"
                " && b.parentNode.closest('.hover-targets') !== null", circle, hovered)
            if hovered != circle and not overlap:
                problems.append(f"{page.name}: the pointer over '{title.splitlines()[0]}' lands on {hovered.tag_name if hovered else None}, not its target")
            checked += 1
        links = driver.find_elements(By.CSS_SELECTOR, ".figure-desktop .hover-targets a")
        # A link whose marker no other marker covers (validation markers of several runs can
        # share a point): the pointer at its centre finds its own circle.
        def uncovered(link):
            circle = link.find_element(By.TAG_NAME, "circle")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", circle)
            return driver.execute_script(
                "var r = arguments[0].getBoundingClientRect();"
                "return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === arguments[0]", circle)
        links = [link for link in links[:40] if uncovered(link)][:1]
        if links:
            link = links[0]
            href = link.get_attribute("href") or driver.execute_script("return arguments[0].getAttribute('xlink:href')", link)
            title = driver.execute_script("return arguments[0].querySelector('title').textContent", link)
            run = title.splitlines()[0].split(": run ")[-1]
            circle = link.find_element(By.TAG_NAME, "circle")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", circle)
            ActionChains(driver).move_to_element(circle).click().perform()
            url = driver.current_url
            anchor = url.split("#")[-1]
            entry = driver.execute_script("var e = document.getElementById(arguments[0]); return e && e.textContent", anchor)
            if not url.split("#")[0].endswith("/runs.html") or not entry or run not in entry:
                problems.append(f"{page.name}: clicking run {run}'s marker opened {url}, not its entry")
            clicked += 1
finally:
    driver.quit()
print(f"hover: {checked} markers hovered, {clicked} run links clicked")
if not checked or not clicked:
    problems.append("nothing to hover or click: the figures have no hover targets or no run links")
finish("hover", problems, "every hovered marker shows its own title (or an overlapping one's); run links open their entries")
