"""Issue 15 §1: a clinic page printed with its embeds keeps every frame whole.

A host page on another origin, made from the Embed page's snippets, at 1280 px, printed to
Letter by Chromium (page.pdf) and read back with pypdf: every frame's "not medical advice"
notice, review date and attribution are in the PDF. Before the fix the frames printed at
their screen height while the text reflowed narrower, and 0 of 2 notices printed.
"""
from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from embedhost import host_and_guide, wait_sized, write_host

WIDGETS = ["embed/compare/treatment-comparison/", "embed/faq/topic-recovery/",
           "embed/recovery/recovery-timeline/"]


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
        context.close()
    n = len(WIDGETS)
    assert text.count("This is not medical advice.") == n, text[-3000:]
    assert text.count("Last reviewed") == n
    assert text.count("From Open MILD Guide") == n
    assert text.count("Text by Open MILD Guide contributors, CC BY 4.0") == n
    assert "Text below the embedded guide." in text
    assert "Print" not in text.replace("Printed", "")     # the Print buttons stay off paper
    assert pages <= (8 if width > 1000 else 14), pages   # a phone prints its narrow column
