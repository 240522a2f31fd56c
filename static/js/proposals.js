// Proposals triage: "select all" and a live count of the selection (no inline script: CSP).
(function () {
  "use strict";
  var selectAll = document.getElementById("select-all");
  var counter = document.getElementById("selected-count");
  function rows() { return document.querySelectorAll(".row-select"); }
  function updateCount() {
    if (!counter) { return; }
    var n = document.querySelectorAll(".row-select:checked").length;
    counter.textContent = counter.getAttribute("data-template").replace("%s", n);
  }
  if (selectAll) {
    selectAll.addEventListener("change", function () {
      rows().forEach(function (box) { box.checked = selectAll.checked; });
      updateCount();
    });
    rows().forEach(function (box) { box.addEventListener("change", updateCount); });
  }
})();
