"""Python-Markdown extension: fail the build on scripts in Markdown (raw <script>, on…=
handlers, javascript: URLs) and on http:// links, with file:line (mildguide.page.safety).

    markdown_extensions:
      - mildguide.mdext.safety

Scans the page's source file (front matter included, so line numbers are the file's own).
"""
from __future__ import annotations

from markdown.preprocessors import Preprocessor

from ..page.safety import find_unsafe
from . import GuideExtension, priorities, report, scan_context


class _Scan(Preprocessor):
    def run(self, lines):
        ctx = scan_context(self.md)
        if ctx is not None:
            raw = ctx.raw() or "\n".join(lines)
            report(find_unsafe(raw, ctx.label))
        return lines


class SafetyExtension(GuideExtension):
    def processors(self, md):
        return [("preprocessors", _Scan(md), "mildguide_safety", priorities.SAFETY)]


makeExtension = SafetyExtension
