"""Main-thread work of loading each page, as COUNTS from a Chromium trace (issue 27).

Timings on a shared or slow machine swing from run to run; the work the browser does does not.
For every page of the sitemap (both languages), one load at 390 px in a fresh context, traced;
prints the elements styled and the layout objects over the whole load (Material's script forces
about 30 whole-page restyles while it sets up, so these follow the DOM that is rendered), the
number of restyles, and the DOM size. It also sums the main thread's CPU time in its tasks (the
trace's thread time, which waiting for a busy machine's cores does not inflate as it does wall
time) and an estimate of Lighthouse's blocking time from it: every task's CPU time times 4 (the
CPU slow-down Lighthouse mobile simulates) minus 50 ms, summed; a touch phone is emulated, as
Lighthouse does. RENDER_SITE=<a built site folder> measures that build
instead (e.g. an older commit's, for a before/after table); RENDER_PAGES="faq/ es/faq/" some pages.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "scripts" / "benchmarks"))

CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline"]


def trace_counts(browser, url: str) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    browser.start_tracing(page=page, categories=CATEGORIES)
    page.goto(url, wait_until="load")
    page.wait_for_timeout(1500)                     # Material's setup after load
    nodes = page.evaluate("document.getElementsByTagName('*').length")
    events = json.loads(browser.stop_tracing())
    context.close()
    events = events["traceEvents"] if isinstance(events, dict) else events
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events if e.get("name") == "thread_name"}
    per_thread: dict = {}
    for e in events:
        key = (e.get("pid"), e.get("tid"))
        if names.get(key) != "CrRendererMain" or e.get("ph") != "X":
            continue
        c = per_thread.setdefault(key, {"styled": 0, "restyles": 0, "layout": 0, "cpu": 0.0, "blocking": 0.0})
        args = e.get("args") or {}
        if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask"):
            cpu = e.get("tdur", e.get("dur", 0)) / 1000
            c["cpu"] += cpu
            c["blocking"] += max(0.0, 4 * cpu - 50)
        elif e["name"] == "UpdateLayoutTree":
            c["styled"] += args.get("elementCount") or 0
            c["restyles"] += 1
        elif e["name"] == "Layout":
            c["layout"] += (args.get("beginData") or {}).get("dirtyObjects") or 0
    # the page's renderer is the one that styled the most (a blank first page has its own)
    counts = max(per_thread.values(), key=lambda c: c["styled"])
    return {**counts, "nodes": nodes}


def measure(site: Path, pages: list[str]) -> None:
    from bench_page_weight import serve_gzip
    from browser import chromium
    print("   one load at 390 px (touch phone), traced; counts (the same on a busy machine) and the main"
          " thread's CPU time (less inflated by a busy machine than wall time; compare back to back)")
    print(f"   {'page':<24} {'elements styled':>15} {'layout objects':>14} {'restyles':>8} {'DOM elements':>12}"
          f" {'CPU ms':>7} {'blocking est. ms':>16}")
    with serve_gzip(site) as base, chromium() as browser:
        for path in pages:
            c = trace_counts(browser, base + path)
            print(f"   /{path:<23} {c['styled']:>15,} {c['layout']:>14,} {c['restyles']:>8} {c['nodes']:>12,}"
                  f" {c['cpu']:>7.0f} {c['blocking']:>16.0f}", flush=True)


def main() -> None:
    from readerkit import page_paths
    chosen = os.environ.get("RENDER_PAGES", "").split()
    if os.environ.get("RENDER_SITE"):
        site = Path(os.environ["RENDER_SITE"])
        measure(site, chosen or page_paths(site))
        return
    from sitebuild import built_site
    with built_site() as site:
        measure(site, chosen or page_paths(site))


if __name__ == "__main__":
    main()
