/* Open MILD Guide: the Embed page's previews wait in closed <details>, each frame in a <noscript>
 * (text while scripts run: no frame exists until asked for). Opening a box makes its frame, and
 * the first one loads the resizer (embed.js, data-embed-src), which sizes frames added later. */
(function () {
  "use strict";
  var me = document.currentScript;
  var src = me && me.getAttribute("data-embed-src");
  if (!src) return;
  var script = null;
  function show(details) {
    var waiting = details.querySelector(":scope > noscript");
    if (!waiting) return;
    waiting.insertAdjacentHTML("afterend", waiting.textContent);
    waiting.remove();
    if (script) return;
    script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
  }
  function toggled(event) {
    var details = event.target;
    if (details.matches && details.matches("details.omg-preview-box[open]")) show(details);
  }
  document.addEventListener("toggle", toggled, true);     // toggle does not bubble: capture it
  var open = document.querySelectorAll("details.omg-preview-box[open]");
  for (var i = 0; i < open.length; i++) show(open[i]);
})();
