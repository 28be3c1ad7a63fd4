// The error summary of a form page (templates/council/_error_summary.html): focus moves to it when the page
// opens, so the first thing heard and seen is what to correct; each of its links focuses its field and shows
// the field with its label.
(function () {
  "use strict";
  function start() {
    var box = document.querySelector("[data-error-summary]");
    if (!box) { return; }
    box.focus();
    box.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) { return; }
      event.preventDefault();
      (field.closest(".mb-3, fieldset, td") || field).scrollIntoView({block: "center"});
      field.focus({preventScroll: true});
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
