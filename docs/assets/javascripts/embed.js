/* Open MILD Guide: host-page script for clinic websites. MIT licence, no dependencies.
 * Sizes every <iframe data-omg-embed src="https://…/embed/…"> to the height of its content,
 * keeps it whole in print, scrolls to in-frame links, and passes on the frame's reading events.
 *
 * It accepts a message only when (1) it comes from the window inside one of those iframes,
 * (2) its origin is that iframe's own origin (taken from the iframe's src), and (3) it has
 * exactly one of these shapes (no other key, no other value type):
 *   {type: "open-mild-guide:height", version: 1, height: 1…100000}
 *   {type: "open-mild-guide:scroll", version: 1, top: 0…100000}
 *   {type: "open-mild-guide:event", version: 1, event: "viewed" | "print"}
 *   {type: "open-mild-guide:event", version: 1, event: "link-opened", url: "http(s)://…"}
 * An event becomes a DOM event "open-mild-guide" on the iframe (it bubbles), with
 * detail = {event, url (link-opened only), src (the iframe's address)}: a host page may
 * log it itself. Nothing is sent anywhere by this script.
 * Works under a strict Content-Security-Policy: no inline code, no eval, no style attributes
 * in markup (sizes are set through the CSSOM).
 */
(function () {
  "use strict";
  if (window.__openMildGuideEmbed) return;       // the snippet may be pasted more than once
  window.__openMildGuideEmbed = true;
  var PREFIX = "open-mild-guide:";
  var MAX = 100000;
  // In print a frame gets at most PRINT_WIDTH px and the frame scales its screen layout to
  // that width (embed-frame.js, same figure): the printed height is known in advance, so
  // the frame prints whole with its notice, review date and attribution.
  var PRINT_WIDTH = 600;

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll("iframe[data-omg-embed]"));
  }

  function originOf(frame) {
    try { return new URL(frame.getAttribute("src"), document.baseURI).origin; }
    catch (e) { return null; }
  }

  function whole(n, low) {
    return typeof n === "number" && isFinite(n) && Math.floor(n) === n && n >= low && n <= MAX;
  }

  function valid(d) {
    if (!d || typeof d !== "object" || Array.isArray(d) || d.version !== 1) return false;
    var keys = Object.keys(d).sort().join(",");
    if (d.type === PREFIX + "height") return keys === "height,type,version" && whole(d.height, 1);
    if (d.type === PREFIX + "scroll") return keys === "top,type,version" && whole(d.top, 0);
    if (d.type !== PREFIX + "event") return false;
    if (d.event === "viewed" || d.event === "print") return keys === "event,type,version";
    return d.event === "link-opened" && keys === "event,type,url,version" &&
      typeof d.url === "string" && d.url.length <= 2048 && /^(https?:|mailto:|tel:)/.test(d.url);
  }

  // Has the frame's own document loaded? Before, its window is an about:blank of OUR origin,
  // and a message to the guide's origin would only earn a console warning.
  function loaded(frame) {
    try { return frame.contentWindow.location.href !== "about:blank"; }
    catch (e) { return true; }     // cross-origin: the guide's page is in it
  }

  function ping(frame) {
    var origin = originOf(frame);
    // The width is read last: reading it lays out the page, wasted on a frame not loaded yet.
    if (!origin || !frame.contentWindow || !loaded(frame)) return;
    var width = frame.clientWidth;
    if (width > 0) {
      frame.__omgWidth = width;
      frame.contentWindow.postMessage({ type: PREFIX + "ping", version: 1, width: width,
                                        printWidth: Math.min(width, PRINT_WIDTH) }, origin);
    }
  }

  function printSize(frame) {
    var width = frame.clientWidth;
    var h = frame.__omgHeight;
    if (!width || !h) return;
    var w = Math.min(width, PRINT_WIDTH);
    frame.style.setProperty("--omg-print-width", w + "px");
    frame.style.setProperty("--omg-print-height", Math.ceil(h * w / width) + 2 + "px");
  }

  // The print rule, added through the CSSOM (works under a strict style-src).
  var PRINT_RULE = "@media print { iframe[data-omg-embed] { width: var(--omg-print-width, 100%) !important;" +
    " height: var(--omg-print-height, auto) !important; max-width: none !important; break-inside: avoid; } }";
  try {
    var sheet = new CSSStyleSheet();
    sheet.replaceSync(PRINT_RULE);
    document.adoptedStyleSheets = document.adoptedStyleSheets.concat([sheet]);
  } catch (e) {
    // Older browsers: set the print sizes around printing instead.
    window.addEventListener("beforeprint", function () {
      frames().forEach(function (f) {
        var w = f.style.getPropertyValue("--omg-print-width");
        if (!w) return;
        f.__omgScreen = [f.style.width, f.style.height];
        f.style.width = w;
        f.style.height = f.style.getPropertyValue("--omg-print-height");
      });
    });
    window.addEventListener("afterprint", function () {
      frames().forEach(function (f) {
        if (!f.__omgScreen) return;
        f.style.width = f.__omgScreen[0];
        f.style.height = f.__omgScreen[1];
        f.__omgScreen = null;
      });
    });
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
      var d = event.data;
      if (!valid(d)) return;
      if (d.type === PREFIX + "height") {
        if (window.matchMedia && window.matchMedia("print").matches) return;   // the screen size stays
        frame.__omgHeight = d.height;
        frame.style.height = d.height + "px";
        if (frame.clientWidth !== frame.__omgWidth) ping(frame);   // its width changed too
        printSize(frame);
      } else if (d.type === PREFIX + "scroll") {
        var top = frame.getBoundingClientRect().top + window.pageYOffset + d.top;
        window.scrollTo({ top: Math.max(0, top - 16), behavior: "auto" });
      } else {
        var detail = { event: d.event, src: frame.src };
        if (d.url) detail.url = d.url;
        frame.dispatchEvent(new CustomEvent("open-mild-guide", { bubbles: true, detail: detail }));
      }
      return;
    }
  });

  window.addEventListener("resize", function () {
    if (window.matchMedia && window.matchMedia("print").matches) return;
    frames().forEach(function (frame) {
      if (frame.__omgWidth && frame.clientWidth !== frame.__omgWidth) ping(frame);   // new widths
      printSize(frame);
    });
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
