/* Open MILD Guide: runs inside an embed page (embed/...). MIT licence, no dependencies.
 * Loaded in <head> without `defer`, so the theme is set before the first paint.
 *
 * Options from the embed address (the snippet's iframe src):
 *   ?theme=light (default) | dark | auto (follows the reader's device)
 *   &clinic=show   shows the clinic's "Shared with you by" box (clinic builds; off by default)
 *
 * Messages to the page that frames us (the exact shapes; nothing else is ever sent, and
 * nothing leaves the browser: the host page decides what, if anything, to log):
 *   {type: "open-mild-guide:height", version: 1, height: <whole CSS px>}   our content height
 *   {type: "open-mild-guide:scroll", version: 1, top: <whole CSS px>}      an in-page link
 *       (a "#source-…" link) was followed: scroll the host to the frame's top plus `top`
 *   {type: "open-mild-guide:event", version: 1, event: "viewed"}           first time on screen
 *   {type: "open-mild-guide:event", version: 1, event: "link-opened", url: "<absolute URL>"}
 *   {type: "open-mild-guide:event", version: 1, event: "print"}            printed (button or host)
 * They carry nothing secret, so they go to any parent ("*"); the host script (embed.js)
 * checks that they come from this frame and this origin. The host's
 * {type: "open-mild-guide:ping", version: 1, width, printWidth} means "I size you": we answer
 * with the height and stop scrolling ourselves, and in-page links then ask the host to scroll.
 * In print the host gives us printWidth px and a height computed from ours; we keep our
 * screen layout (`width` px) and scale it down, so the content fits that height exactly.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var params;
  try { params = new URLSearchParams(location.search); } catch (e) { params = null; }
  var theme = params && params.get("theme");
  root.setAttribute("data-omg-theme", theme === "dark" || theme === "auto" ? theme : "light");
  if (params && params.get("clinic") === "show") root.setAttribute("data-omg-clinic-box", "");

  var framed = window.parent !== window;
  var PREFIX = "open-mild-guide:";
  var last = -1;
  var viewed = false;
  var loaded = false;

  function post(message) {
    if (framed) window.parent.postMessage(message, "*");
  }
  function event(name, url) {
    var m = { type: PREFIX + "event", version: 1, event: name };
    if (url) m.url = url;
    post(m);
  }
  function height() {
    return Math.ceil(root.getBoundingClientRect().height);
  }
  function whole(n) {
    return typeof n === "number" && isFinite(n) && Math.floor(n) === n && n > 0 && n <= 100000;
  }
  function printing() {
    return !!(window.matchMedia && window.matchMedia("print").matches);
  }
  function send(force) {
    if (!framed || printing()) return;
    var h = height();
    if (!force && h === last) return;
    last = h;
    post({ type: PREFIX + "height", version: 1, height: h });
  }
  function seen() {
    if (viewed || !loaded) return;
    viewed = true;
    event("viewed");
  }

  // The Print button (a plain button: window.print, nothing else).
  document.addEventListener("click", function (e) {
    var button = e.target && e.target.closest ? e.target.closest("[data-omg-print]") : null;
    if (!button) return;
    root.classList.add("omg-printing-self");    // printed alone: full page width, no zoom
    window.print();
  });
  window.addEventListener("beforeprint", function () { event("print"); });
  window.addEventListener("afterprint", function () { root.classList.remove("omg-printing-self"); });

  // Links: in-page ones ask the host to scroll (we cannot scroll ourselves when the host sizes
  // us); the others are reported as "link-opened" and open as usual (in a new tab).
  document.addEventListener("click", function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    var a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
    if (!a) return;
    var href = a.getAttribute("href");
    if (href.charAt(0) !== "#") {
      event("link-opened", a.href);
      return;
    }
    var target = null;
    try { target = document.getElementById(decodeURIComponent(href.slice(1))); } catch (err) { /* bad escape */ }
    if (!target || !framed || !root.classList.contains("omg-sized-by-host")) return;
    e.preventDefault();
    var old = document.querySelector(".omg-target");
    if (old) old.classList.remove("omg-target");
    target.classList.add("omg-target");
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    var top = Math.max(0, Math.round(target.getBoundingClientRect().top + window.pageYOffset));
    post({ type: PREFIX + "scroll", version: 1, top: top });
  });

  if (!framed) return;
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent) return;
    var d = e.data;
    if (d && typeof d === "object" && d.type === PREFIX + "ping") {
      root.classList.add("omg-sized-by-host");
      // Our width on screen and in print, from the host (not from our own resize events:
      // while a host page prints, Chromium resizes us without `print` matching in here).
      if (whole(d.width) && whole(d.printWidth) && d.printWidth <= d.width) {
        root.style.setProperty("--omg-screen-width", d.width + "px");
        root.style.setProperty("--omg-print-zoom", String(d.printWidth / d.width));
      }
      send(true);
    }
  });
  window.addEventListener("load", function () {
    loaded = true;
    send(true);
    if (typeof IntersectionObserver !== "function") { seen(); return; }
    new IntersectionObserver(function (entries, observer) {
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) { seen(); observer.disconnect(); return; }
      }
    }).observe(document.body);
  });
  window.addEventListener("resize", function () { send(false); });
  document.addEventListener("toggle", function () { send(false); }, true);   // <details>
  document.addEventListener("DOMContentLoaded", function () {
    send(true);
    if (typeof ResizeObserver === "function") {
      new ResizeObserver(function () { send(false); }).observe(root);
    }
  });
})();
