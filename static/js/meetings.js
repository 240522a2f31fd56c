// Staff meeting pages: error summary focus, formset rows, PDF progress, print button.
// A static file because the Content-Security-Policy forbids inline script.
(function () {
  "use strict";

  // Move keyboard and screen-reader focus to the error summary after a refused save.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // "Add a row" for Django formsets: clone the <template> and renumber its prefix.
  document.querySelectorAll("[data-add-row]").forEach(function (button) {
    var prefix = button.getAttribute("data-add-row");
    var template = document.getElementById(prefix + "-empty");
    var rows = document.getElementById(prefix + "-rows");
    var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!template || !rows || !total) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(index)).replace(/__number__/g, String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = rows.lastElementChild;
      var first = added && added.querySelector("input:not([type=hidden]), select, textarea");
      if (first) {
        first.focus();
      }
    });
  });

  // Progress of the background PDF: poll its status until it is finished.
  var pdf = document.querySelector(".pdf-status[data-status-url]");
  if (pdf && pdf.getAttribute("data-finished") !== "1") {
    var url = pdf.getAttribute("data-status-url");
    var bar = pdf.querySelector("progress");
    var label = pdf.querySelector(".pdf-label");
    var link = pdf.querySelector(".pdf-download");
    var poll = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          bar.value = data.progress;
          bar.textContent = data.progress + "%";
          label.textContent = data.label;
          if (data.url) {
            link.href = data.url;
            link.classList.remove("d-none");
          }
          if (!data.finished) {
            window.setTimeout(poll, 1500);
          }
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    };
    window.setTimeout(poll, 1000);
  }

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
