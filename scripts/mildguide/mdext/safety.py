"""Python-Markdown extension: fail the build on scripts in Markdown (raw <script>, on…=
handlers, javascript: URLs) and on http:// links, with file:line (mildguide.page.safety).

    markdown_extensions:
      - mildguide.mdext.safety

Scans the page's source file (front matter included, so line numbers are the file's own).
"""
from __future__ import annotations

from ..page.safety import find_unsafe
from . import priorities, report
from .base import GuideExtension, Scan


class _Scan(Scan):
    def scan(self, ctx, text):
        report(find_unsafe(ctx.raw() or text, ctx.label))


class SafetyExtension(GuideExtension):
    PROCESSORS = (("preprocessors", _Scan, "mildguide_safety", priorities.SAFETY),)


makeExtension = SafetyExtension
