"""Python-Markdown extension: glossary checks, and a tooltip linking to the glossary on the
first use of each term on every other page.

    markdown_extensions:
      - mildguide.mdext.glossary:
          glossary_page: glossary.md     # docs-relative; its definition list is the glossary

Pure work lives in mildguide.page.glossary; problems with the glossary are reported when the
glossary page itself renders (once per build).
"""
from __future__ import annotations

import functools

from markdown.postprocessors import Postprocessor

from ..page import glossary
from ..problems import Problem
from . import GuideExtension, Step, page_context, priorities, report, whole_page


@functools.lru_cache(maxsize=8)
def _tooltips(text: str, label: str):
    """(Tooltips, problems), memoised on the glossary file's text (pure)."""
    try:
        terms, problems = glossary.parse(text, label)
    except Problem as problem:
        terms, problems = [], [problem]
    return glossary.Tooltips(terms), problems


class _Tooltips(Step, Postprocessor):
    def run(self, text):
        if not whole_page(self.md):     # the toc's runs on heading text
            return text
        ctx = page_context(self.md)
        if ctx is None:
            return text
        norm = self.ext.getConfig("glossary_page")
        page = ctx.localized(norm)          # glossary.es.md on a Spanish page, when it exists
        if ctx.fallback:                    # an untranslated page: English text, English glossary
            page = norm
        source = ctx.docs_dir / page
        if not source.is_file():
            return text
        label = ctx.label[: -len(ctx.src_uri)] + page if ctx.label.endswith(ctx.src_uri) else page
        tooltips, problems = _tooltips(source.read_text(encoding="utf-8"), label)
        if ctx.src_uri == page:
            report(problems, of=ctx)
            return text
        # An untranslated page keeps the English glossary's term ids: link to the English glossary.
        base = ctx.relative(norm[:-3] + "/") if ctx.fallback and not ctx.rewrites_links else ctx.href_to(page)
        return tooltips.apply(text, lambda term: f"{base}#{term.id}")


class GlossaryExtension(GuideExtension):
    OPTIONS = {"glossary_page": ("glossary.md", "docs-relative page holding the glossary")}

    def processors(self, md):
        return [("postprocessors", _Tooltips(md, self), "mildguide_glossary", priorities.GLOSSARY)]


makeExtension = GlossaryExtension
