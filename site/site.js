// Progressive enhancement only: every page reads without JavaScript.
// 1. Tables with class "sortable" sort by a column when its heading is clicked
//    (numbers by the cell's data-sort value or text, text otherwise).
// 2. Once loaded, <html data-figures="loaded/total"> records how many images loaded, so a
//    headless browser can check that no figure is broken. (3. and 4. below.)
(function () {
  function value(cell) {
    var raw = cell.getAttribute("data-sort") || cell.textContent.trim();
    var number = parseFloat(raw.replace(/[%,]/g, ""));
    return isNaN(number) ? raw.toLowerCase() : number;
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var body = table.tBodies[0];
    table.querySelectorAll("thead th").forEach(function (heading, column) {
      heading.style.cursor = "pointer";
      heading.setAttribute("aria-sort", "none");
      heading.addEventListener("click", function () {
        var ascending = heading.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("thead th").forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        Array.from(body.rows)
          .sort(function (a, b) {
            var x = value(a.cells[column]), y = value(b.cells[column]);
            return (x > y ? 1 : x < y ? -1 : 0) * (ascending ? 1 : -1);
          })
          .forEach(function (row) { body.appendChild(row); });
      });
    });
  });
  // 3. A SHA-256 shows its first 12 digits (a 64-digit word made a download table 11,705 px tall
  //    on a phone); its title holds the whole value, and copying a selection that holds one
  //    copies the whole value in its place.
  document.querySelectorAll(".hash").forEach(function (element) {
    var full = element.textContent.trim();
    if (!/^[0-9a-f]{64}$/.test(full)) return;
    element.setAttribute("data-full", full);
    element.title = "SHA-256 " + full;
    element.textContent = full.slice(0, 12) + "…";
  });
  document.addEventListener("copy", function (event) {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) return;
    var text = selection.toString(), changed = false;
    document.querySelectorAll(".hash[data-full]").forEach(function (element) {
      if (selection.containsNode(element, true) && text.indexOf(element.textContent) >= 0) {
        text = text.split(element.textContent).join(element.getAttribute("data-full"));
        changed = true;
      }
    });
    if (changed && event.clipboardData) {
      event.clipboardData.setData("text/plain", text);
      event.preventDefault();
    }
  });
  // 4. A table wider than its box says that it scrolls (style.css shows the cue).
  function markOverflow() {
    document.querySelectorAll(".scroll").forEach(function (box) {
      box.classList.toggle("overflows", box.scrollWidth > box.clientWidth + 1);
    });
  }
  markOverflow();
  window.addEventListener("resize", markOverflow);
  window.addEventListener("load", function () {
    markOverflow();
    var images = Array.from(document.images);
    var loaded = images.filter(function (image) { return image.complete && image.naturalWidth > 0; });
    document.documentElement.setAttribute("data-figures", loaded.length + "/" + images.length);
  });
})();
