/* Open MILD Guide: Material's search index and worker load only when a reader opens search.
 * How, and why here: overrides/main.html, block config (every page loads this file). */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var send = proto.send;
  var opened = /[?&][qh]=/.test(location.search);
  var held = [];
  var config = document.getElementById("__config");
  var here = document.currentScript && document.currentScript.src;

  if (config && here) {
    var settings = JSON.parse(config.textContent);
    if (settings.search) {
      var worker = new URL(settings.search, document.baseURI).href;
      settings.search = new URL("workers/search-loader.js", here).href + "#" + encodeURIComponent(worker);
      config.textContent = JSON.stringify(settings);
    }
  }

  function release() {
    if (opened) return;
    opened = true;
    held.splice(0).forEach(function (go) { go(); });
  }

  proto.open = function (method, url) {
    this.omgSearchIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    var xhr = this;
    var args = arguments;
    if (!xhr.omgSearchIndex || opened) return send.apply(xhr, args);
    held.push(function () {
      try { send.apply(xhr, args); } catch (e) { /* aborted before the reader searched */ }
    });
  };

  document.addEventListener("change", function (event) {
    if (event.target.id === "__search" && event.target.checked) release();
  }, true);
  document.addEventListener("focusin", function (event) {
    if (event.target.closest && event.target.closest("form[name=search]")) release();
  }, true);
})();
