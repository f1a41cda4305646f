#!/usr/bin/env python3
"""The site on a phone: headless Chromium 390 CSS pixels wide (an iPhone 14's), as a visitor's.

- index.html: every claim's verdict, computed and paper values lie inside the viewport (no
  sideways scrolling to read them), and every claim's verdict at a glance lies in the first
  screen (390 x 844), before any scrolling;
- every figure, on the index and on its own page: the phone drawing is the one shown, it fits
  the width, and its text is legible: the median height of its glyphs on screen is at least
  MIN_GLYPH_PX (a desktop drawing shrunk to a phone shows 2-4 px);
- runs.html, methods.html and the guides: the page itself does not scroll sideways (wide
  tables and code scroll inside their box);
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
MIN_GLYPH_PX = 6
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


# Cairo draws text as <use> of glyph outlines; each one's box is a glyph's ink.
GLYPH_HEIGHTS = """
var root = arguments[0], onScreen = arguments[1], heights = [];
root.querySelectorAll('use').forEach(function (u) {
  var ref = u.getAttribute('xlink:href') || u.getAttribute('href') || '';
  if (ref.indexOf('glyph') < 0) return;
  var h = onScreen ? u.getBoundingClientRect().height : u.getBBox().height;
  if (h > 0) heights.push(h);
});
return heights;
"""


def median(values):
    values = sorted(values)
    return values[len(values) // 2] if values else 0


def inline_glyph_px(svg):
    """The median glyph height of an inline SVG as shown, in CSS px."""
    return median(driver.execute_script(GLYPH_HEIGHTS, svg, True))


def image_glyph_px(image):
    """The median glyph height of an <img>'s SVG as shown: its glyphs' height in the SVG's own
    units (read from the file the browser chose), times the image's scale on screen."""
    source, shown = image.get_attribute("currentSrc"), image.rect["width"]
    here = driver.current_url
    driver.get(source)
    root = driver.find_element(By.CSS_SELECTOR, "svg")
    view_width = driver.execute_script("return arguments[0].viewBox.baseVal.width", root)
    units = median(driver.execute_script(GLYPH_HEIGHTS, root, False))
    driver.get(here)
    return source.rsplit("/", 1)[-1], units * shown / view_width if view_width else 0


checked = 0
figure_names = []
try:
    driver.get((SITE / "index.html").as_uri())
    # The index answers first: each claim's verdict in the glance list, inside the first screen.
    glance = driver.find_elements(By.CSS_SELECTOR, "ul.glance li .verdict")
    claims = driver.find_elements(By.CSS_SELECTOR, "table.claims tr[id^=claim-]")
    if len(glance) != len(claims) or not glance:
        problems.append(f"index.html: {len(glance)} verdicts at a glance for {len(claims)} claims")
    screen = driver.execute_script("return window.innerHeight")
    for verdict in glance:
        bottom = driver.execute_script("return arguments[0].getBoundingClientRect().bottom", verdict)
        if bottom > screen or outside(verdict) > 0.5:
            claim = driver.execute_script("return arguments[0].closest('li').querySelector('strong').textContent", verdict)
            problems.append(f"index.html: {claim}'s verdict at a glance ends at y = {bottom:.0f}, below the first screen ({screen} px)")
        checked += 1
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

    images = driver.find_elements(By.CSS_SELECTOR, "figure picture img")
    if not images:
        problems.append("index.html: no figure found")
    for index in range(len(images)):
        image = driver.find_elements(By.CSS_SELECTOR, "figure picture img")[index]
        name, glyph = image_glyph_px(image)
        if not name.endswith("-phone.svg"):
            problems.append(f"index.html: shows {name}, not a phone drawing")
        if glyph < MIN_GLYPH_PX:
            problems.append(f"index.html: {name}'s text is {glyph:.1f} px high (median glyph), under {MIN_GLYPH_PX}")
        figure_names.append(f"index {name} {glyph:.1f} px")
        checked += 1

    for figure_page in sorted(SITE.glob("figure-*.html")):
        driver.get(figure_page.as_uri())
        shown = [svg for svg in driver.find_elements(By.CSS_SELECTOR, ".inline-figure svg") if svg.is_displayed()]
        if len(shown) != 1 or "figure-phone" not in shown[0].find_element(By.XPATH, "..").get_attribute("class"):
            problems.append(f"{figure_page.name}: {len(shown)} figure(s) shown, not the phone drawing alone")
            continue
        svg = shown[0]
        if outside(svg) > 0.5:
            problems.append(f"{figure_page.name}: the figure ends {outside(svg):.0f} px past the right edge")
        glyph = inline_glyph_px(svg)
        if glyph < MIN_GLYPH_PX:
            problems.append(f"{figure_page.name}: the figure's text is {glyph:.1f} px high (median glyph), under {MIN_GLYPH_PX}")
        figure_names.append(f"{figure_page.stem} {glyph:.1f} px")
        if page_overflow() > 0:
            problems.append(f"{figure_page.name}: the page scrolls sideways by {page_overflow()} px")
        checked += 1

    # The runs page and the guides (long tables and code from Markdown) scroll only inside their boxes.
    for page in ["runs.html", "methods.html"] + sorted(p.name for p in SITE.glob("guide-*.html")):
        driver.get((SITE / page).as_uri())
        if page_overflow() > 0:
            problems.append(f"{page}: the page scrolls sideways by {page_overflow()} px")
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
print("median glyph height at 390 px: " + "; ".join(figure_names))
finish("phone", problems, f"at {WIDTH} px: {checked} claim cells, inputs and figures inside the viewport, figures' text at least {MIN_GLYPH_PX} px, no page scrolls sideways")
