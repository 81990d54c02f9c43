"""Measure how tall each embed is, for frames that cannot size themselves (oEmbed, CMSs that
strip scripts), and write scripts/mildguide/data/embed_heights.json.

    .venv/bin/python -m mildguide.site.embed_heights site        # after `make build`

Opens every `embed/…/index.html` of the built site in Chromium (Playwright; the test tools)
at a phone and a desktop frame width and records the page's scroll height, rounded up to
10 px. Run it again after a page changes a lot: tests/test_oembed.py fails when a recorded
height is more than TOLERANCE off.
"""
from __future__ import annotations

import argparse
import functools
import json
import math
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import oembed as O

WIDTHS = (O.PHONE_WIDTH, O.WIDTH)
TOLERANCE = 0.25       # a recorded height may be this far off the measured one
MEASURE_JS = "document.fonts.ready.then(() => document.documentElement.scrollHeight)"


def embed_paths(site: Path) -> list[str]:
    """`embed/recovery/`, `embed/faq/topic-cost/` … for every embed page in the built site."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "embed").rglob("index.html"))


def measure(browser, base_url: str, paths: list[str], widths=WIDTHS) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for width in widths:
        context = browser.new_context(viewport={"width": width, "height": 200})
        page = context.new_page()
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            height = page.evaluate(MEASURE_JS)
            out.setdefault(path, {})[str(width)] = int(math.ceil(height / 10) * 10)
        context.close()
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", default="site")
    args = parser.parse_args(argv)
    site = Path(args.site).resolve()
    from playwright.sync_api import sync_playwright
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                         headless=True, args=["--no-sandbox", "--disable-gpu"])
            heights = measure(browser, f"http://127.0.0.1:{server.server_address[1]}/", embed_paths(site))
            browser.close()
    finally:
        server.shutdown()
    O.HEIGHTS.parent.mkdir(parents=True, exist_ok=True)
    O.HEIGHTS.write_text(json.dumps({
        "about": "Scroll height (px) of each embed at frame widths "
                 f"{' and '.join(map(str, WIDTHS))} px, measured in Chromium by "
                 "`python -m mildguide.site.embed_heights site`.",
        "widths": list(WIDTHS),
        "heights": heights}, indent=1, sort_keys=False) + "\n", encoding="utf-8")
    print(f"{O.HEIGHTS}: {len(heights)} embeds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
