/* Open MILD Guide: a stand-in for Material's search worker (12 KB gzip), which Material starts
 * on every page load. ../search-on-demand.js points Material here and puts the real worker's
 * URL in this script's #hash. The real worker is loaded with the first message, which Material
 * sends only once the search index has arrived, that is once the reader has opened search.
 */
"use strict";

function wake(event) {
  self.removeEventListener("message", wake);
  importScripts(decodeURIComponent(self.location.hash.slice(1)));
  // The real worker listens now: hand it the message that woke us.
  self.dispatchEvent(new MessageEvent("message", { data: event.data }));
}

self.addEventListener("message", wake);
