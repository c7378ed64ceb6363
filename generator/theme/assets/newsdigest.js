// newsdigest: show publication times relative to now ("3 hours ago"), in the page's language.
// The page itself carries the exact time (text and title, shown on hover) so that the HTML is
// the same on every build; only the reader's browser turns it into a relative form.
(function () {
  "use strict";
  var UNITS = [["year", 31536000], ["month", 2592000], ["week", 604800], ["day", 86400],
               ["hour", 3600], ["minute", 60]];

  function relative(when, now, lang) {
    var seconds = (when - now) / 1000;
    var format = new Intl.RelativeTimeFormat(lang || "en", { numeric: "auto", style: "short" });
    for (var i = 0; i < UNITS.length; i++) {
      if (Math.abs(seconds) >= UNITS[i][1]) {
        return format.format(Math.round(seconds / UNITS[i][1]), UNITS[i][0]);
      }
    }
    return format.format(0, "minute");
  }

  function update() {
    var lang = document.documentElement.lang;
    var now = Date.now();
    document.querySelectorAll("time.nd-when[datetime]").forEach(function (node) {
      var when = Date.parse(node.getAttribute("datetime"));
      if (isNaN(when)) { return; }
      if (!node.title) { node.title = node.textContent; }
      node.textContent = relative(when, now, lang);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", update);
  } else {
    update();
  }
})();

// The stale-fetch notice: shown when the last successful fetch (the page's stamp, from fetch
// health) is more than N seconds older than the reader's clock.
(function () {
  "use strict";
  function check() {
    document.querySelectorAll(".nd-stale[data-nd-stale-after]").forEach(function (node) {
      var since = Date.parse(node.getAttribute("data-nd-since"));
      var limit = Number(node.getAttribute("data-nd-stale-after")) * 1000;
      if (!isNaN(since) && Date.now() - since > limit) { node.hidden = false; }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", check);
  } else {
    check();
  }
})();
