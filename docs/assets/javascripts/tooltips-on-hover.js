/* Open MILD Guide: no Material tooltips on touch screens, which never show them (content.css).
 * Why, and where it must load: overrides/main.html, block config. */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  if (!config || !window.matchMedia || !window.matchMedia("(hover: none), (pointer: coarse)").matches) return;
  var settings = JSON.parse(config.textContent);
  settings.features = (settings.features || []).filter(function (name) {
    return name !== "content.tooltips" && name !== "content.footnote.tooltips";
  });
  config.textContent = JSON.stringify(settings);
})();
