// The date picker of date inputs (council/forms.py: JalaliDateInput, GregorianDateInput), in the council's
// calendar and the page's language and digits. The input stays a text input people can type into; a button
// beside it opens a month grid:
//   arrows move by a day (mirrored on right-to-left pages) and a week, Home and End go to the week's first and
//   last day, Page Up and Page Down to the previous and next month, Enter or Space chooses, Escape closes.
// It opens below the input, at its start edge (the right on Persian pages). The browser's Intl gives the
// Jalali calendar (ca-persian), month and weekday names; nothing is loaded from outside.
(function () {
  "use strict";
  if (window.hamahangDatePicker) { return; }  // crispy adds the form's media to the page a second time
  window.hamahangDatePicker = true;
  var DAY = 86400000;
  var JALALI_LATIN = ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar",
    "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"];
  var PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  var lang = document.documentElement.lang || "en";
  var rtl = document.documentElement.dir === "rtl";
  var persianOf = new Intl.DateTimeFormat("en-u-ca-persian-nu-latn", {
    year: "numeric", month: "numeric", day: "numeric", timeZone: "UTC"
  });

  function localDigits(text) {
    text = String(text);
    return lang === "fa" ? text.replace(/[0-9]/g, function (d) { return PERSIAN_DIGITS[d]; }) : text;
  }
  function latinDigits(text) {
    return text.replace(/[۰-۹]/g, function (d) { return PERSIAN_DIGITS.indexOf(d); })
      .replace(/[٠-٩]/g, function (d) { return d.charCodeAt(0) - 0x660; });
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function utc(y, m, d) { return new Date(Date.UTC(y, m - 1, d)); }
  function addDays(date, n) { return new Date(date.getTime() + n * DAY); }

  var calendars = {
    gregorian: {
      parts: function (date) {
        return {y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate()};
      },
      date: function (y, m, d) { return utc(y, m, d); },
      weekStart: 1,  // Monday
      monthName: function (y, m) {
        return new Intl.DateTimeFormat(lang, {month: "long", timeZone: "UTC"}).format(utc(y, m, 1));
      },
      format: function (p) { return pad(p.d) + "." + pad(p.m) + "." + p.y; },
      parse: function (text) {
        var day = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})/.exec(text);
        var iso = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})/.exec(text);
        if (day) { return {y: +day[3], m: +day[2], d: +day[1]}; }
        return iso ? {y: +iso[1], m: +iso[2], d: +iso[3]} : null;
      }
    },
    jalali: {
      parts: function (date) {
        var p = {};
        persianOf.formatToParts(date).forEach(function (part) { p[part.type] = parseInt(part.value, 10); });
        return {y: p.year, m: p.month, d: p.day};
      },
      date: function (y, m, d) {
        // Near the Gregorian date, then a day at a time (the year starts on 20, 21 or 22 March).
        var date = addDays(utc(y + 621, 3, 21), (m <= 6 ? (m - 1) * 31 : 186 + (m - 7) * 30) + d - 1);
        for (var i = 0; i < 4; i++) {
          var p = this.parts(date);
          var diff = (y - p.y) * 400 + (m - p.m) * 32 + (d - p.d);
          if (diff === 0) { break; }
          date = addDays(date, diff > 0 ? 1 : -1);
        }
        return date;
      },
      weekStart: 6,  // Saturday
      monthName: function (y, m) {
        if (lang !== "fa") { return JALALI_LATIN[m - 1]; }
        return new Intl.DateTimeFormat("fa-u-ca-persian", {month: "long", timeZone: "UTC"})
          .format(this.date(y, m, 1));
      },
      format: function (p) { return p.y + "/" + pad(p.m) + "/" + pad(p.d); },
      parse: function (text) {
        var match = /^(\d{4})[./-](\d{1,2})[./-](\d{1,2})/.exec(text);
        return match ? {y: +match[1], m: +match[2], d: +match[3]} : null;
      }
    }
  };

  function label(cal, date) {
    var p = cal.parts(date);
    return localDigits(new Intl.DateTimeFormat(lang, {weekday: "long", timeZone: "UTC"}).format(date) + " " +
      p.d + " " + cal.monthName(p.y, p.m) + " " + p.y);
  }

  function enhance(input, index) {
    var cal = calendars[input.getAttribute("data-calendar")] || calendars.gregorian;
    var withTime = input.getAttribute("data-date-picker") === "time";
    var box = document.createElement("div");
    box.className = "date-input";
    input.parentNode.insertBefore(box, input);
    box.appendChild(input);
    if (input.classList.contains("is-invalid")) { box.classList.add("is-invalid"); }
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "btn btn-outline-secondary date-picker-toggle";
    toggle.setAttribute("aria-label", input.getAttribute("data-label-choose"));
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-haspopup", "dialog");
    toggle.innerHTML = '<i class="bi bi-calendar3" aria-hidden="true"></i>';
    box.appendChild(toggle);
    var dialog = null;
    var shown = null;  // the focused day

    function today() { var now = new Date(); return utc(now.getFullYear(), now.getMonth() + 1, now.getDate()); }
    function chosen() {
      var p = cal.parse(latinDigits(input.value.trim()));
      return p && p.m >= 1 && p.m <= 12 && p.d >= 1 && p.d <= 31 ? cal.date(p.y, p.m, p.d) : null;
    }

    function close(refocus) {
      if (!dialog) { return; }
      dialog.remove();
      dialog = null;
      toggle.setAttribute("aria-expanded", "false");
      if (refocus) { toggle.focus(); }
    }

    function choose(date) {
      var time = withTime ? (latinDigits(input.value).match(/\d{1,2}:\d{2}\s*$/) || [""])[0] : "";
      input.value = localDigits(cal.format(cal.parts(date)) + (withTime ? " " + time : ""));
      input.dispatchEvent(new Event("change", {bubbles: true}));
      close(false);
      input.focus();
    }

    function draw(focus) {
      var p = cal.parts(shown);
      var first = cal.date(p.y, p.m, 1);
      var lead = (first.getUTCDay() - cal.weekStart + 7) % 7;
      var start = addDays(first, -lead);
      var heading = dialog.querySelector(".date-picker-heading");
      heading.textContent = localDigits(cal.monthName(p.y, p.m) + " " + p.y);
      var names = new Intl.DateTimeFormat(lang, {weekday: lang === "fa" ? "narrow" : "short", timeZone: "UTC"});
      var longNames = new Intl.DateTimeFormat(lang, {weekday: "long", timeZone: "UTC"});
      var html = "<thead><tr>";
      for (var w = 0; w < 7; w++) {
        var day = addDays(start, w);
        html += '<th scope="col"><abbr title="' + longNames.format(day) + '">' + names.format(day) + "</abbr></th>";
      }
      html += "</tr></thead><tbody>";
      var current = chosen();
      var now = today();
      for (var cell = 0; cell < 42; cell++) {
        var date = addDays(start, cell);
        var dp = cal.parts(date);
        if (cell % 7 === 0) {
          if (dp.m !== p.m && cell > 0) { break; }
          html += "<tr>";
        }
        if (dp.m !== p.m) {
          html += "<td></td>";
        } else {
          var same = date.getTime() === shown.getTime();
          html += '<td><button type="button" class="btn btn-sm day' +
            (current && date.getTime() === current.getTime() ? " btn-primary" : " btn-light") + '"' +
            ' data-time="' + date.getTime() + '" tabindex="' + (same ? "0" : "-1") + '"' +
            ' aria-label="' + label(cal, date) + '"' +
            (current && date.getTime() === current.getTime() ? ' aria-pressed="true"' : "") +
            (date.getTime() === now.getTime() ? ' aria-current="date"' : "") + ">" +
            localDigits(dp.d) + "</button></td>";
        }
        if (cell % 7 === 6) { html += "</tr>"; }
      }
      dialog.querySelector("table").innerHTML = html + "</tbody>";
      if (focus) { dialog.querySelector("button.day[tabindex='0']").focus(); }
    }

    function move(days) { shown = addDays(shown, days); draw(true); }
    function moveMonths(n) {
      var p = cal.parts(shown);
      var m = p.m + n;
      var y = p.y + Math.floor((m - 1) / 12);
      m = ((m - 1) % 12 + 12) % 12 + 1;
      var d = p.d;
      var date = cal.date(y, m, d);
      while (cal.parts(date).m !== m) { d -= 1; date = cal.date(y, m, d); }  // 31 Farvardin → 30 Mehr
      shown = date;
      draw(true);
    }

    function open() {
      shown = chosen() || today();
      dialog = document.createElement("div");
      dialog.className = "date-picker card shadow p-2";
      dialog.id = "date-picker-" + index;
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-labelledby", dialog.id + "-heading");
      dialog.innerHTML =
        '<div class="d-flex align-items-center justify-content-between mb-1">' +
        '<button type="button" class="btn btn-sm btn-outline-secondary" data-months="-1" aria-label="' +
        input.getAttribute("data-label-previous") + '"><i class="bi bi-chevron-' + (rtl ? "right" : "left") +
        '" aria-hidden="true"></i></button>' +
        '<div class="date-picker-heading fw-semibold" id="' + dialog.id + '-heading" aria-live="polite"></div>' +
        '<button type="button" class="btn btn-sm btn-outline-secondary" data-months="1" aria-label="' +
        input.getAttribute("data-label-next") + '"><i class="bi bi-chevron-' + (rtl ? "left" : "right") +
        '" aria-hidden="true"></i></button></div><table></table>';
      box.appendChild(dialog);
      toggle.setAttribute("aria-controls", dialog.id);
      toggle.setAttribute("aria-expanded", "true");
      dialog.addEventListener("click", function (event) {
        var button = event.target.closest("button");
        if (!button) { return; }
        if (button.hasAttribute("data-months")) { moveMonths(+button.getAttribute("data-months")); }
        if (button.hasAttribute("data-time")) { choose(new Date(+button.getAttribute("data-time"))); }
      });
      dialog.addEventListener("keydown", function (event) {
        var onDay = event.target.classList.contains("day");
        var step = {ArrowLeft: rtl ? 1 : -1, ArrowRight: rtl ? -1 : 1, ArrowUp: -7, ArrowDown: 7}[event.key];
        var weekday = (shown.getUTCDay() - cal.weekStart + 7) % 7;
        if (event.key === "Escape") { close(true); }
        else if (onDay && step) { move(step); }
        else if (onDay && event.key === "Home") { move(-weekday); }
        else if (onDay && event.key === "End") { move(6 - weekday); }
        else if (event.key === "PageUp") { moveMonths(-1); }
        else if (event.key === "PageDown") { moveMonths(1); }
        else { return; }
        event.preventDefault();
      });
      draw(true);
    }

    toggle.addEventListener("click", function () { if (dialog) { close(true); } else { open(); } });
    box.addEventListener("focusout", function () {
      // Later, not now: redrawing the month takes the focused day away and focuses the new one.
      setTimeout(function () { if (dialog && !box.contains(document.activeElement)) { close(false); } }, 0);
    });
    document.addEventListener("click", function (event) {
      if (dialog && !box.contains(event.target)) { close(false); }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("input[data-date-picker]"), enhance);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
