/* Open MILD Guide: the "Print this page" button (overrides/main.html). It only calls
 * window.print(): no tracking, nothing sent. The button is hidden until this script runs,
 * so readers without scripts never see a button that does nothing. */
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
