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

from ..page import glossary
from ..problems import Problem
from . import priorities, report
from .base import GuideExtension, WholePage


@functools.lru_cache(maxsize=8)
def _tooltips(text: str, label: str):
    """(Tooltips, problems), memoised on the glossary file's text (pure)."""
    try:
        terms, problems = glossary.parse(text, label)
    except Problem as problem:
        terms, problems = [], [problem]
    return glossary.Tooltips(terms), problems


class _Tooltips(WholePage):
    NEEDS_CONTEXT = True

    def page(self, text, ctx):
        norm = self.option("glossary_page")
        gloss = ctx.localized(norm)         # glossary.es.md on a Spanish page, when it exists
        if ctx.fallback:                    # an untranslated page: English text, English glossary
            gloss = norm
        source = ctx.docs_dir / gloss
        if not source.is_file():
            return text
        tooltips, problems = _tooltips(source.read_text(encoding="utf-8"), ctx.label_of(gloss))
        if ctx.src_uri == gloss:
            report(problems, of=ctx)
            return text
        # An untranslated page keeps the English glossary's term ids: link to the English glossary.
        base = ctx.relative(norm[:-3] + "/") if ctx.fallback and not ctx.rewrites_links else ctx.href_to(gloss)
        return tooltips.apply(text, lambda term: f"{base}#{term.id}")


class GlossaryExtension(GuideExtension):
    OPTIONS = {"glossary_page": ("glossary.md", "docs-relative page holding the glossary")}

    PROCESSORS = (("postprocessors", _Tooltips, "mildguide_glossary", priorities.GLOSSARY),)


makeExtension = GlossaryExtension
