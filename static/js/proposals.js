// Proposals: triage selection, import progress. No inline scripts (Content-Security-Policy).
(function () {
  "use strict";

  // Triage: "select all" and a live count of the selection.
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

  // Import: width of progress bars comes from aria-valuenow (no inline style allowed).
  function paint(bar, done, total) {
    var percent = total ? Math.round(100 * done / total) : 0;
    bar.style.width = Math.max(percent, 3) + "%";
    bar.setAttribute("aria-valuenow", String(done));
    bar.setAttribute("aria-valuemax", String(total));
    bar.textContent = done + " / " + total;
  }
  var bar = document.querySelector("[role=progressbar][data-testid=import-progress]");
  var box = document.getElementById("import-status");
  if (bar) {
    paint(bar, parseInt(bar.getAttribute("aria-valuenow"), 10) || 0, parseInt(bar.getAttribute("aria-valuemax"), 10) || 0);
  }
  if (bar && box && ["queued", "running"].indexOf(box.getAttribute("data-status")) !== -1) {
    var url = box.getAttribute("data-progress-url");
    var poll = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          paint(bar, data.processed, data.total);
          document.getElementById("progress-status").textContent = data.status_display;
          if (data.finished) {
            window.location.reload();  // the server renders the result and the links
          } else {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    };
    window.setTimeout(poll, 500);
  }
})();
