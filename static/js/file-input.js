// File inputs in the page's language (templates/bootstrap5/layout/field_file.html): the chosen file's name
// replaces "No file chosen" beside the button. The native input does the rest.
(function () {
  "use strict";
  if (window.hamahangFileInputs) { return; }
  window.hamahangFileInputs = true;
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input.classList || !input.classList.contains("file-input-native")) { return; }
    var status = input.parentNode.querySelector(".file-input-name");
    var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    status.textContent = names.length ? names.join(", ") : status.getAttribute("data-empty");
  });
})();
