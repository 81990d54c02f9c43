"""A clinic's page on another origin, built from the snippets the Embed page gives.

The guide is served on http://localhost:<port>/ and the host page on http://127.0.0.1:<port>/:
two origins (and two sites, so Chromium puts the frames in their own process, as on the web).
The snippets are copied from the built Embed page; only the guide's address in them is
changed to where the test serves it.
"""
from __future__ import annotations

import contextlib
import re
from pathlib import Path

from lxml import html

from browser import serve

HOST_CSP = ("default-src 'none'; script-src 'self' {guide}; frame-src {guide}; style-src 'self'; "
            "img-src 'self'; base-uri 'none'")
HOST_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Example clinic page</title><link rel="stylesheet" href="host.css"></head>
<body><header><h1>Example Spine Clinic (fictional)</h1></header>
<main><p>Text above the embedded guide.</p>
{snippets}
<p id="after">Text below the embedded guide.</p></main></body></html>"""
HOST_CSS = ("body{font-family:sans-serif;margin:0 auto;padding:1rem 2rem;max-width:60rem}"
            "header{border-bottom:4px solid #0b5d4b}")


def snippets(site: Path) -> dict[str, str]:
    """Widget embed address (`embed/…`, `es/embed/…`) -> the snippet the built Embed pages
    (English and Spanish) give for it (script form)."""
    out = {}
    for page in ("embedding/index.html", "es/embedding/index.html"):
        if not (site / page).is_file():
            continue
        tree = html.fromstring((site / page).read_bytes())
        for pre in tree.xpath("//pre[contains(@class, 'omg-snippet')]"
                              "[not(contains(@class, 'omg-snippet--noscript'))]"):
            code = pre.text_content()
            src = re.search(r'<iframe src="(https?://[^"]*?/)((?:es/)?embed/[^"?]+)"', code)
            if src:       # the build's site_url: the neutral guide's, or a clinic copy's
                out[src.group(2)] = code.replace(src.group(1), GUIDE)
    return out


GUIDE = "@@guide@@/"


def localise(snippet: str, guide: str) -> str:
    return snippet.replace(GUIDE, guide)


@contextlib.contextmanager
def host_and_guide(site: Path, host_dir: Path, csp: bool = True, guide_rule=None):
    """(host base URL on 127.0.0.1, guide base URL on localhost). Write pages into host_dir.
    `guide_rule`: the headers the guide's server sends (e.g. its built `_headers`)."""
    host_dir.mkdir(parents=True, exist_ok=True)
    (host_dir / "host.css").write_text(HOST_CSS)
    with serve(site, guide_rule) as guide_ip:
        guide = guide_ip.replace("127.0.0.1", "localhost")
        rule = (lambda path: {"Content-Security-Policy": HOST_CSP.format(guide=guide)}) if csp else None
        with serve(host_dir, rule) as host:
            yield host, guide


def write_host(host_dir: Path, site: Path, guide: str, widgets: list[str], name: str = "index.html",
               transform=lambda code: code) -> str:
    codes = snippets(site)
    body = "\n<p>Between the parts.</p>\n".join(transform(localise(codes[w], guide)) for w in widgets)
    (host_dir / name).write_text(HOST_PAGE.format(snippets=body))
    return name


def wait_until(page, expression: str, arg=None, tries: int = 300):
    """Poll `expression` (a JS function) until true; page.evaluate works under the host CSP."""
    for _ in range(tries):
        if page.evaluate(expression, arg):
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"never true: {expression}")


SIZED = """() => { const f = [...document.querySelectorAll('iframe[data-omg-embed]')];
  return f.length > 0 && f.every(x => x.style.getPropertyValue('--omg-print-height') !== ''); }"""


def wait_sized(page) -> None:
    """Every frame has loaded, answered the host's ping and been sized, and its content height
    equals the iframe's."""
    wait_until(page, SIZED)
    for _ in range(100):
        frames = page.query_selector_all("iframe[data-omg-embed]")
        ok = True
        for handle in frames:
            frame = handle.content_frame()
            outer = handle.bounding_box()["height"]
            inner = frame.evaluate("document.documentElement.getBoundingClientRect().height")
            sized = frame.evaluate("document.documentElement.classList.contains('omg-sized-by-host')")
            ok = ok and sized and abs(outer - inner) <= 2
        if ok:
            return
        page.wait_for_timeout(50)
    raise AssertionError("the frames never matched their content height")
