// Progressive enhancement only: every page reads without JavaScript.
// 1. Tables with class "sortable" sort by a column when its heading is clicked
//    (numbers by the cell's data-sort value or text, text otherwise).
// 2. Once loaded, <html data-figures="loaded/total"> records how many images loaded, so a
//    headless browser can check that no figure is broken.
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
  window.addEventListener("load", function () {
    var images = Array.from(document.images);
    var loaded = images.filter(function (image) { return image.complete && image.naturalWidth > 0; });
    document.documentElement.setAttribute("data-figures", loaded.length + "/" + images.length);
  });
})();
