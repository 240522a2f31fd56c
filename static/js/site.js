// Site-wide behaviour. No inline scripts anywhere: the Content-Security-Policy forbids them.
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

  // A table wider than the screen scrolls inside its .table-responsive box. Such a box becomes a
  // named region in the tab order, so keyboard users can scroll it with the arrow keys
  // (WCAG 2.1.1; axe: scrollable-region-focusable). Named after the table's caption, or the
  // heading of its section.
  var SCROLL_LABEL = document.body.getAttribute("data-scroll-label") || "";
  function markScrollableTables() {
    var boxes = document.querySelectorAll(".table-responsive");
    Array.prototype.forEach.call(boxes, function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          var caption = box.querySelector("caption");
          var section = box.closest("section");
          var heading = section && section.querySelector("h2, h3");
          var name = (caption || heading || {}).textContent || "";
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", (name.trim() + " " + SCROLL_LABEL).trim());
        }
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }
  markScrollableTables();
  window.addEventListener("resize", markScrollableTables);
})();
