"""Python-Markdown extension: `[[warning-signs: SET]]` becomes that set's care cards, from the
one definition of every warning sign and its level (mildguide.page.warning_signs). Fails the
build, with file:line, on a bad data file, an unknown set, or a care card written by hand.

    markdown_extensions:
      - mildguide.mdext.warning_signs:
          definitions: warning-signs.yml   # next to the config file
          sources_page: sources.md         # its registry: the ids the definitions may cite

Runs after the preprocessors that report lines and before citations (priorities.WARNING_SIGNS),
so the cards' `[@id]`s are numbered and the care-card postprocessor labels them. The expansion
adds lines: it records where each new line came from (ctx.line_map), so a later problem
(citations) still names the line in the contributor's file. Problems in the data file itself
are reported once per build, on the registry page (the page whose ids they cite).
"""
from __future__ import annotations

import functools

from markdown.preprocessors import Preprocessor

from .. import pagecache
from ..page import warning_signs as W
from ..problems import Problem
from . import body_line, page_context, priorities, report
from .base import SOURCES_PAGE, GuideExtension, Step, registry


@functools.lru_cache(maxsize=8)
def _load(text: str, label: str, ids: frozenset | None):
    """Parsed definitions and their problems, memoised on the file's text (pure)."""
    return W.load(text, label, None if ids is None else set(ids))


def definitions(ctx, ext) -> tuple[W.Definitions, list[Problem]]:
    name = ext.getConfig("definitions")
    path = ctx.project_dir / name
    if not path.is_file():
        return W.Definitions(), [Problem(name, None, "not found next to the config file: every "
                                          "warning sign and its level is defined there")]
    ids = None
    loaded = registry(ctx, ext.getConfig("sources_page"))
    if loaded is not None:
        parsed, problems, skipped = loaded
        # a broken entry is reported once, on the Sources page; its citations are skipped there
        ids = None if problems and not parsed else frozenset(parsed) | skipped
    return _load(path.read_text(encoding="utf-8"), name, ids)


class _Expand(Step, Preprocessor):
    def run(self, lines):
        ctx = page_context(self.md)
        if ctx is None:
            return lines
        if ctx.norm_src_uri == self.option("sources_page") and ctx.lang == "en":
            def file_problems(ext=self.ext):
                """The data file's own problems, the only thing this page takes from it: the
                Sources page is converted again only when they change (pagecache.depends)."""
                return definitions(ctx, ext)[1]
            with pagecache.exempt():
                found = file_problems()
            pagecache.depends("warning-sign file problems", file_problems, found)
            report(found, of=ctx)
        text = "\n".join(lines)
        if ctx.content_lang != "en" and not ctx.fallback:     # a translation: same sets as English
            english = ctx.docs_dir / ctx.norm_src_uri
            if english.is_file():
                from .. import frontmatter
                try:
                    eng_body = frontmatter.parse(english.read_text(encoding="utf-8-sig"), "").body
                except Problem:
                    eng_body = ""
                report(W.check_same_sets(text, eng_body, ctx.label,
                                         ctx.label_of(ctx.norm_src_uri),
                                         body_line(ctx, text)), of=ctx)
        if "care-" not in text and "[[warning-signs" not in text:
            return lines
        first = body_line(ctx, text)
        es, label, ext = ctx.content_lang == "es", ctx.label, self.ext

        def uses(lines=list(lines), start=first):
            """What the page takes from the definitions (read only here: a page without cards
            does not depend on them): its cards' problems and its expansion. `make serve`'s
            cache asks again at each rebuild instead of converting the page (pagecache.depends)."""
            defs = definitions(ctx, ext)[0]
            return (W.check(text, defs, label, start), W.check_translated(text, defs, label, start) if es else [],
                    W.expand_lines(lines, defs, "es" if es else "en") if W.markers(text) else None)

        with pagecache.exempt():
            checked, translated, expanded = found = uses()
        pagecache.depends("warning signs", uses, found)
        report(checked, ctx)
        if es:
            report(translated, ctx)
        if expanded is None:
            return lines
        out, origin = expanded
        if ctx.line_map:            # an earlier expansion: compose the two maps
            prev_first, prev = ctx.line_map
            origin = [prev[i] if i < len(prev) else i for i in origin]
            first = prev_first
        ctx.line_map = (first, origin)
        return out


class WarningSignsExtension(GuideExtension):
    OPTIONS = {"definitions": (W.FILE, "the warning-sign definitions, relative to the config file"),
               "sources_page": SOURCES_PAGE}

    PROCESSORS = (("preprocessors", _Expand, "mildguide_warning_signs", priorities.WARNING_SIGNS),)


makeExtension = WarningSignsExtension
