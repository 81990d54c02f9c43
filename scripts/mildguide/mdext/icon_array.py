"""Python-Markdown extension: ```icon-array blocks become icon arrays of 100 figures (inline
SVG) with their sentence and citation (mildguide.page.icon_array).

    markdown_extensions:
      - mildguide.mdext.icon_array:
          sources_page: sources.md      # its registry: the ids a figure may cite

A preprocessor before citations (priorities.ICON_ARRAY), so each figure's `[@id]` is
numbered like every other citation and every problem names the block's line. The expansion
keeps the line count (it pads with blank lines), so later line numbers stay right.
"""
from __future__ import annotations

from markdown.preprocessors import Preprocessor

from ..page import icon_array
from . import body_line, page_context, priorities, report
from .base import SOURCES_PAGE, GuideExtension, Step, registry


class _Expand(Step, Preprocessor):
    NEEDLE = "icon-array"

    def run(self, lines):
        text = "\n".join(lines)
        ctx = page_context(self.md) if self.wanted(text) else None
        if ctx is None:
            return lines
        known = set()
        loaded = registry(ctx, self.option("sources_page"))    # citations reports a malformed one
        if loaded is not None:
            parsed, _, skipped = loaded
            known = set(parsed) | skipped        # a broken entry's citations are skipped, not unknown
        out, _, problems = icon_array.expand(text, ctx.label, body_line(ctx, text), known)
        report(problems, ctx)
        return out.split("\n")


class IconArrayExtension(GuideExtension):
    OPTIONS = {"sources_page": SOURCES_PAGE}

    PROCESSORS = (("preprocessors", _Expand, "mildguide_icon_array", priorities.ICON_ARRAY),)


makeExtension = IconArrayExtension
