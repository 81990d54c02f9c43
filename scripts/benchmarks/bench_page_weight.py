"""Page weight of every guide page on first load, measured in Chromium (issue 7.3).

Builds the real site (strict) into a temporary folder, serves it on 127.0.0.1, and loads each
page of the sitemap in a fresh browser context (empty cache) at phone size (390 px), waiting
until the network is idle. Material's search index and search worker are held back until a
reader opens search (docs/assets/javascripts/search-on-demand.js); they are reported on their
own line as the cost of the first search. For every response
it counts the bytes as sent uncompressed and as a static host would send them with gzip
(text types compressed at level 6; images and fonts as they are).
Targets (issue 27): a page <= 75 KB gzip on first load (the long-run goal is 60 KB); with
Lighthouse, mobile performance >= 95 and total blocking time <= 150 ms on every page.

Lighthouse (optional, `LIGHTHOUSE=1 make bench BENCH=page_weight`): installs npm
`lighthouse` into .cache/lighthouse the first time, serves the site WITH gzip (as a real host
does; an uncompressed test server skews the score) and prints mobile scores for a few pages
of every page of the sitemap, both languages (the median of LIGHTHOUSE_RUNS runs, default 3). Lighthouse 12.2.3 is pinned: 13 needs Node 22
and Debian bookworm has Node 20. LIGHTHOUSE_SITE=<a built site folder> scores that build
instead (e.g. an older commit's, for a before/after table); LIGHTHOUSE_PAGES="faq/ es/faq/ ..."
picks some pages. Each page also shows its render-blocking requests, counted from its <head>.
"""
from __future__ import annotations

import contextlib
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

TARGET = 75 * 1024
PERF_TARGET, TBT_TARGET = 95, 150
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml", "application/manifest+json")
# Empty: every page. A page as the sitemap writes it ("faq/"), or with a leading "/" ("/" is home).
LIGHTHOUSE_PAGES = [p.lstrip("/") for p in os.environ.get("LIGHTHOUSE_PAGES", "").split()]
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_DIR = ROOT / ".cache" / "lighthouse"


def gzip_size(body: bytes, content_type: str) -> int:
    if any(content_type.startswith(t) for t in TEXT_TYPES):
        return len(gzip.compress(body, 6))
    return len(body)


def kind(url: str, content_type: str) -> str:
    if "search_index.json" in url:
        return "index"
    if "worker" in url:
        return "worker"
    for name, test in (("html", "text/html"), ("css", "text/css"), ("js", "javascript"),
                       ("img", "image/"), ("font", "font")):
        if test in content_type:
            return name
    return "other"


def measure(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    responses = []
    page.on("response", lambda r: responses.append(r))
    page.goto(url, wait_until="networkidle")
    totals = {"requests": 0, "raw": 0, "gzip": 0, "by_kind": defaultdict(int)}
    for r in responses:
        try:
            body = r.body()
        except Exception:           # redirects and aborted requests have no body
            continue
        ctype = (r.headers.get("content-type") or "").split(";")[0]
        gz = gzip_size(body, ctype)
        totals["requests"] += 1
        totals["raw"] += len(body)
        totals["gzip"] += gz
        totals["by_kind"][kind(r.url, ctype)] += gz
    context.close()
    return totals


def _gzip_handler(directory: Path):
    class Handler(SimpleHTTPRequestHandler):
        def send_head(self):
            path = self.translate_path(self.path)
            if os.path.isdir(path):
                path = os.path.join(path, "index.html")
            ctype = self.guess_type(path)
            if ("gzip" in self.headers.get("Accept-Encoding", "") and os.path.isfile(path)
                    and any(ctype.startswith(t) for t in TEXT_TYPES)):
                data = gzip.compress(Path(path).read_bytes(), 6)
                self.send_response(200)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Encoding", "gzip")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Cache-Control", "max-age=3600")
                self.end_headers()
                return io.BytesIO(data)
            return super().send_head()

        def log_message(self, *args):
            pass

    return functools.partial(Handler, directory=str(directory))


@contextlib.contextmanager
def serve_gzip(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _gzip_handler(directory))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse_bin() -> Path | None:
    exe = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if exe.exists():
        return exe
    if not shutil.which("npm"):
        print("   lighthouse: npm is not installed; skipped")
        return None
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    print(f"   installing npm lighthouse into {LIGHTHOUSE_DIR.relative_to(ROOT)} (first run only) ...",
          flush=True)
    proc = subprocess.run(["npm", "install", "--prefix", str(LIGHTHOUSE_DIR), "--no-audit",
                           "--no-fund", "--loglevel=error", "-E", f"lighthouse@{LIGHTHOUSE_VERSION}"],
                          capture_output=True, text=True)
    if proc.returncode != 0 or not exe.exists():
        print(f"   lighthouse: npm install failed; skipped\n{proc.stderr[-800:]}")
        return None
    return exe


def lighthouse_once(exe: Path, url: str, cats: list[str], env: dict) -> dict | None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        proc = subprocess.run(
            [str(exe), url, "--quiet", "--output=json", f"--output-path={out}",
             "--only-categories=" + ",".join(cats),
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu "
             "--disable-background-networking --disable-component-update"],
            env=env, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0 or not out.exists():
            print(f"   {url}: lighthouse failed: {proc.stderr[-400:]}")
            return None
        return json.loads(out.read_text())


def render_blocking(page: Path) -> int:
    """Stylesheets and classic scripts in <head> that hold the first paint (Lighthouse 12 marks
    its own render-blocking audit not applicable on a local server)."""
    from lxml import html as lxml_html
    head = lxml_html.parse(str(page)).getroot().find("head")
    sheets = [e for e in head.iter("link") if "stylesheet" in (e.get("rel") or "").split()
              and (e.get("media") or "all") in ("all", "screen")]
    scripts = [e for e in head.iter("script") if e.get("src") and e.get("async") is None
               and e.get("defer") is None and e.get("type") != "module"]
    return len(sheets) + len(scripts)


def run_lighthouse(site: Path) -> None:
    """Scores per page: the median run of LIGHTHOUSE_RUNS (default 3) by performance score,
    with the range, because simulated-throttling timings vary run to run on a shared machine."""
    exe = lighthouse_bin()
    if exe is None:
        return
    chrome = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    env = dict(os.environ, CHROME_PATH=chrome)
    runs = max(1, int(os.environ.get("LIGHTHOUSE_RUNS", "3")))
    cats = ["performance", "accessibility", "best-practices", "seo"]
    from readerkit import page_paths
    pages = LIGHTHOUSE_PAGES or page_paths(site)
    print(f"\n   Lighthouse (mobile, site served with gzip), median of {runs} run(s): {', '.join(cats)}"
          f"\n   targets: perf >= {PERF_TARGET}, TBT <= {TBT_TARGET} ms")
    misses = 0
    with serve_gzip(site) as base:
        for path in pages:
            reports = [r for r in (lighthouse_once(exe, base + path, cats, env) for _ in range(runs)) if r]
            if not reports:
                continue
            perf = sorted(round(100 * (r["categories"]["performance"]["score"] or 0)) for r in reports)
            reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
            report = reports[len(reports) // 2]
            scores = [round(100 * (report["categories"][c]["score"] or 0)) for c in cats]
            audits = report["audits"]
            fcp = audits["first-contentful-paint"]["numericValue"] / 1000
            lcp = audits["largest-contentful-paint"]["numericValue"] / 1000
            tbt = audits["total-blocking-time"]["numericValue"]
            cls = audits["cumulative-layout-shift"]["numericValue"]
            failed = [ref["id"] for c in cats
                      for ref in report["categories"][c]["auditRefs"]
                      if ref["weight"] and audits[ref["id"]]["score"] is not None
                      and audits[ref["id"]]["score"] < 1]
            spread = f" ({perf[0]}-{perf[-1]})" if len(perf) > 1 else ""
            miss = scores[0] < PERF_TARGET or tbt > TBT_TARGET
            misses += miss
            print(f"   /{path:<22} perf {scores[0]:>3}{spread:<8} a11y {scores[1]:>3}  best {scores[2]:>3}  "
                  f"seo {scores[3]:>3}   FCP {fcp:.2f} s  LCP {lcp:.2f} s  TBT {tbt:.0f} ms  CLS {cls:.3f}  "
                  f"render-blocking {render_blocking(site / path / 'index.html')}" + ("  MISS" if miss else "")
                  + (f"\n      not full marks: {', '.join(failed)}" if failed else ""))
    print(f"   {len(pages)} pages: {misses} miss the perf or TBT target")


def main() -> None:
    if os.environ.get("LIGHTHOUSE_SITE"):            # score another build only
        run_lighthouse(Path(os.environ["LIGHTHOUSE_SITE"]))
        return
    from browser import chromium, serve
    from readerkit import page_paths
    from sitebuild import built_site

    with built_site() as site:
        paths = page_paths(site)
        rows = []
        with serve(site) as base, chromium() as browser:
            for path in paths:
                rows.append(("/" + path, measure(browser, base + path)))
        kinds = ["html", "css", "js", "worker", "index", "img", "font", "other"]
        width = max(len(r[0]) for r in rows)
        print(f"   first load at 390 px, empty cache; gzip as a static host sends it; KB = 1024 B")
        print(f"   {'page':<{width}}  req  raw KB  gzip KB  | " + " ".join(f"{k:>6}" for k in kinds))
        for path, t in rows:
            flag = "" if t["gzip"] <= TARGET else f"  OVER {TARGET // 1024} KB"
            parts = " ".join(f"{t['by_kind'][k] / 1024:>6.1f}" for k in kinds)
            print(f"   {path:<{width}}  {t['requests']:>3}  {t['raw'] / 1024:>6.1f}  {t['gzip'] / 1024:>7.1f}"
                  f"  | {parts}{flag}")
        gz = sorted(t["gzip"] for _, t in rows)
        print(f"   {len(rows)} pages: gzip first load median {gz[len(gz) // 2] / 1024:.1f} KB, "
              f"max {gz[-1] / 1024:.1f} KB (target <= {TARGET // 1024} KB); "
              f"{sum(t['gzip'] > TARGET for _, t in rows)} over target")
        index = site / "search" / "search_index.json"
        [worker] = (site / "assets" / "javascripts" / "workers").glob("search.*.min.js")
        later = [(f, gzip_size(f.read_bytes(), ctype)) for f, ctype in
                 ((index, "application/json"), (worker, "application/javascript"))]
        print("   a reader's first search adds " + " + ".join(
            f"{f.relative_to(site)} {gz / 1024:.1f} KB" for f, gz in later)
            + f" = {sum(gz for _, gz in later) / 1024:.1f} KB gzip")
        if os.environ.get("LIGHTHOUSE"):
            run_lighthouse(site)
        else:
            print("   (Lighthouse: run `LIGHTHOUSE=1 make bench BENCH=page_weight`)")


if __name__ == "__main__":
    main()
