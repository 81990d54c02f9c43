/* Open MILD Guide: the Embed page's previews wait in closed <details> and no frame loads
 * until a reader opens one, so the resizer (embed.js, data-embed-src) loads then too. */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-embed-src");
  if (!src) return;
  function open(details) {
    return details && details.matches && details.matches("details.omg-preview-box[open]");
  }
  function load(event) {
    if (event && !open(event.target)) return;
    document.removeEventListener("toggle", load, true);
    var script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
  }
  document.addEventListener("toggle", load, true);     // toggle does not bubble: capture it
  if (document.querySelector("details.omg-preview-box[open]")) load();
})();
