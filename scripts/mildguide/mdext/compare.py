"""Python-Markdown extension: comparison tables must cite every cell after the first column
(file:line problems); each table wrapper becomes a focusable scroll region (mildguide.page.compare).

    markdown_extensions:
      - mildguide.mdext.compare
"""
from __future__ import annotations

from ..page import compare
from . import body_line, priorities, report
from .base import GuideExtension, Scan, WholePage


class _Check(Scan):
    NEEDLE = "compare-table"

    def scan(self, ctx, text):
        report(compare.check(text, ctx.label, body_line(ctx, text)))


class _Region(WholePage):
    NEEDLE = "compare-table"

    def page(self, text, ctx):
        return compare.scroll_region(text)


class CompareExtension(GuideExtension):
    PROCESSORS = (("preprocessors", _Check, "mildguide_compare", priorities.COMPARE_CHECK),
                  ("postprocessors", _Region, "mildguide_compare_region", priorities.COMPARE_REGION))


makeExtension = CompareExtension
