/* Open MILD Guide: Material's tooltips only where a mouse can hover (issue 27).
 * On a touch screen the guide never shows a tooltip (content.css hides them: one would cover the
 * text and cannot be dismissed; a tap on a term follows its link to the Glossary). Material still
 * sets up a tooltip for every term and citation with a title at start-up (30 to 75 a page), about
 * a quarter of its start-up work on the decision aid. On such screens this takes the two tooltip
 * features out of Material's settings before its bundle reads them; the titles stay as they are.
 * The test is the same media query as content.css's. It must run after the #__config block and
 * before Material's bundle (overrides/main.html, block config), as search-on-demand.js does.
 */
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
