"""Python-Markdown extension: accessibility fixes to the finished HTML (mildguide.page.a11y).

    markdown_extensions:
      - mildguide.mdext.a11y
"""
from __future__ import annotations

from markdown.postprocessors import Postprocessor

from ..page.a11y import fix_page
from . import GuideExtension, priorities, whole_page


class _Fix(Postprocessor):
    def run(self, text):
        if not whole_page(self.md):     # the toc's runs on heading text
            return text
        return fix_page(text)


class A11yExtension(GuideExtension):
    def processors(self, md):
        return [("postprocessors", _Fix(md), "mildguide_a11y", priorities.A11Y)]


makeExtension = A11yExtension
