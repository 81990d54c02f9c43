/* Open MILD Guide. Why, and where it must load: overrides/main.html, block config. */
(function () {
  "use strict";
  var each = Array.prototype.forEach;
  document.addEventListener("DOMContentLoaded", function () {
    var tips = {}, seen = {};
    each.call(document.querySelectorAll(".omg-page-sources li>a"), function (a) {
      var note = a.getAttribute("data-omg-note");
      tips[a.getAttribute("href")] = a.textContent + (note ? " \u2014 " + note : "");
    });
    each.call(document.querySelectorAll("sup.omg-cite a[aria-label]"), function (a) {
      var href = a.getAttribute("href");
      if (!seen[href] && tips[href] && !a.title) a.title = tips[href];
      seen[href] = 1;
    });
  });
  var config = document.getElementById("__config");
  if (!config || !window.matchMedia || !window.matchMedia("(hover: none), (pointer: coarse)").matches) return;
  var settings = JSON.parse(config.textContent);
  settings.features = (settings.features || []).filter(function (name) {
    return name !== "content.tooltips" && name !== "content.footnote.tooltips";
  });
  config.textContent = JSON.stringify(settings);
})();
