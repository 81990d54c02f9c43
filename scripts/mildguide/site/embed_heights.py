"""The one store of measured embed heights, for frames that cannot size themselves (oEmbed,
CMSs that strip scripts): scripts/mildguide/data/embed_heights.json. Two measurements
write it, each its own section (`save` keeps the other):

- `heights`: each embed page's scroll height in a frame WIDTHS px wide, rounded up to 10 px
  (oEmbed's fixed height). This module measures it:

      .venv/bin/python -m mildguide.site.embed_heights site        # after `make build`

  It opens every `embed/…/index.html` of the built site in Chromium (Playwright; the test
  tools). tests/test_oembed.py fails when a recorded height is more than TOLERANCE off.
- `snippets`: each widget's frame in a plain host page with the host script, at a 390 px
  (phone) and a 1280 px (desktop) window: the Embed page's no-script snippets use the
  desktop one. scripts/measure_embed_heights.py measures it (with the tests' host page);
  tests/test_embed_nojs.py says when it is stale.

Run the measurement again after a page or widget changes a lot.
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

STORE = Path(__file__).parents[1] / "data" / "embed_heights.json"
FRAME_WIDTH = 640            # oEmbed's frame width: a common content column
PHONE_WIDTH = 360
WIDTHS = (PHONE_WIDTH, FRAME_WIDTH)
ABOUT = ("Measured embed heights (CSS px). heights: scroll height of each embed at frame widths "
         f"{' and '.join(map(str, WIDTHS))} px (oEmbed), by `python -m mildguide.site.embed_heights site`. "
         "snippets: each widget's frame in a host page at a 390 px (phone) and 1280 px (desktop) window "
         "(the no-script snippets), by scripts/measure_embed_heights.py.")
TOLERANCE = 0.25       # a recorded height may be this far off the measured one
MEASURE_JS = "document.fonts.ready.then(() => document.documentElement.scrollHeight)"


def load() -> dict:
    """The store ({} when it is missing or unreadable), parsed once per version of the file:
    `serve` rebuilds in one process, and a re-measured file must count."""
    try:
        stat = STORE.stat()
    except OSError:
        return {}
    return _parse(STORE, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=2)
def _parse(path: Path, mtime_ns: int, size: int) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def frame_heights() -> dict:
    """Embed path -> {width: height} (the `heights` section)."""
    return load().get("heights") or {}


def snippet_heights() -> dict:
    """Widget path -> {phone, desktop} (the `snippets` section)."""
    return load().get("snippets") or {}


def save(**sections) -> None:
    """Write the given sections (`heights`, `snippets`) into the store, keeping the others."""
    data = dict(load())      # load()'s dict is shared: never change it
    data.update(sections)
    out = {"about": ABOUT, "widths": list(WIDTHS)}
    out.update((key, data[key]) for key in ("heights", "snippets") if key in data)
    STORE.parent.mkdir(parents=True, exist_ok=True)
    STORE.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")


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
    save(heights=heights)
    print(f"{STORE}: {len(heights)} embeds")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
