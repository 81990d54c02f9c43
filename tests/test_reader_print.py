"""Issue 7.5: every page prints as a clean handout (Chromium's own PDF output, read back with pypdf)."""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from readerkit import new_context, page_paths

# Text that only the site chrome (header, navigation, search, footer, buttons) carries.
CHROME_TEXT = ["Skip to content", "Back to top", "Type to start searching", "Initializing search",
               "Table of contents", "Code MIT", "¶",
               "Saltar a contenido", "Volver al principio", "Tabla de contenidos", "Código MIT"]
CHROME = [".md-header", ".md-tabs", ".md-sidebar", ".md-search", ".md-footer", ".md-top",
          ".md-content__button", ".headerlink"]


def pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(p.extract_text() or "" for p in reader.pages), len(reader.pages)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def print_problems(page, url: str, where: str) -> list[str]:
    """Open `url`, print it to A4 and say what is wrong with the handout: site chrome on paper,
    the title, a source, the not-medical-advice note or the review date missing."""
    problems = []
    page.goto(url)
    title = page.evaluate("""() => { const h = document.querySelector('.md-content h1').cloneNode(true);
        h.querySelectorAll('.headerlink').forEach(a => a.remove()); return h.textContent.trim(); }""")
    # The page's own "Sources for this page" list (the build adds it to every page that cites).
    sources = page.eval_on_selector_all(".omg-page-sources li", "els => els.map(e => e.textContent.trim())")
    cites = page.locator("sup.omg-cite").count()
    if cites and not sources:
        problems.append(f"{where}: cites {cites} times but has no sources list")
    page.emulate_media(media="print")
    shown = page.evaluate("""(sels) => sels.filter(s => [...document.querySelectorAll(s)]
        .some(e => e.getClientRects().length > 0))""", CHROME)
    if shown:
        problems.append(f"{where}: printed chrome: {shown}")
    text, pages = pdf_text(page.pdf(format="A4", print_background=False))
    flat = squash(text)
    if squash(title) not in flat:
        problems.append(f"{where}: title {title!r} missing from the printout")
    for chrome in CHROME_TEXT:
        if chrome in text:
            problems.append(f"{where}: printout contains {chrome!r}")
    spanish = page.evaluate("document.documentElement.lang") == "es"
    if ("Esta guía no es consejo médico" if spanish else "This guide is not medical advice") not in flat:
        problems.append(f"{where}: the not-medical-advice note is missing")
    if ("Última revisión" if spanish else "Last reviewed") not in flat:
        problems.append(f"{where}: the 'Last reviewed' date is missing")
    for source in sources:
        if squash(source) not in flat:
            problems.append(f"{where}: source {source!r} missing from the printout")
    page.emulate_media(media="screen")
    return problems


def printed_links(page, url: str, where: str) -> tuple[int, int]:
    """(outside, inside) links of the page at `url` as printed; asserts that an outside link
    prints its web address after its text and one inside the guide prints as plain words."""
    external = internal = 0
    page.goto(url)
    page.emulate_media(media="print")
    links = page.evaluate("""() => [...document.querySelectorAll('.md-content a[href]')]
        .filter(a => a.getClientRects().length > 0)
        .map(a => ({href: a.getAttribute('href'),
                    after: getComputedStyle(a, '::after').content,
                    color: getComputedStyle(a).color}))""")
    for link in links:
        if link["href"].startswith(("https://", "http://")):
            external += 1
            assert link["after"] == f'" ({link["href"]})"', (where, link)
        else:
            internal += 1
            assert link["after"] in ("none", "normal", '""'), (where, link)
        assert link["color"] == "rgb(0, 0, 0)", (where, link)
    page.emulate_media(media="screen")
    return external, internal


@pytest.mark.exhaustive
def test_every_page_prints_its_content_without_site_chrome(browser, site_url, site_dir):
    context = new_context(browser, 1280)
    page = context.new_page()
    problems = []
    try:
        for path in page_paths(site_dir):
            problems += print_problems(page, site_url + path, path or "/")
    finally:
        context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.exhaustive
def test_printed_links_show_outside_addresses_only(browser, site_url, site_dir):
    """An outside link prints its web address after its text; links inside the guide
    (pages, citations, glossary terms) print as plain words."""
    context = new_context(browser, 1280)
    page = context.new_page()
    internal = 0
    try:
        for path in page_paths(site_dir):
            internal += printed_links(page, site_url + path, path or "/")[1]
    finally:
        context.close()
    assert internal > 0


# The page template printed once, on the gallery (every component; English, Spanish, clinic),
# and the pages readers print as handouts (tests/test_embed_print.py prints the embeds).
HANDOUT_PAGES = ["questions/", "recovery/", "compare/", "es/questions/"]


def test_the_page_template_and_the_handouts_print_clean_with_addresses_for_outside_links(
        browser, site_url, gallery_sites):
    from browser import serve
    from gallery import SLUG
    context = new_context(browser, 1280)
    page = context.new_page()
    problems, external, internal = [], 0, 0
    try:
        with serve(gallery_sites[0]) as gallery, serve(gallery_sites[1]) as clinic:
            targets = [(gallery + f"{SLUG}/", "gallery"), (gallery + f"es/{SLUG}/", "gallery es"),
                       (clinic + f"{SLUG}/", "clinic gallery")]
            targets += [(site_url + path, path) for path in HANDOUT_PAGES]
            for url, where in targets:
                problems += print_problems(page, url, where)
                out, inside = printed_links(page, url, where)
                external, internal = external + out, internal + inside
    finally:
        context.close()
    assert not problems, "\n".join(problems)
    assert external > 0 and internal > 0, (external, internal)


def test_questions_checklist_prints_on_one_or_two_pages_with_tick_boxes(browser, site_url):
    context = new_context(browser, 1280)
    page = context.new_page()
    try:
        page.goto(site_url + "questions/")
        items = page.locator(".task-list-item").count()
        assert items >= 10, f"only {items} questions on the checklist"
        page.emulate_media(media="print")
        boxes = page.evaluate("""() => [...document.querySelectorAll('.task-list-indicator')].map(e => {
            const s = getComputedStyle(e, '::before');
            return {w: parseFloat(s.width), h: parseFloat(s.height), border: parseFloat(s.borderTopWidth),
                    style: s.borderTopStyle, color: s.borderTopColor, mask: s.maskImage || s.webkitMaskImage,
                    shown: e.getClientRects().length > 0}; })""")
        assert len(boxes) == items
        for box in boxes:
            # An empty square with a dark ink border: it prints even without background graphics.
            assert box["shown"] and box["w"] >= 10 and box["h"] >= 10, box
            assert box["border"] >= 1 and box["style"] == "solid" and box["mask"] in ("none", None), box
            assert box["color"] in ("rgb(0, 0, 0)",), box
        for paper in ("A4", "Letter"):
            text, pages = pdf_text(page.pdf(format=paper, print_background=False))
            assert 1 <= pages <= 2, f"questions.md prints on {pages} {paper} pages"
            assert "Questions to ask your doctor" in text
            questions = page.eval_on_selector_all(".task-list-item", "els => els.map(e => e.textContent.trim())")
            assert squash(questions[-1]) in squash(text), "the last question is cut off"
    finally:
        context.close()


SUMMARY = {
    "en": ("", ("Non-surgical care", "Steroid shots", "MILD", "Spacer", "Laminectomy", "Fusion"),
           "These numbers cannot be compared", "This guide is not medical advice"),
    "es": ("es/", ("Cuidado sin cirugía", "Inyecciones de esteroides", "MILD", "Espaciador", "Laminectomía",
                   "Fusión"), "Estos números no se pueden comparar", "Esta guía no es consejo médico"),
}


@pytest.mark.parametrize("lang", sorted(SUMMARY))
def test_decision_summary_prints_on_two_pages_with_every_choice_and_value(browser, site_url, lang):
    """Issue 22: the decision summary is a 2-page handout: the 6 choices, the "cannot be
    compared" note, the values checklist and the not-medical-advice note all print (the
    Spanish one too: its words run longer)."""
    prefix, choices, cannot_compare, not_advice = SUMMARY[lang]
    context = new_context(browser, 1280)
    page = context.new_page()
    try:
        page.goto(site_url + prefix + "decision-summary/")
        assert page.evaluate("document.documentElement.lang") == lang
        values = page.eval_on_selector_all(".task-list-item", "els => els.map(e => e.textContent.trim())")
        assert 5 <= len(values) <= 7
        page.emulate_media(media="print")
        for paper in ("A4", "Letter"):
            text, pages = pdf_text(page.pdf(format=paper, print_background=False))
            assert 1 <= pages <= 2, f"{prefix}decision-summary prints on {pages} {paper} pages"
            flat = squash(text)
            for choice in choices:
                assert choice in flat, choice
            assert cannot_compare in flat
            assert squash(values[-1]) in flat and not_advice in flat
    finally:
        context.close()
