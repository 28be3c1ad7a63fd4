// "All present" on the attendance form: marks every row present in place (a delegate's row stays), instead of
// posting the form back as it does without JavaScript. Nothing is saved until "Save attendance".
(function () {
  "use strict";
  function start() {
    var button = document.querySelector("[data-all-present]");
    if (!button) { return; }
    button.addEventListener("click", function (event) {
      event.preventDefault();
      button.form.querySelectorAll("select[data-attendance-status]").forEach(function (select) {
        if (select.value !== "delegate") { select.value = "present"; }
      });
      var status = document.getElementById("all-present-status");
      if (status) { status.textContent = status.getAttribute("data-done"); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
