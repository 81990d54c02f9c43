/* Open MILD Guide: host-page script for clinic websites. MIT licence, no dependencies.
 * Sizes every <iframe data-omg-embed src="https://…/embed/…"> to the height of its content.
 * It accepts a message only when (1) it comes from the window inside one of those iframes,
 * (2) its origin is that iframe's own origin (taken from the iframe's src), and (3) it has
 * exactly the expected shape: {type: "open-mild-guide:height", version: 1, height: 1…100000}.
 * Works under a strict Content-Security-Policy: no inline code, no eval, no style attributes
 * in markup (sizes are set through the CSSOM).
 */
(function () {
  "use strict";
  if (window.__openMildGuideEmbed) return;       // the snippet may be pasted more than once
  window.__openMildGuideEmbed = true;
  var TYPE = "open-mild-guide:height";
  var MAX = 100000;

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-omg-embed]"));
  }

  function originOf(frame) {
    try { return new URL(frame.getAttribute("src"), document.baseURI).origin; }
    catch (e) { return null; }
  }

  function valid(data) {
    if (!data || typeof data !== "object" || Array.isArray(data)) return false;
    var keys = Object.keys(data).sort().join(",");
    return keys === "height,type,version" && data.type === TYPE && data.version === 1 &&
      typeof data.height === "number" && isFinite(data.height) &&
      Math.floor(data.height) === data.height && data.height > 0 && data.height <= MAX;
  }

  function ping(frame) {
    var origin = originOf(frame);
    if (origin && frame.contentWindow) {
      frame.contentWindow.postMessage({ type: "open-mild-guide:ping", version: 1 }, origin);
    }
  }

  function setup(frame) {
    if (frame.__omgReady) return;
    frame.__omgReady = true;
    frame.style.border = "0";
    frame.style.display = "block";
    frame.style.overflow = "hidden";
    frame.setAttribute("scrolling", "no");
    frame.addEventListener("load", function () { ping(frame); });
    ping(frame);
  }

  window.addEventListener("message", function (event) {
    var list = frames();
    for (var i = 0; i < list.length; i++) {
      var frame = list[i];
      if (event.source !== frame.contentWindow) continue;
      if (event.origin !== originOf(frame)) return;
      if (!valid(event.data)) return;
      frame.style.height = event.data.height + "px";
      return;
    }
  });

  function init() { frames().forEach(setup); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  if (typeof MutationObserver === "function") {      // iframes added later by a CMS
    new MutationObserver(init).observe(document.documentElement, { childList: true, subtree: true });
  }
})();
