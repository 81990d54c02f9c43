"""Issue 7.5: every page prints as a clean handout (Chromium's own PDF output, read back with pypdf)."""
from __future__ import annotations

import io
import re

from pypdf import PdfReader

from readerkit import new_context, page_paths

# Text that only the site chrome (header, navigation, search, footer, buttons) carries.
CHROME_TEXT = ["Skip to content", "Back to top", "Type to start searching", "Initializing search",
               "Table of contents", "Code MIT", "¶"]
CHROME = [".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top",
          ".md-content__button", ".headerlink"]


def pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() or "" for p in reader.pages), len(reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_every_page_prints_its_content_without_site_chrome(browser, site_url, site_dir):
    context = new_context(browser, 1280)
    page = context.new_page()
    problems = []
    try:
        for path in page_paths(site_dir):
            page.goto(site_url + path)
            title = page.evaluate("""() => { const h = document.querySelector('.md-content h1').cloneNode(true);
                h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }""")
            page.emulate_media(media="print")
            shown = page.evaluate("""(sels) => sels.filter(s => [...document.querySelectorAll(s)]
                .some(e => e.getClientRects().length > 0))""", CHROME)
            if shown:
                problems.append(f"{path or '/'}: printed chrome: {shown}")
            text, pages = pdf_text(page.pdf(format="A4", print_background=False))
            flat = squash(text)
            if squash(title) not in flat:
                problems.append(f"{path or '/'}: title {title!r} missing from the printout")
            for chrome in CHROME_TEXT:
                if chrome in text:
                    problems.append(f"{path or '/'}: printout contains {chrome!r}")
            if "This guide is not medical advice" not in flat:
                problems.append(f"{path or '/'}: the not-medical-advice note is missing")
            page.emulate_media(media="screen")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


def test_printed_links_show_outside_addresses_only(browser, site_url, site_dir):
    """An outside link prints its web address after its text; links inside the guide
    (pages, citations, glossary terms) print as plain words."""
    context = new_context(browser, 1280)
    page = context.new_page()
    external = internal = 0
    try:
        for path in page_paths(site_dir):
            page.goto(site_url + path)
            page.emulate_media(media="print")
            links = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href]')]
                .filter(a => a.getClientRects().length > 0)
                .map(a => ({href: a.getAttribute('href'),
                            after: getComputedStyle(a, '::after').content,
                            color: getComputedStyle(a).color}))""")
            for link in links:
                if link["href"].startswith(("https://", "http://")):
                    external += 1
                    assert link["after"] == f'" ({link["href"]})"', (path, link)
                else:
                    internal += 1
                    assert link["after"] in ("none", "normal", '""'), (path, link)
                assert link["color"] == "rgb(0, 0, 0)", (path, link)
    finally:
        context.close()
    assert internal > 0
