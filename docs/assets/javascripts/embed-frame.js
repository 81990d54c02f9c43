/* Open MILD Guide: runs inside an embed page (embed/...). MIT licence.
 * Tells the page that frames it how tall our content is, so its embed.js can size the
 * iframe. Message shape (nothing else is ever sent):
 *   {type: "open-mild-guide:height", version: 1, height: <whole CSS pixels>}
 * The height is not secret, so it is posted to any parent ("*"); the host script checks
 * that it comes from our origin. On the host's request {type: "open-mild-guide:ping"} we
 * answer with the height, and stop scrolling ourselves (the host now sizes us).
 */
(function () {
  "use strict";
  if (window.parent === window) return;          // not framed: nothing to do
  var TYPE = "open-mild-guide:height";
  var root = document.documentElement;
  var last = -1;

  function height() {
    return Math.ceil(root.getBoundingClientRect().height);
  }

  function send(force) {
    var h = height();
    if (!force && h === last) return;
    last = h;
    window.parent.postMessage({ type: TYPE, version: 1, height: h }, "*");
  }

  window.addEventListener("message", function (event) {
    if (event.source !== window.parent) return;
    var d = event.data;
    if (d && typeof d === "object" && d.type === "open-mild-guide:ping") {
      root.classList.add("omg-sized-by-host");
      send(true);
    }
  });
  window.addEventListener("load", function () { send(true); });
  window.addEventListener("resize", function () { send(false); });
  document.addEventListener("toggle", function () { send(false); }, true);   // <details>
  if (typeof ResizeObserver === "function") {
    new ResizeObserver(function () { send(false); }).observe(root);
  }
  send(true);
})();
