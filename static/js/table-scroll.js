// Wide tables (templates: <div class="table-scroll" role="region" …>) scroll sideways inside their region. On a
// phone nothing shows that they do, so a short hint is put above each region, and shown only while the region is
// narrower than its table (checked again when the window or the region changes size, and after htmx swaps).
// The hint's text is the page's, in its language (<body data-table-scroll-hint>).
(function () {
  "use strict";
  var text = "";
  var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var region = entry.target.closest(".table-scroll");
      if (region && region.tableScrollHint) { update(region); }
    });
  }) : null;

  function update(region) {
    var hint = region.tableScrollHint;
    var overflows = region.scrollWidth > region.clientWidth + 1;
    hint.hidden = !overflows;
    if (overflows) {
      region.setAttribute("aria-describedby", hint.id);
    } else if (region.getAttribute("aria-describedby") === hint.id) {
      region.removeAttribute("aria-describedby");
    }
  }

  function prepare(root) {
    root.querySelectorAll(".table-scroll").forEach(function (region, index) {
      if (region.tableScrollHint) { update(region); return; }
      var before = region.previousElementSibling;
      if (before && before.classList.contains("table-scroll-hint")) {
        before.remove();  // the hint of a region htmx replaced
      }
      var hint = document.createElement("p");
      hint.className = "table-scroll-hint";
      hint.id = "table-scroll-hint-" + Date.now().toString(36) + "-" + index;
      hint.hidden = true;
      var icon = document.createElement("i");
      icon.className = "bi bi-arrow-left-right";
      icon.setAttribute("aria-hidden", "true");
      hint.appendChild(icon);
      hint.appendChild(document.createTextNode(" " + text));
      region.parentNode.insertBefore(hint, region);
      region.tableScrollHint = hint;
      update(region);
      if (observer) {
        observer.observe(region);
        var table = region.querySelector("table");
        if (table) { observer.observe(table); }
      }
    });
  }

  function start() {
    text = document.body.getAttribute("data-table-scroll-hint") || "";
    if (!text) { return; }
    prepare(document);
    if (!observer) {
      window.addEventListener("resize", function () { prepare(document); });
    }
    document.body.addEventListener("htmx:afterSettle", function (event) { prepare(event.target); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
