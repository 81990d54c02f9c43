/* Open MILD Guide: no Material tooltips on touch screens, which never show them (content.css);
 * each source's title back on its first citation, from the page's sources list
 * (mildguide.site.cite_tips). Why, and where it must load: overrides/main.html, block config. */
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var tips = {}, seen = {};
    Array.prototype.forEach.call(document.querySelectorAll(".omg-page-sources li > a[href]"), function (a) {
      var note = a.getAttribute("data-omg-note");
      tips[a.getAttribute("href")] = a.textContent + (note ? " \u2014 " + note : "");
    });
    Array.prototype.forEach.call(document.querySelectorAll("sup.omg-cite a[aria-label]"), function (a) {
      var href = a.getAttribute("href");
      if (!seen[href] && tips[href] && !a.hasAttribute("title")) a.setAttribute("title", tips[href]);
      seen[href] = true;
    });
  }, { once: true });
  var config = document.getElementById("__config");
  if (!config || !window.matchMedia || !window.matchMedia("(hover: none), (pointer: coarse)").matches) return;
  var settings = JSON.parse(config.textContent);
  settings.features = (settings.features || []).filter(function (name) {
    return name !== "content.tooltips" && name !== "content.footnote.tooltips";
  });
  config.textContent = JSON.stringify(settings);
})();
