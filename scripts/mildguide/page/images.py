"""Content images load when a reader scrolls near them (issue 27: blocking time).

The guide's figures (the spinal canal before and after, on four pages in each language) sit
below the first screen. Each SVG image is a document of its own that the browser builds on
the main thread; built at load, they were 40-110 ms of Lighthouse's total blocking time on
/stenosis/ and /es/stenosis/, the only pages over 150 ms twice. `loading="lazy"
decoding="async"` defers that until the figure is near. Their width and height are set, so
nothing moves when they arrive, and browsers load lazy images before printing. An image
that sets its own `loading` keeps it.
"""
from __future__ import annotations

import re

_IMG = re.compile(r"<img\b(?![^>]*\bloading=)")


def lazy_images(page_html: str) -> str:
    if "<img" not in page_html:
        return page_html
    return _IMG.sub('<img loading="lazy" decoding="async"', page_html)
