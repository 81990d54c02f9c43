"""Python-Markdown extension: contributor mistakes in a page's source, as file:line errors
(mildguide.page.checks), and sentences over 35 words as warnings (mildguide.reports.readability; a
warning fails the strict build too).

    markdown_extensions:
      - mildguide.mdext.checks:
          own_ids: [faq.md, glossary.md]   # pages whose own extension checks heading ids

Scans the page's source file (front matter included, so line numbers are the file's own),
before any transform rewrites it; order does not matter (priorities.PAGE_CHECKS).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from ..page import checks
from .. import frontmatter
from ..reports import readability
from ..problems import Problem
from . import priorities, report
from .base import GuideExtension, Scan


class _Scan(Scan):
    def scan(self, ctx, text):
        raw = ctx.raw() or text
        try:
            fm = frontmatter.parse(raw, ctx.label)
        except Problem:                 # reported by mildguide.mdext.frontmatter
            fm = None
        body, first = (fm.body, fm.body_line) if fm is not None else (text, 1)
        own_host = urlsplit(ctx.site_url).hostname if ctx.site_url else None
        report(checks.page_problems(raw, ctx.label, ctx.src_uri, body, first, own_host,
                                    check_ids=ctx.src_uri not in self.option("own_ids")))
        if checks.language(ctx.src_uri) == "en":
            report(long_sentence_warnings(raw, ctx.label), warning=True)


def long_sentence_warnings(raw: str, label: str) -> list[Problem]:
    found = readability.long_sentences(raw)
    if not found:
        return []
    grade, exact = readability.grade_or_estimate(readability.prose(raw))
    page = f"page grade {'' if exact else 'about '}{grade:.1f}, limit {readability.MAX_PAGE_GRADE:.0f}"
    return [Problem(label, line, f"sentence of {words} words (limit {readability.MAX_SENTENCE_WORDS}): "
                    f"\"{readability.first_words(sentence)}\": split it into shorter sentences ({page})")
            for line, words, sentence in found]


class ChecksExtension(GuideExtension):
    OPTIONS = {"own_ids": (["faq.md", "glossary.md"], "pages whose own extension checks duplicate heading ids")}

    PROCESSORS = (("preprocessors", _Scan, "mildguide_checks", priorities.PAGE_CHECKS),)


makeExtension = ChecksExtension
