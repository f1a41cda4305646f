#!/usr/bin/env python3
"""Every page of the site for every reader: axe-core (bundled by the axe-selenium-python package)
on every page at phone (390 px) and desktop (1280 px) widths, in the light and the dark colour
scheme, failing on any serious or critical violation; and, since axe does not look inside SVG,
the contrast of every text drawn in an SVG (the figures' glyphs, the explorer's chart labels)
against what it is drawn on, which must meet WCAG 2.1 AA (4.5:1).

The background of an SVG text is taken as the SVG's own background (figures are drawn on white,
style.css gives the inline ones a white box), else the page's: a label drawn over a coloured mark
inside a figure is measured against the figure's background, not the mark.
Exit status 1 with every problem listed.
Usage: python3 Tests/Browser/accessibility_check.py [site]
"""
import sys
from pathlib import Path

from axe_selenium_python import Axe
from chromium import browser, finish

SITE = Path(sys.argv[1] if len(sys.argv) > 1 else "site").resolve()
WIDTHS = [390, 1280]
SCHEMES = ["light", "dark"]
AA = 4.5

# Each SVG text's colour (fill blended by its opacity) and its background, as the page shows them.
SVG_TEXT = """
function rgb(text) {
  var m = (text || "").match(/rgba?\\(([^)]+)\\)/);
  if (!m) return null;
  var p = m[1].split(",").map(function (x) { return parseFloat(x); });
  return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
}
function background(element) {
  for (var e = element; e && e.nodeType === 1; e = e.parentElement) {
    var c = rgb(getComputedStyle(e).backgroundColor);
    if (c && c.a > 0.5) return c;
  }
  return rgb(getComputedStyle(document.body).backgroundColor) || { r: 255, g: 255, b: 255, a: 1 };
}
var out = [];
document.querySelectorAll("svg").forEach(function (svg, index) {
  if (!svg.getClientRects().length) return;  // a drawing this width does not show
  var bg = background(svg);
  svg.querySelectorAll("text, use").forEach(function (t) {
    if (t.tagName === "use") {
      var ref = t.getAttribute("xlink:href") || t.getAttribute("href") || "";
      if (ref.indexOf("glyph") < 0) return;
    }
    var style = getComputedStyle(t), fill = rgb(style.fill);
    if (!fill) return;
    var alpha = parseFloat(style.fillOpacity) * parseFloat(style.opacity) * fill.a;
    out.push({ svg: index, label: svg.getAttribute("aria-label") || (svg.closest("[id]") || {}).id || "",
               fill: [fill.r, fill.g, fill.b], alpha: alpha, bg: [bg.r, bg.g, bg.b] });
  });
});
return out;
"""


def luminance(rgb):
    def channel(c):
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fill, alpha, bg):
    shown = [alpha * f + (1 - alpha) * b for f, b in zip(fill, bg)]
    high, low = sorted([luminance(shown), luminance(bg)], reverse=True)
    return (high + 0.05) / (low + 0.05)


problems = []
pages = sorted(SITE.glob("*.html"))
checked = texts = 0
driver = browser("--allow-file-access-from-files")
try:
    for scheme in SCHEMES:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        for width in WIDTHS:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
            for page in pages:
                driver.get(page.as_uri())
                where = f"{page.name} at {width} px, {scheme}"
                axe = Axe(driver)
                axe.inject()
                results = axe.run()
                for violation in results["violations"]:
                    if violation.get("impact") in ("serious", "critical"):
                        nodes = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
                        problems.append(f"{where}: {violation['id']} ({violation['impact']}): {violation['help']}: {nodes}")
                seen = set()
                for text in driver.execute_script(SVG_TEXT):
                    texts += 1
                    ratio = contrast(text["fill"], text["alpha"], text["bg"])
                    key = (text["svg"], tuple(text["fill"]), round(text["alpha"], 2), tuple(text["bg"]))
                    if ratio < AA and key not in seen:
                        seen.add(key)
                        problems.append(f"{where}: SVG text rgb{tuple(text['fill'])} (opacity {text['alpha']:.2f}) on rgb{tuple(text['bg'])} "
                                        f"in {text['label'] or 'svg #' + str(text['svg'])}: contrast {ratio:.2f}, under {AA}")
                checked += 1
finally:
    driver.quit()
finish("accessibility", problems,
       f"{checked} page views ({len(pages)} pages × {WIDTHS} px × {SCHEMES}): no serious or critical axe-core violation; "
       f"{texts} SVG text glyphs at ≥ {AA}:1")
