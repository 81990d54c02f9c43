/* Open MILD Guide: load search only when a reader opens it.
 * Material 9.8 requests search/search_index.json (about 23 KB gzip here) and starts its search
 * worker (12 KB gzip) on every page load over http(s), although most readers never search.
 * Neither Material nor MkDocs has a setting for this, so this small shim is hand-written:
 * 1. it holds back the send() of the one XMLHttpRequest for the index until the search toggle
 *    (#__search) is switched on or the search box gets focus, and sends it at once when the
 *    URL asks for a search (?q=) or highlighting (?h=);
 * 2. it points Material's worker setting (in the #__config JSON) at workers/search-loader.js,
 *    which loads the real worker only with its first message: the index, once it has arrived.
 * Until the index arrives Material shows its own "Initializing search" message.
 * It must run before Material's bundle (overrides/main.html, block config).
 */
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
