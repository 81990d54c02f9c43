/* Open MILD Guide: the Print button (overrides/main.html): window.print() only, nothing sent. */
(function () {
  "use strict";
  function setup() {
    var buttons = document.querySelectorAll("button[data-omg-print]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () { window.print(); });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
  // Material's instant navigation swaps the page without reloading scripts.
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setup);
})();
