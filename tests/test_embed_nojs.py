"""Issue 15 §2, issue 26 §4: a snippet for content systems that strip <script> and unknown
attributes, whose fixed-height frame never hides the bottom of the embed (the CC BY credit and
the "not medical advice" line), in both languages and in a clinic's build.

Each widget on the Embed pages (English and Spanish) has a no-script snippet: the frame alone,
its height from mildguide.site.embed_heights.fixed_height (measured at a phone's width, plus
a stated margin; estimated for an embed not measured yet). Tall ones point to the script snippet.
"""
from __future__ import annotations

import re

import pytest
from lxml import html

from clinicbuild import clinic_build
from embedhost import GUIDE, host_and_guide, localise
from mildguide.site import embed_heights as H


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory, worker_id):
    return clinic_build(tmp_path_factory, worker_id)


def noscript_snippets(site) -> dict[str, tuple[str, str]]:
    """widget path -> (no-script snippet with the guide's address as GUIDE, the sentence above it)."""
    out = {}
    for page in ("embedding/index.html", "es/embedding/index.html"):
        tree = html.fromstring((site / page).read_bytes())
        for pre in tree.xpath("//pre[contains(@class, 'omg-snippet--noscript')]"):
            code = pre.text_content()
            src = re.search(r'src="(https?://[^"]*?/)((?:es/)?embed/[^"]+)"', code)
            out[src.group(2)] = (code.replace(src.group(1), GUIDE), pre.getprevious().text_content())
    return out


def test_every_widget_of_both_languages_has_a_noscript_snippet_that_fits_a_phone(site_dir):
    codes = noscript_snippets(site_dir)
    assert {w for w in codes if w.startswith("es/")} and {w for w in codes if w.startswith("embed/")}
    for widget, (code, sentence) in codes.items():
        assert "<script" not in code and "data-omg-embed" not in code and "style=" not in code, widget
        assert H.is_measured(widget), f"{widget}: python -m mildguide.site.embed_heights site"
        height = H.fixed_height(widget)
        assert f'height="{height}"' in code and f"{height} px" in sentence, widget
        assert height >= H.stored()[widget][str(H.PHONE)] * (1 + H.MARGIN), widget
        assert (height > H.TALL) == ("script snippet" in sentence or "código con script" in sentence), widget


@pytest.mark.parametrize("which", ["neutral", "clinic"])
def test_noscript_frames_show_the_credit_and_disclaimer_on_a_phone(which, browser, site_dir,
                                                                   clinic_site, tmp_path):
    """Every no-script frame, in a host page on a 390 px phone (a frame of 358 px: the
    narrowest, so the tallest the part gets), holds its whole embed: no scrolling inside, so
    the footer (credit, disclaimer) shows. The clinic build has longer footer and contact lines
    than the ones measured: the margin must hold them. A wider frame needs less height."""
    site = site_dir if which == "neutral" else clinic_site
    codes = noscript_snippets(site)
    cut = []
    with host_and_guide(site, tmp_path / "host", csp=False) as (host, guide):
        # One host page holds every snippet, one below the other (a frame's width and height
        # do not depend on its neighbours): one page and one frame process instead of one per
        # widget. Each frame is lazy: scrolled to, as a reader does, it loads.
        body = "\n<p>Between the parts.</p>\n".join(localise(code, guide) for code, _ in codes.values())
        (tmp_path / "host" / "noscript.html").write_text(
            '<!doctype html><meta name="viewport" content="width=device-width">'
            f'<body style="margin:0 1rem">{body}</body>')
        context = browser.new_context(viewport={"width": 390, "height": 900})
        page = context.new_page()
        page.goto(host + "noscript.html")
        handles = page.query_selector_all("iframe")
        assert len(handles) == len(codes)
        for widget, handle in zip(codes, handles):
            handle.scroll_into_view_if_needed()
            frame = handle.content_frame()
            frame.wait_for_selector(".omg-embed__footer .omg-embed__disclaimer", state="attached")
            assert frame.url.endswith("/" + widget), (frame.url, widget)
            inner = frame.evaluate(H.MEASURE_JS)
            outer = handle.bounding_box()["height"]
            if inner > outer:
                cut.append(f"{widget} at 390 px: content {inner}, frame {outer:.0f}")
        context.close()
    assert not cut, "fixed frames hide the bottom:\n" + "\n".join(cut)


def test_every_embed_starts_with_the_disclaimer(site_dir, clinic_site):
    for site in (site_dir, clinic_site):
        for path in H.embed_paths(site):
            tree = html.fromstring((site / path / "index.html").read_bytes())
            main = tree.xpath("//main")[0]
            first = main.xpath(".//h1/following-sibling::*[1]")[0]
            assert "omg-embed__disclaimer" in first.get("class", ""), path
            assert len(main.xpath(".//*[contains(@class, 'omg-embed__disclaimer')]")) == 2, path
