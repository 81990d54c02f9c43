"""Python-Markdown extension: accessibility fixes to the finished HTML (mildguide.a11y).

    markdown_extensions:
      - mildguide.mdext.a11y
"""
from __future__ import annotations

from markdown import Extension
from markdown.postprocessors import Postprocessor

from ..a11y import fix_page
from . import priorities, track_whole_page, whole_page


class _Fix(Postprocessor):
    def run(self, text):
        if not whole_page(self.md):     # the toc's runs on heading text
            return text
        return fix_page(text)


class A11yExtension(Extension):
    def extendMarkdown(self, md):
        track_whole_page(md)
        md.postprocessors.register(_Fix(md), "mildguide_a11y", priorities.A11Y)


def makeExtension(**kwargs):
    return A11yExtension(**kwargs)
