"""The shape every extension of the guide shares, written once: options, processors that
find their page (page context), the registry of sources, and report wiring.

An extension subclasses GuideExtension and lists its processors as classes. A processor is
either a Scan (a preprocessor that only reports problems: it never changes the text and
skips a page built from another language's file) or a Step on whatever registry it names;
a WholePage postprocessor runs only on the whole page (not on the toc's heading text).
"""
from __future__ import annotations

from markdown import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..page import sources
from . import PageContext, page_context, scan_context, track_whole_page, whole_page

SOURCES_PAGE = ("sources.md", "docs-relative page whose front matter holds the registry")


class Step:
    """Mixin for a processor made as `Cls(md, extension)`: reads its extension's options
    with self.option(name). NEEDLE: text the page must contain for the step to run (a string
    or a tuple of strings, any of which will do); None: every page."""

    NEEDLE: str | tuple | None = None

    def __init__(self, md, ext=None):
        super().__init__(md)
        self.ext = ext

    def option(self, name: str):
        return self.ext.getConfig(name)

    def wanted(self, text: str) -> bool:
        needle = self.NEEDLE
        if needle is None:
            return True
        return any(n in text for n in ((needle,) if isinstance(needle, str) else needle))


class Scan(Step, Preprocessor):
    """A preprocessor that only checks: `scan(ctx, text)` reports (mdext.report) what it
    finds; the page's lines go on unchanged. Runs in a build only, and not on an untranslated
    Spanish page, whose file the English build checks (mdext.scan_context)."""

    def run(self, lines):
        text = "\n".join(lines)
        if self.wanted(text):
            ctx = scan_context(self.md)
            if ctx is not None:
                self.scan(ctx, text)
        return lines

    def scan(self, ctx: PageContext, text: str) -> None:
        raise NotImplementedError


class WholePage(Step, Postprocessor):
    """A postprocessor of the finished page: `page(text, ctx)` returns the new HTML. Python-
    Markdown's toc also runs postprocessors on each heading's text; those runs are skipped.
    `ctx` is None outside a build (a test's bare Markdown); NEEDS_CONTEXT skips such a run."""

    NEEDS_CONTEXT = False

    def run(self, text):
        if not whole_page(self.md) or not self.wanted(text):
            return text
        ctx = page_context(self.md)
        if ctx is None and self.NEEDS_CONTEXT:
            return text
        return self.page(text, ctx)

    def page(self, text: str, ctx: PageContext | None) -> str:
        raise NotImplementedError


class GuideExtension(Extension):
    """Base of the guide's Markdown extensions. A subclass lists its options in OPTIONS
    ({name: (default, help)}) and its processors in PROCESSORS as rows (registry, class,
    name, priority), registry being "preprocessors" or "postprocessors" and the priority one
    of mdext.priorities; each class is made as `Cls(md, extension)`. Each page starts afresh
    (track_whole_page), and the extension keeps no state between pages (reset does nothing)."""

    OPTIONS: dict = {}
    PROCESSORS: tuple = ()

    def __init__(self, **kwargs):
        self.config = {name: [default, help] for name, (default, help) in self.OPTIONS.items()}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):
        track_whole_page(md)
        md.registerExtension(self)
        for registry, cls, name, priority in self.PROCESSORS:
            getattr(md, registry).register(cls(md, self), name, priority)

    def reset(self):
        pass


# -- The registry of sources, which three extensions read -------------------------------------

def registry(ctx: PageContext, page_src: str):
    """(entries, problems, skipped ids) of the registry on `page_src` (docs-relative), or None
    when there is no such page. Every page's caller names it by the same label (`docs/sources.md`),
    so the memo parses it once per build; its problems are reported on its own page (citations)."""
    path = ctx.docs_dir / page_src
    if not path.is_file():
        return None
    return sources.read_registry(path.read_text(encoding="utf-8-sig"), ctx.label_of(page_src),
                                 source_groups(ctx.docs_dir, page_src))


source_groups = sources.source_groups
