"""Embed page weights: first-load bytes (raw and gzip) and requests of every embed page.

Builds the real site (strict) into a temporary folder, then measures each embed page: its
HTML plus every stylesheet, script and image it loads (all from the guide's own host).
Target (issue 6): at most 25 KB gzip per embed page; no request to another host.
"""
from __future__ import annotations

import gzip
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

TARGET = 25 * 1024


def main() -> None:
    from mildguide.site.embed import first_load
    from sitebuild import built_site

    with built_site() as site:
        rows = []
        for page in sorted((site / "embed").rglob("index.html")):
            raw, gz, requests = first_load(site, page)
            rows.append((page.parent.relative_to(site).as_posix() + "/", raw, gz, requests))
        width = max(len(r[0]) for r in rows)
        print(f"   {'embed page':<{width}}  {'raw B':>8}  {'gzip B':>7}  requests")
        for url, raw, gz, requests in rows:
            flag = "" if gz <= TARGET else "  OVER 25 KB"
            print(f"   {url:<{width}}  {raw:>8}  {gz:>7}  {requests:>8}{flag}")
        gzs = [r[2] for r in rows]
        print(f"   {len(rows)} embed pages; gzip first load: median {statistics.median(gzs) / 1024:.1f} KB, "
              f"max {max(gzs) / 1024:.1f} KB (target <= 25 KB); requests {min(r[3] for r in rows)}-"
              f"{max(r[3] for r in rows)}, all to the guide's own host")
        host = site / "assets/javascripts/embed.js"
        frame = site / "assets/javascripts/embed-frame.js"
        for f in (host, frame):
            print(f"   {f.relative_to(site)}: {f.stat().st_size} B raw, {len(gzip.compress(f.read_bytes(), 9))} B gzip")


if __name__ == "__main__":
    main()
