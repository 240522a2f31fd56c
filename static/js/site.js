// Site-wide behaviour, one of each kind, switched on by data attributes. No inline scripts
// anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";

  // Forms with data-confirm ask before submitting (bulk actions, status changes).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = form.getAttribute && form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // After a refused save, move keyboard and screen-reader focus to the error summary
  // (templates/includes/error_summary.html), on every page that has one.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // "Add a row" for Django formsets: <button data-add-row="PREFIX"> clones <template
  // id="PREFIX-empty"> into #PREFIX-rows and counts it in the management form.
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

  // Progress of background work (a PDF, an import): an element with data-poll-url polls that
  // JSON ({percent, label, url, finished}) until finished, updating inside it the <progress>,
  // [role=progressbar], [data-poll-label] and [data-poll-link]; data-poll-reload reloads the
  // page when finished (the server then renders the result).
  function paintBar(bar, percent) {
    bar.style.width = Math.max(percent, 3) + "%";
    bar.setAttribute("aria-valuenow", String(percent));
    bar.textContent = percent + "%";
  }
  document.querySelectorAll("[role=progressbar][data-percent]").forEach(function (bar) {
    paintBar(bar, parseInt(bar.getAttribute("data-percent"), 10) || 0);
  });
  document.querySelectorAll("[data-poll-url]").forEach(function (box) {
    if (box.getAttribute("data-finished") === "1") {
      return;
    }
    var url = box.getAttribute("data-poll-url");
    var interval = parseInt(box.getAttribute("data-poll-interval"), 10) || 1500;
    var poll = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (data) {
          box.querySelectorAll("progress").forEach(function (bar) {
            bar.value = data.percent;
            bar.textContent = data.percent + "%";
          });
          box.querySelectorAll("[role=progressbar]").forEach(function (bar) { paintBar(bar, data.percent); });
          box.querySelectorAll("[data-poll-label]").forEach(function (label) { label.textContent = data.label; });
          if (data.url) {
            box.querySelectorAll("[data-poll-link]").forEach(function (link) {
              link.href = data.url;
              link.classList.remove("d-none");
            });
          }
          if (!data.finished) {
            window.setTimeout(poll, interval);
          } else if (box.hasAttribute("data-poll-reload")) {
            window.location.reload();
          }
        })
        .catch(function () { window.setTimeout(poll, interval * 3); });
    };
    window.setTimeout(poll, Math.min(interval, 1000));
  });

  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
})();
