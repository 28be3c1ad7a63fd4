// Starts the offline Jalali date picker on inputs marked data-jdp (Jalali councils only).
(function () {
  "use strict";
  function start() {
    if (!window.jalaliDatepicker) { return; }
    var persian = document.documentElement.lang === "fa";
    var options = {
      time: true,
      hasSecond: false,
      persianDigits: persian,
      showTodayBtn: true,
      showEmptyBtn: true,
      autoReadOnlyInput: false,
      zIndex: 2000
    };
    if (!persian) {
      options.months = ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
        "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"];
      options.days = ["Sa", "Su", "Mo", "Tu", "We", "Th", "Fr"];
    }
    window.jalaliDatepicker.startWatch(options);
    // Escape closes the picker, so it never hides the buttons below it.
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { window.jalaliDatepicker.hide(); }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
