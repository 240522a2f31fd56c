// Memoranda: "Add another commitment" clones the formset's empty form (no inline script: CSP).
(function () {
  "use strict";
  var button = document.getElementById("add-commitment");
  var template = document.getElementById("commitment-empty-form");
  var container = document.getElementById("commitment-forms");
  var total = document.getElementById("id_commitments-TOTAL_FORMS");
  if (!button || !template || !container || !total) {
    return;
  }
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var wrapper = document.createElement("div");
    wrapper.innerHTML = html;
    var fieldset = wrapper.firstElementChild;
    container.appendChild(fieldset);
    total.value = String(index + 1);
    var first = fieldset.querySelector("select, textarea, input");
    if (first) {
      first.focus();
    }
  });
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
})();
