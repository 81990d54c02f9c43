/* Open MILD Guide: names for the copy-button bars of code boxes (the Embed page's snippets).
 * Material's content.code.copy wraps each box's buttons in a <nav> with no name; with many
 * boxes on one page they are landmarks nobody can tell apart (axe landmark-unique). Each
 * gets a numbered name. Hand-written: Material has no option for it. */
(function () {
  "use strict";
  // Numbered by the box's place among the page's code boxes, not among the bars there so
  // far: Material adds a bar when its box is scrolled near (content.lazy), in any order.
  function label() {
    var navs = document.querySelectorAll(".md-code__nav:not([aria-label])");
    if (!navs.length) return;
    var boxes = Array.prototype.slice.call(document.querySelectorAll("pre"));
    for (var i = 0; i < navs.length; i++) {
      navs[i].setAttribute("aria-label", "Code box " + (boxes.indexOf(navs[i].closest("pre")) + 1));
    }
  }
  label();
  if (typeof MutationObserver === "function") {
    new MutationObserver(label).observe(document.documentElement, { childList: true, subtree: true });
  }
})();
