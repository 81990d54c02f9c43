"""Python-Markdown extension: `[@id]` citations, numbered per page, and the page's sources list;
on the sources page, the registry rendered from its front matter.

    markdown_extensions:
      - mildguide.mdext.citations:
          sources_page: sources.md      # docs-relative; its front matter `sources:` is the registry

Pure transforms live in mildguide.page.sources; this module only wires them to Python-Markdown.
A page opts out with front matter `citations: none` (then it must cite nothing).
"""
from __future__ import annotations

from markdown.preprocessors import Preprocessor

from ..page import sources
from ..problems import Problem
from . import body_line, page_context, priorities, report
from .base import SOURCES_PAGE, GuideExtension, Step, WholePage, registry as load_registry


class _Cite(Step, Preprocessor):
    def run(self, lines):
        ctx = page_context(self.md)
        if ctx is None:
            return lines
        page_src = self.option("sources_page")
        loaded = load_registry(ctx, page_src)
        registry, reg_problems, skipped = {}, [], frozenset()
        href = None
        if loaded is not None:
            registry, reg_problems, skipped = loaded
            base = "" if ctx.norm_src_uri == page_src else ctx.href_to(page_src)
            href = lambda ident: f"{base}#source-{ident}"   # noqa: E731
        text = "\n".join(lines)
        first = body_line(ctx, text)
        result = sources.cite(text, registry, ctx.label, ctx.src_uri, page_src, first, html_href=href,
                              lang=ctx.content_lang if ctx.content_lang in sources.LABELS else "en",
                              skip=skipped)
        self.md.omg_citation_html = result.html
        problems = list(result.problems)
        out = result.markdown
        opted_out = str(ctx.meta.get("citations", "")).strip().lower() == "none"
        if ctx.norm_src_uri == page_src:
            if ctx.lang == "en":                          # registry problems: once, on its own page
                problems = list(reg_problems) + problems
            lang, translations = "en", None
            if ctx.content_lang == "es":      # Spanish descriptions of each source (CONTRIBUTING)
                lang = "es"
                try:
                    translations, tr_problems = sources.parse_translations(ctx.raw(), ctx.label, registry)
                except Problem as problem:
                    translations, tr_problems = {}, [problem]
                problems += tr_problems
            try:
                out = sources.render_registry(out, registry, ctx.label, first, lang, translations)
            except Problem as problem:
                problems.append(problem)
        elif opted_out and result.order:
            problems.append(Problem(ctx.label, 1, "the page cites sources but its front matter says "
                                    "'citations: none': remove that line"))
        elif not opted_out and not result.order and not result.problems and not result.skipped:
            problems.append(Problem(ctx.label, 1, "the page cites no source: cite each fact with [@id], or "
                                    "add 'citations: none' to the front matter if the page states no facts"))
        report(problems, ctx)
        return out.split("\n")


class _Fill(WholePage):
    def page(self, text, ctx):
        return sources.fill(text, getattr(self.md, "omg_citation_html", None) or {})


class CitationsExtension(GuideExtension):
    OPTIONS = {"sources_page": SOURCES_PAGE}

    PROCESSORS = (("preprocessors", _Cite, "mildguide_citations", priorities.CITATIONS),
                  ("postprocessors", _Fill, "mildguide_citations_fill", priorities.CITATIONS_FILL))


makeExtension = CitationsExtension
