/* Open MILD Guide: names for the copy-button bars of code boxes (the Embed page's snippets).
 * Material's content.code.copy wraps each box's buttons in a <nav> with no name; with many
 * boxes on one page they are landmarks nobody can tell apart (axe landmark-unique). Each
 * gets a numbered name. Hand-written: Material has no option for it. */
(function () {
  "use strict";
  function label() {
    var navs = document.querySelectorAll(".md-code__nav:not([aria-label])");
    for (var i = 0; i < navs.length; i++) {
      var all = document.querySelectorAll(".md-code__nav");
      var n = Array.prototype.indexOf.call(all, navs[i]) + 1;
      navs[i].setAttribute("aria-label", "Code box " + n);
    }
  }
  label();
  if (typeof MutationObserver === "function") {
    new MutationObserver(label).observe(document.documentElement, { childList: true, subtree: true });
  }
})();
