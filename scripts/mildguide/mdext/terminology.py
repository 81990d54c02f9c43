"""Python-Markdown extension: the Spanish edition's terminology (mildguide.page.terminology).

    markdown_extensions:
      - mildguide.mdext.terminology:
          terms: terminology.yml          # relative to the config file
          glossary_page: glossary.md

On a Spanish page (docs/<page>.es.md): a WARNING with file:line for each Spanish variant the
list rejects (a strict build fails on it); on docs/glossary.es.md, every listed term the
English glossary defines must be there under its Spanish term. English pages: nothing.
"""
from __future__ import annotations

import functools

from ..page import terminology
from . import body_line, priorities, report
from .base import GuideExtension, Scan


@functools.lru_cache(maxsize=4)
def _terms(text: str, label: str):
    return terminology.load(text, label)


class _Check(Scan):
    def scan(self, ctx, text):
        if ctx.content_lang != "es":
            return
        name = self.option("terms")
        path = ctx.project_dir / name
        if not path.is_file():
            return
        terms, problems = _terms(path.read_text(encoding="utf-8"), name)
        glossary_page = self.option("glossary_page")
        if ctx.norm_src_uri == glossary_page:
            report(problems)                            # the data file's problems: once
            english = ctx.docs_dir / glossary_page
            if english.is_file():
                report(terminology.check_glossary(ctx.raw(), english.read_text(encoding="utf-8"),
                                                  terms, ctx.label))
        report(terminology.check_page(text, terms, ctx.label, body_line(ctx, text)), ctx, warning=True)


class TerminologyExtension(GuideExtension):
    OPTIONS = {"terms": (terminology.FILE, "the terminology list, relative to the config file"),
               "glossary_page": ("glossary.md", "docs-relative English glossary page")}

    PROCESSORS = (("preprocessors", _Check, "mildguide_terminology", priorities.TERMINOLOGY),)


makeExtension = TerminologyExtension
