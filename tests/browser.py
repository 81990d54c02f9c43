"""Shared browser-test plumbing: a local static server and Debian's Chromium via Playwright.

Playwright never downloads a browser here; it drives /usr/bin/chromium (CHROMIUM env var
overrides). `make test` installs chromium first (scripts/ensure-chromium.sh).
"""
from __future__ import annotations

import contextlib
import functools
import os
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Iterator

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags that keep Chromium from phoning home (this machine has no network but loopback).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions",
]

HeaderRule = Callable[[str], dict[str, str]]   # request path -> extra response headers


def _handler(directory: Path, header_rule: HeaderRule | None):
    class Handler(SimpleHTTPRequestHandler):
        def end_headers(self):
            if header_rule:
                for name, value in header_rule(self.path).items():
                    self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):   # keep test output readable
            pass

    return functools.partial(Handler, directory=str(directory))


class _Server(ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that closes a page drops its unfinished requests: not the site's fault,
        # and its traceback would only clutter the suite's output. Anything else is printed.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(directory: Path, header_rule: HeaderRule | None = None) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 at a free port; yields the base URL ending in '/'."""
    server = _Server(("127.0.0.1", 0), _handler(Path(directory), header_rule))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium() -> Iterator["object"]:
    """A headless Debian Chromium driven by Playwright."""
    if not Path(CHROMIUM).exists():
        raise RuntimeError(f"{CHROMIUM} is missing. Run: sudo apt-get install -y chromium "
                           "(make test does this when run as root)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def at_site_url_path(site: Path, root: Path, header_rule: HeaderRule | None = None) -> Iterator[str]:
    """Serve the build `site` at the path of its own site_url (/guide/, /guides/mild/) under
    the empty folder `root`, as a host does: the 404 page links its assets from there.
    Yields the URL of the site's home."""
    from urllib.parse import urlsplit
    from readerkit import site_base
    path = urlsplit(site_base(site)).path.strip("/")
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).symlink_to(site, target_is_directory=True)
    with serve(root, header_rule) as base:
        yield f"{base}{path}/"
