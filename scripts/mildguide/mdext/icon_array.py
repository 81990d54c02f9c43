"""Python-Markdown extension: ```icon-array blocks become icon arrays of 100 figures (inline
SVG) with their sentence and citation (mildguide.icon_array).

    markdown_extensions:
      - mildguide.mdext.icon_array:
          sources_page: sources.md      # its registry: the ids a figure may cite

A preprocessor before citations (priorities.ICON_ARRAY), so each figure's `[@id]` is
numbered like every other citation and every problem names the block's line. The expansion
keeps the line count (it pads with blank lines), so later line numbers stay right.
"""
from __future__ import annotations

from markdown import Extension
from markdown.preprocessors import Preprocessor

from .. import icon_array
from . import body_line, page_context, priorities, report, track_whole_page


class _Expand(Preprocessor):
    def __init__(self, md, ext):
        super().__init__(md)
        self.ext = ext

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


class IconArrayExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"sources_page": ["sources.md", "docs-relative page whose front matter holds the registry"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        track_whole_page(md)
        md.registerExtension(self)
        md.preprocessors.register(_Expand(md, self), "mildguide_icon_array", priorities.ICON_ARRAY)

    def reset(self):
        pass


def makeExtension(**kwargs):
    return IconArrayExtension(**kwargs)
