"""Python-Markdown extension: accessibility fixes to the finished HTML (mildguide.page.a11y).

    markdown_extensions:
      - mildguide.mdext.a11y
"""
from __future__ import annotations

from ..page.a11y import fix_page
from ..page.images import lazy_images
from . import priorities
from .base import GuideExtension, WholePage


class _Fix(WholePage):
    def page(self, text, ctx):
        # and content images load lazily (mildguide.page.images): same finished-HTML pass
        return lazy_images(fix_page(text, ctx.content_lang if ctx is not None else "en"))


class A11yExtension(GuideExtension):
    PROCESSORS = (("postprocessors", _Fix, "mildguide_a11y", priorities.A11Y),)


makeExtension = A11yExtension
