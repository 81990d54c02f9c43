/* Open MILD Guide: load the search index only when a reader opens search.
 * Material 9.8 requests search/search_index.json (about 23 KB gzip here) on every page load
 * over http(s), although most readers never search. Neither Material nor MkDocs has a setting
 * for this, so this small shim is hand-written: it holds back the send() of that one
 * XMLHttpRequest until the search toggle (#__search) is switched on or the search box gets
 * focus, and sends it at once when the URL asks for a search (?q=) or highlighting (?h=).
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
