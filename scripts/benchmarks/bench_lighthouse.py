"""Lighthouse mobile performance of one page (default /faq/), median of 3 runs (issue 13).

Lighthouse is a Node tool, so it is not in the Python lock. Install it once beside the repo
(it is git-ignored; 12.2.3 is the newest that runs on Debian's Node 20):

    npm install --prefix .lighthouse -E lighthouse@12.2.3

It drives Debian's /usr/bin/chromium (CHROME_PATH), headless, against the site served on
127.0.0.1: nothing is fetched from other hosts. Lighthouse's default mobile settings apply
(Moto G power emulation, simulated slow 4G), so the figures do not depend much on this
machine's load.
  BENCH_LIGHTHOUSE_SITE  a built site folder to measure (default: build the guide now);
                         e.g. a build of an older commit, for a before/after table
  BENCH_LIGHTHOUSE_PAGE  the page's path in the site (default "faq/")
Prints figures; never fails on a target.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import statistics
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = Path(os.environ.get("LIGHTHOUSE", ROOT / ".lighthouse/node_modules/.bin/lighthouse"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
RUNS = 3


@contextlib.contextmanager
def served(site: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass
    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def run_once(url: str) -> dict:
    proc = subprocess.run(
        [str(LIGHTHOUSE), url, "--only-categories=performance", "--output=json", "--output-path=stdout",
         "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=300)
    if proc.returncode != 0:
        raise SystemExit(f"lighthouse failed:\n{proc.stderr[-2000:]}")
    lhr = json.loads(proc.stdout)
    audits = lhr["audits"]
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    stylesheets = [r for r in requests if r.get("resourceType") == "Stylesheet"]
    return {
        "score": round(lhr["categories"]["performance"]["score"] * 100),
        "FCP ms": audits["first-contentful-paint"]["numericValue"],
        "LCP ms": audits["largest-contentful-paint"]["numericValue"],
        "TBT ms": audits["total-blocking-time"]["numericValue"],
        "CLS": audits["cumulative-layout-shift"]["numericValue"],
        "stylesheets": len(stylesheets),
        "requests": len(requests),
        "other hosts": sum(1 for r in requests if urlsplit(r["url"]).scheme in ("http", "https")
                           and urlsplit(r["url"]).netloc != urlsplit(url).netloc),
    }


def render_blocking(html_file: Path) -> int:
    """Stylesheets and classic scripts in <head> that hold the first paint (Lighthouse 12 marks
    its render-blocking audit not applicable on a local server, so count them from the page)."""
    from lxml import html as lxml_html
    head = lxml_html.parse(str(html_file)).getroot().find("head")
    sheets = [e for e in head.iter("link") if "stylesheet" in (e.get("rel") or "").split()
              and (e.get("media") or "all") in ("all", "screen") and e.get("disabled") is None]
    scripts = [e for e in head.iter("script") if e.get("src") and e.get("async") is None
               and e.get("defer") is None and e.get("type") != "module"]
    return len(sheets) + len(scripts)


def main() -> None:
    if not LIGHTHOUSE.exists():
        print("   Lighthouse is not installed; to measure, run once:\n"
              "     npm install --prefix .lighthouse -E lighthouse@12.2.3")
        return
    page = os.environ.get("BENCH_LIGHTHOUSE_PAGE", "faq/")
    with contextlib.ExitStack() as stack:
        site = os.environ.get("BENCH_LIGHTHOUSE_SITE")
        if site:
            site = Path(site)
        else:
            sys.path.insert(0, str(ROOT / "tests"))
            from sitebuild import built_site
            site = stack.enter_context(built_site())
        base = stack.enter_context(served(site))
        runs = [run_once(base + page) for _ in range(RUNS)]
        blocking = render_blocking(site / page / "index.html")
    print(f"   Lighthouse mobile, /{page} of {site}, median of {RUNS} runs:")
    print(f"     render-blocking  {blocking:>8}   (stylesheets and classic scripts in <head>)")
    for key in runs[0]:
        values = [r[key] for r in runs]
        median = statistics.median(values)
        shown = f"{median:.3f}" if key == "CLS" else f"{median:.0f}"
        print(f"     {key:<16} {shown:>8}   (runs: {', '.join(f'{v:.3g}' for v in values)})")


if __name__ == "__main__":
    main()
