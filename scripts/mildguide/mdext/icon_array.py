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
from . import SOURCES_PAGE, GuideExtension, Step, body_line, page_context, priorities, report


class _Expand(Step, Preprocessor):
    def run(self, lines):
        text = "\n".join(lines)
        if "icon-array" not in text:
            return lines
        ctx = page_context(self.md)
        if ctx is None:
            return lines
        known = set()
        registry = ctx.docs_dir / self.ext.getConfig("sources_page")
        if registry.is_file():
            from .citations import _registry, registry_label   # memoised; citations reports a malformed registry
            label = registry_label(ctx, self.ext.getConfig("sources_page"))
            parsed, _, skipped = _registry(registry.read_text(encoding="utf-8-sig"), label)
            known = set(parsed) | skipped        # a broken entry's citations are skipped, not unknown
        out, _, problems = icon_array.expand(text, ctx.label, body_line(ctx, text), known)
        report(problems, ctx)
        return out.split("\n")


class IconArrayExtension(GuideExtension):
    OPTIONS = {"sources_page": SOURCES_PAGE}

    def processors(self, md):
        return [("preprocessors", _Expand(md, self), "mildguide_icon_array", priorities.ICON_ARRAY)]


makeExtension = IconArrayExtension
