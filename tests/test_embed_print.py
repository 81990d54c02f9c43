"""Issue 15 §1: a clinic page printed with its embeds keeps every frame whole.

A host page on another origin, made from the Embed page's snippets, at 1280 px, printed to
Letter by Chromium (page.pdf) and read back with pypdf: every frame's "not medical advice"
notice, review date and attribution are in the PDF. Before the fix the frames printed at
their screen height while the text reflowed narrower, and 0 of 2 notices printed.
"""
from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from embedhost import host_and_guide, wait_sized, write_host

WIDGETS = ["embed/compare/treatment-comparison/", "embed/faq/topic-recovery/",
           "embed/recovery/recovery-timeline/"]
# Letter pages each widget may take when a phone (390 px) prints the host page: a frame keeps
# its narrow screen column on paper (embed.js), so the count follows its phone height. Each
# widget printed alone on the host page took 6, 8 and 3-4 pages on the merged build.
PHONE_PAGES = {
    # One patient table, 6 choices x 6 columns, since the compare rewrite (4150 px tall at
    # 360 px, was 2970): IPDAS equal detail for every option.
    "embed/compare/treatment-comparison/": 6,
    # Holds the three warning-sign care cards since the safety rewrite (5830 px, was 4050).
    "embed/faq/topic-recovery/": 8,
    "embed/recovery/recovery-timeline/": 3,
}


def pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(p.extract_text() or "" for p in reader.pages)
    return " ".join(text.split()), len(reader.pages)


@pytest.mark.parametrize("width", [1280, 390])
def test_host_page_prints_every_frame_whole_on_letter(browser, site_dir, tmp_path, width):
    with host_and_guide(site_dir, tmp_path / "host") as (host, guide):
        name = write_host(tmp_path / "host", site_dir, guide, WIDGETS)
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(host + name)
        wait_sized(page)
        text, pages = pdf_text(page.pdf(format="Letter", print_background=False))
        # Tables print whole: every column's heading is on paper (a clipped column is not).
        for heading in page.eval_on_selector_all("table th", "els => els.map(e => e.textContent.trim())"):
            assert " ".join(heading.split()) in " ".join(text.split()), (path, "column cut off in print", heading)
        context.close()
    n = len(WIDGETS)
    assert text.count("This is not medical advice.") == 2 * n, text[-3000:]     # top and footer
    assert text.count("Last reviewed") == n
    assert text.count("From Open MILD Guide") == n
    assert text.count("Text by Open MILD Guide contributors, CC BY 4.0") == n
    assert "Text below the embedded guide." in text
    assert "Print" not in text.replace("Printed", "")     # the Print buttons stay off paper
    assert pages <= (8 if width > 1000 else sum(PHONE_PAGES[w] for w in WIDGETS)), pages


HANDOUTS = ["embed/faq/topic-cost/", "embed/recovery/recovery-timeline/", "embed/compare/treatment-comparison/",
            "recovery/", "compare/"]


def test_embeds_and_pages_print_as_1_to_2_page_handouts_with_date_sources_and_credit(browser, site_url):
    """An embed printed on its own (its Print button prints just the frame) and a site page:
    Letter, 1-2 sheets for a widget, with review date, sources and the CC BY credit."""
    page = browser.new_page()
    for path in HANDOUTS:
        page.goto(site_url + path)
        labels = page.eval_on_selector_all("[data-omg-print]", "els => els.map(e => e.textContent.trim())")
        assert labels, path
        text, pages = pdf_text(page.pdf(format="Letter", print_background=False))
        # Tables print whole: every column's heading is on paper (a clipped column is not).
        for heading in page.eval_on_selector_all("table th", "els => els.map(e => e.textContent.trim())"):
            assert " ".join(heading.split()) in " ".join(text.split()), (path, "column cut off in print", heading)
        if path.startswith("embed/"):
            assert pages <= 2, (path, pages)
            assert "This is not medical advice." in text and "Last reviewed" in text, path
            assert "Sources" in text and "Text by Open MILD Guide contributors, CC BY 4.0" in text, path
        else:
            assert "Open MILD Guide, by Open MILD Guide contributors, text CC BY 4.0" in text, path
            assert "Sources for this page" in text and "reviewed" in text.lower(), path
        # The Print buttons stay off paper. (Page text may still say "Print": compare/ asks the
        # reader to print the 2-page summary.)
        for label in labels:
            assert not re.search(rf"\b{re.escape(label)}\b(?!ed)", text), (path, label)
    page.close()
