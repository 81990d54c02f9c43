"""Measure every widget's height in a host page, for the no-script snippets (issue 15 §2).

Usage: .venv/bin/python scripts/measure_embed_heights.py [SITE_DIR]   (default: site/)
Needs a built site, the test tools (Playwright) and Chromium. Serves the site, puts each
widget's snippet on a plain host page (1 rem side padding) at a phone (390 px) and a desktop
(1280 px, 60 rem column) width, reads the height the host script sets, and writes them to the
`snippets` section of the one height store (mildguide.site.embed_heights), which the build
reads for the no-script snippets on the Embed page. Run it again when a widget changes a lot;
tests/test_embed_nojs.py says when the heights are stale.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts"))

WIDTHS = {"phone": 390, "desktop": 1280}


def measure(site: Path, work: Path) -> dict[str, dict[str, int]]:
    from browser import chromium
    from embedhost import host_and_guide, snippets, wait_sized, write_host

    out: dict[str, dict[str, int]] = {}
    with host_and_guide(site, work) as (host, guide), chromium() as browser:
        for i, widget in enumerate(snippets(site)):
            name = write_host(work, site, guide, [widget], name=f"measure-{i}.html")
            out[widget] = {}
            for label, width in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": 900})
                page = context.new_page()
                page.goto(host + name)
                wait_sized(page)
                out[widget][label] = round(page.query_selector("iframe[data-omg-embed]").bounding_box()["height"])
                context.close()
    return out


def main() -> None:
    import tempfile

    site = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "site"
    with tempfile.TemporaryDirectory() as tmp:
        heights = measure(site, Path(tmp))
    from mildguide.site.embed_heights import save
    save(snippets=heights)
    for widget, h in heights.items():
        print(f"{widget:48} phone {h['phone']:5}  desktop {h['desktop']:5}")


if __name__ == "__main__":
    main()
