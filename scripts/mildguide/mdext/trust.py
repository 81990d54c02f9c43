"""Python-Markdown extension: the checks that make trust visible (mildguide.page.trust,
mildguide.page.spelling), on each page's source, before anything rewrites it.

    markdown_extensions:
      - mildguide.mdext.trust:
          sources_page: sources.md      # the registry page: its titles keep their own spelling

- US spelling: a British spelling from a short list fails the build with file:line (an
  ERROR), read from the page's file as written (front matter included), like the safety scan.
- Key points: each content page in the nav (not the home page, not pages with
  `embed: false`) must have exactly one Key points box before its first `##` heading: a
  WARNING with file:line, which `strict: true` turns into a failed build (a `serve` preview
  still shows the page; under other generators scripts/build.py fails on it).
- `clinical_review:` must be in every page's front matter (an ERROR with file:line); its
  value is checked by mildguide.mdext.frontmatter.
The review line and "Report a problem" link are template context (scripts/hooks/trust.py).
"""
from __future__ import annotations

from ..page import spelling, trust
from ..problems import Problem
from .frontmatter import _front_matter
from . import body_line, priorities, report
from .base import SOURCES_PAGE, GuideExtension, Scan


def needs_key_points(ctx) -> bool:
    if ctx.norm_src_uri == "index.md" or ctx.url in ("", ".", "./", "es/"):
        return False
    if ctx.nav is not None and ctx.norm_src_uri not in ctx.nav:
        return False
    return (ctx.meta or {}).get("embed", True) is not False


class _Spelling(Scan):
    def scan(self, ctx, text):
        if ctx.content_lang == "en":   # US spelling: English text only
            report(spelling.check(ctx.raw(), ctx.label, registry=ctx.norm_src_uri == self.option("sources_page")))


class _KeyPoints(Scan):
    def scan(self, ctx, text):
        fm = _front_matter(self.md, ctx)      # None: mdext.frontmatter reports why
        if fm is not None and "clinical_review" not in fm.meta:
            report([Problem(ctx.label, fm.start_line, "front matter is missing 'clinical_review': write "
                            "'clinical_review: none' until a clinician has reviewed the page")])
        if needs_key_points(ctx):
            report(trust.check_key_points(text, ctx.label, body_line(ctx, text)), ctx, warning=True)


class TrustExtension(GuideExtension):
    OPTIONS = {"sources_page": SOURCES_PAGE}

    PROCESSORS = (("preprocessors", _Spelling, "mildguide_spelling", priorities.SPELLING),
                  ("preprocessors", _KeyPoints, "mildguide_key_points", priorities.KEY_POINTS))


makeExtension = TrustExtension
