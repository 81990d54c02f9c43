"""Heights of the embeds, for frames that cannot size themselves: the no-script snippets on the
Embed page and the oEmbed `html` (a CMS that strips our script keeps a fixed height). The one
height store is scripts/mildguide/data/embed_heights.json; this module is the one tool that
writes it and the one place that turns it into a frame height.

    make build && PYTHONPATH=scripts .venv/bin/python -m mildguide.site.embed_heights site

Opens every `embed/…/index.html` and `es/embed/…/index.html` of the built site in Chromium
(Playwright: the test tools) at frame widths PHONE and WIDTH and records the page's scroll
height, rounded up to 10 px.

`fixed_height()` is what a fixed frame gets: the height at the PHONE width (the tallest a
frame at least that wide needs) plus MARGIN, so the bottom of the embed (the credit and the
"not medical advice" line) shows on a phone, and in a clinic's build too, whose own name and
contact lines are longer than the guide's. An embed not measured yet (a new page, a page only
a clinic has) gets an estimate from its text instead, ESTIMATE_PX_PER_CHAR per character
plus ESTIMATE_BASE, larger than any measured embed needs (tests/test_oembed.py measures the
embeds and checks that every fixed height fits, so a new page never needs measuring first).
"""
from __future__ import annotations

import argparse
import functools
import json
import math
import os
import re
import threading
from functools import lru_cache
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

STORE = Path(__file__).parents[1] / "data" / "embed_heights.json"
PHONE, WIDTH = 360, 640          # frame widths measured: a small phone, a common content column
WIDTHS = (PHONE, WIDTH)
MARGIN = 0.15                    # fixed height = phone height × (1 + MARGIN) + MARGIN_PX
MARGIN_PX = 120
ESTIMATE_PX_PER_CHAR = 1.6       # measured embeds need 0.8–1.4 px per character at 360 px
ESTIMATE_BASE = 400
TALL = 2500                      # above this, the Embed page says to use the script snippet
MEASURE_JS = "document.fonts.ready.then(() => document.documentElement.scrollHeight)"
_TAGS = re.compile(r"<script\b.*?</script>|<style\b.*?</style>|<[^>]+>", re.S | re.I)


@lru_cache(maxsize=1)
def stored() -> dict[str, dict[str, int]]:
    try:
        return json.loads(STORE.read_text(encoding="utf-8")).get("heights", {})
    except (OSError, ValueError):
        return {}


def _round(value: float) -> int:
    return int(math.ceil(value / 10) * 10)


def estimate(embed_html: str) -> int:
    """A height (px) that holds an unmeasured embed at the PHONE width, from its text."""
    main = embed_html.split("<main", 1)[-1]
    chars = len(" ".join(_TAGS.sub(" ", main).split()))
    return _round(chars * ESTIMATE_PX_PER_CHAR + ESTIMATE_BASE)


def fixed_height(embed_path: str, embed_html: str | None = None) -> int:
    """The height (px) of a fixed frame for the embed at `embed_path` (`es/embed/recovery/`):
    its measured PHONE height plus the margin; unmeasured, the estimate from `embed_html`."""
    value = (stored().get(embed_path) or {}).get(str(PHONE))
    if isinstance(value, (int, float)) and value > 0:
        return _round(value * (1 + MARGIN) + MARGIN_PX)
    return estimate(embed_html or "")


def is_measured(embed_path: str) -> bool:
    return str(PHONE) in (stored().get(embed_path) or {})


def embed_paths(site: Path) -> list[str]:
    """`embed/recovery/`, `es/embed/faq/topic-cost/` … for every embed page in the built site."""
    roots = [site / "embed"] + sorted(p for p in site.glob("*/embed") if p.is_dir())
    return sorted(p.parent.relative_to(site).as_posix() + "/" for root in roots for p in root.rglob("index.html"))


def measure(browser, base_url: str, paths: list[str], widths=WIDTHS) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for width in widths:
        context = browser.new_context(viewport={"width": width, "height": 200})
        page = context.new_page()
        for path in paths:
            page.goto(base_url + path, wait_until="load")
            out.setdefault(path, {})[str(width)] = _round(page.evaluate(MEASURE_JS))
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

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"),
                                         headless=True, args=["--no-sandbox", "--disable-gpu"])
            heights = measure(browser, f"http://127.0.0.1:{server.server_address[1]}/", embed_paths(site))
            browser.close()
    finally:
        server.shutdown()
    STORE.parent.mkdir(parents=True, exist_ok=True)
    STORE.write_text(json.dumps({
        "about": "Scroll height (px) of each embed, both languages, at frame widths "
                 f"{' and '.join(map(str, WIDTHS))} px, measured in Chromium by "
                 "`python -m mildguide.site.embed_heights site` (mildguide/site/embed_heights.py).",
        "widths": list(WIDTHS),
        "heights": heights}, indent=1) + "\n", encoding="utf-8")
    print(f"{STORE}: {len(heights)} embeds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
