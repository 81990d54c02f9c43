/* Open MILD Guide: stands in for Material's search worker until the first search
 * (overrides/main.html, block config). The real worker's URL is in this script's #hash. */
"use strict";

function wake(event) {
  self.removeEventListener("message", wake);
  importScripts(decodeURIComponent(self.location.hash.slice(1)));
  // The real worker listens now: hand it the message that woke us.
  self.dispatchEvent(new MessageEvent("message", { data: event.data }));
}

self.addEventListener("message", wake);
