"""Python-Markdown extension: comparison tables must cite every cell after the first column
(file:line problems); each table wrapper becomes a focusable scroll region (mildguide.page.compare).

    markdown_extensions:
      - mildguide.mdext.compare
"""
from __future__ import annotations

from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..page import compare
from . import GuideExtension, body_line, priorities, report, scan_context, whole_page


class _Check(Preprocessor):
    def run(self, lines):
        text = "\n".join(lines)
        if "compare-table" in text:
            ctx = scan_context(self.md)
            if ctx is not None:
                report(compare.check(text, ctx.label, body_line(ctx, text)))
        return lines


class _Region(Postprocessor):
    def run(self, text):
        if not whole_page(self.md):     # the toc's runs on heading text
            return text
        return compare.scroll_region(text) if "compare-table" in text else text


class CompareExtension(GuideExtension):
    def processors(self, md):
        return [("preprocessors", _Check(md), "mildguide_compare", priorities.COMPARE_CHECK),
                ("postprocessors", _Region(md), "mildguide_compare_region", priorities.COMPARE_REGION)]


makeExtension = CompareExtension
