"""The translation notices on Spanish pages stay one compact line: the page's title and its
first paragraph (the bold main message, CDC Clear Communication Index) fit on the first
390x844 phone screen of every Spanish page, in both colour schemes; in print the draft line
still shows."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PHONE = {"width": 390, "height": 844}
SPANISH = sorted(p.relative_to(ROOT / "docs").as_posix().removesuffix(".es.md")   # faq/topic-cost too
                 for p in (ROOT / "docs").rglob("*.es.md"))

# Where the <h1> and the first paragraph after it end.
MEASURE = """() => {
  const article = document.querySelector('article.md-content__inner');
  const h1 = article.querySelector('h1');
  const next = h1.nextElementSibling;      // a paragraph, or a box (Key points) that opens with one
  const first = next.tagName === 'P' ? next : next.querySelector(':is(p, li):not(.admonition-title)');
  const draft = article.querySelector('aside.omg-translation-draft');
  return {h1: h1.getBoundingClientRect().bottom,
          first: first.getBoundingClientRect().bottom, text: first.textContent.slice(0, 50),
          draft: draft ? draft.getBoundingClientRect().height : null};
}"""


def url_of(name: str) -> str:
    return "es/" if name == "index" else f"es/{name}/"


# Material's two palettes: the OS preference each follows, and the scheme it sets on <body>.
SCHEMES = {"light": "default", "dark": "slate"}
OTHER = {"light": "dark", "dark": "light"}


def switch_scheme(page, scheme: str) -> None:
    """Turn the loaded page to `scheme` as a reader whose phone says so would have it: the
    OS preference (prefers-color-scheme) and Material's palette toggle (no reload; the
    palette then stays for the next page, as Material keeps a reader's choice). The colours'
    fade is not waited for: it moves nothing, and this measures where things are."""
    page.emulate_media(color_scheme=scheme)
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    page.wait_for_function(f"document.body.dataset.mdColorScheme === '{SCHEMES[scheme]}'")


def test_spanish_main_message_on_the_first_phone_screen(browser, site_url):
    """Each Spanish page is measured in both schemes from one load: in the scheme it opens in,
    then again after switching to the other one."""
    assert "risks" in SPANISH and len(SPANISH) >= 10, SPANISH
    context = browser.new_context(viewport=PHONE, color_scheme="light")
    page = context.new_page()
    late, measured = [], set()
    try:
        for name in SPANISH:
            page.goto(site_url + url_of(name))
            page.wait_for_load_state("load")
            page.evaluate("document.fonts.ready.then(() => true)")       # layout with its fonts
            for switch in (False, True):
                if switch:
                    switch_scheme(page, OTHER[scheme])
                scheme = {v: k for k, v in SCHEMES.items()}[page.evaluate("document.body.dataset.mdColorScheme")]
                measured.add((name, scheme))
                got = page.evaluate(MEASURE)
                assert got["draft"] is not None, f"{url_of(name)} shows no draft line"
                if not got["first"] <= PHONE["height"] or not got["h1"] < got["first"]:
                    late.append((url_of(name), scheme, got))
        assert measured == {(n, s) for n in SPANISH for s in SCHEMES}, "a page was not measured in both schemes"
        assert not late, f"the main message is below the first 390x844 screen: {late}"
    finally:
        context.close()


def test_risks_first_paragraph_ends_above_844_at_390(browser, site_url):
    """The page the Spanish review measured: its first paragraph ends on the first screen."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_url + "es/risks/")
        page.wait_for_function("document.readyState === 'complete'")
        got = page.evaluate(MEASURE)
        assert got["text"].startswith("La mayoría de los efectos secundarios"), got
        assert got["first"] <= 844, got
        assert got["draft"] <= 80, f"the draft line is a box again: {got}"
    finally:
        context.close()


def test_the_draft_line_prints(browser, site_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site_url + "es/risks/")
        page.emulate_media(media="print")
        line = page.locator("article > aside.omg-translation-draft").first
        line.wait_for(state="visible")
        assert "Borrador de traducción" in line.inner_text()
        assert page.locator("#omg-draft-note").is_visible()              # the full note too
    finally:
        context.close()
