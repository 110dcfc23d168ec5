// Roster portal: filter the Consumer Orgs table by text and status. Without JavaScript the
// whole table is there; this only hides rows.
(function () {
  "use strict";
  document.querySelectorAll("form[data-filter-table]").forEach(function (form) {
    var table = document.getElementById(form.getAttribute("data-filter-table"));
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var search = form.querySelector("input[type=search]");
    var status = form.querySelector("select");
    var shown = form.querySelector("output");
    var params = new URLSearchParams(window.location.search);
    if (params.get("q")) search.value = params.get("q");
    if (params.get("status")) status.value = params.get("status");
    function apply() {
      var q = search.value.trim().toLowerCase();
      var s = status.value;
      var visible = 0;
      rows.forEach(function (row) {
        var ok = (!s || row.getAttribute("data-status") === s) &&
                 (!q || row.getAttribute("data-search").indexOf(q) !== -1);
        row.hidden = !ok;
        if (ok) visible++;
      });
      if (shown) shown.textContent = visible + " of " + rows.length + " shown";
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    search.addEventListener("input", apply);
    status.addEventListener("change", apply);
    apply();
  });
})();
