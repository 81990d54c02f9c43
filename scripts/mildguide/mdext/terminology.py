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

from markdown.preprocessors import Preprocessor

from ..page import terminology
from . import GuideExtension, Step, body_line, priorities, report, scan_context


@functools.lru_cache(maxsize=4)
def _terms(text: str, label: str):
    return terminology.load(text, label)


class _Check(Step, Preprocessor):
    def run(self, lines):
        ctx = scan_context(self.md)
        if ctx is None or ctx.content_lang != "es":
            return lines
        name = self.ext.getConfig("terms")
        path = ctx.project_dir / name
        if not path.is_file():
            return lines
        terms, problems = _terms(path.read_text(encoding="utf-8"), name)
        text = "\n".join(lines)
        glossary_page = self.ext.getConfig("glossary_page")
        if ctx.norm_src_uri == glossary_page:
            report(problems)                            # the data file's problems: once
            english = ctx.docs_dir / glossary_page
            if english.is_file():
                report(terminology.check_glossary(ctx.raw(), english.read_text(encoding="utf-8"),
                                                  terms, ctx.label))
        report(terminology.check_page(text, terms, ctx.label, body_line(ctx, text)), ctx, warning=True)
        return lines


class TerminologyExtension(GuideExtension):
    OPTIONS = {"terms": (terminology.FILE, "the terminology list, relative to the config file"),
               "glossary_page": ("glossary.md", "docs-relative English glossary page")}

    def processors(self, md):
        return [("preprocessors", _Check(md, self), "mildguide_terminology", priorities.TERMINOLOGY)]


makeExtension = TerminologyExtension
