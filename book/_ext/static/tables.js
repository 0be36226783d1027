// Sortable tables for the callanalysis book: click a column header to sort by it
// (click again to reverse). Cells carry their sort key in data-sort. A long table
// (data-filterable) gets a filter box above it: only the rows holding every word typed stay
// shown, and a line says how many. No dependencies.
(function () {
  "use strict";
  function key(cell) {
    var k = cell.getAttribute("data-sort");
    if (k === null) { k = cell.textContent; }
    var n = parseFloat(k);
    return (k !== "" && !isNaN(n) && isFinite(k)) ? n : k.toLowerCase();
  }
  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var asc = th.getAttribute("aria-sort") !== "ascending";
    rows.sort(function (a, b) {
      var x = key(a.cells[col]), y = key(b.cells[col]);
      if (typeof x !== typeof y) { x = String(x); y = String(y); }
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
  }
  function addFilter(table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var box = document.createElement("div");
    box.className = "ca-filter";
    var label = document.createElement("label");
    var input = document.createElement("input");
    input.type = "search";
    label.textContent = "Filter rows ";
    label.appendChild(input);
    var count = document.createElement("span");
    count.setAttribute("aria-live", "polite");
    function apply() {
      var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (r) {
        var text = r.textContent.toLowerCase();
        r.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
        if (!r.hidden) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " rows shown";
    }
    input.addEventListener("input", apply);
    box.appendChild(label);
    box.appendChild(count);
    var wrap = table.closest(".ca-table-wrap") || table;
    wrap.parentNode.insertBefore(box, wrap);
    apply();
  }
  function init() {
    document.querySelectorAll("table[data-filterable]").forEach(function (table) {
      if (table.tBodies[0]) { addFilter(table); }
    });
    document.querySelectorAll("table[data-sortable]").forEach(function (table) {
      if (!table.tHead) { return; }
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "ca-sort";
        button.textContent = th.textContent;
        button.title = "Sort by " + th.textContent;
        th.textContent = "";
        th.appendChild(button);
        button.addEventListener("click", function () { sortBy(table, col, th); });
      });
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
