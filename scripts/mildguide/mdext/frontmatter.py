"""Python-Markdown extension: front matter checks (file:line), the review dates and
due-for-review notice, and MedicalWebPage JSON-LD (mildguide.frontmatter).

    markdown_extensions:
      - mildguide.mdext.frontmatter

Reads the page's own source file, so the front matter is the same under every generator
(dates as dates). `MILDGUIDE_TODAY=YYYY-MM-DD` pretends today is that date.
"""
from __future__ import annotations

from .. import frontmatter, i18n
from ..hooksupport import today
from ..problems import Problem
from . import priorities, report
from .base import GuideExtension, Scan, WholePage
from .faq import add_jsonld


def _front_matter(md, ctx):
    """The parsed front matter of the page (once per Markdown instance), or None."""
    cached = getattr(md, "omg_front_matter", None)
    if cached is not None and cached[0] == ctx.src_uri:
        return cached[1]
    try:
        fm = frontmatter.parse(ctx.raw(), ctx.label)
    except Problem as problem:
        report([problem], of=ctx)
        fm = None
    md.omg_front_matter = (ctx.src_uri, fm)
    return fm


class _Check(Scan):
    def scan(self, ctx, text):
        fm = _front_matter(self.md, ctx)
        if fm is not None:
            report(frontmatter.validate(fm, ctx.label, today()))


class _Review(WholePage):
    NEEDS_CONTEXT = True

    def page(self, text, ctx):
        fm = _front_matter(self.md, ctx)
        meta = fm.meta if fm is not None else {}
        add_jsonld(self.md, ctx, frontmatter.json_script(
            frontmatter.medical_webpage(meta, ctx.canonical_url, ctx.site_name,
                                        i18n.SCHEMA_LANG.get(ctx.content_lang, "en-US"))), slot="omg_page_jsonld")
        review = frontmatter.review(meta, today())
        lang = "es" if ctx.content_lang == "es" else "en"
        return frontmatter.add_review_html(text, review, lang) if review else text


class FrontMatterExtension(GuideExtension):
    PROCESSORS = (("preprocessors", _Check, "mildguide_front_matter", priorities.FRONT_MATTER),
                  ("postprocessors", _Review, "mildguide_review", priorities.REVIEW))


makeExtension = FrontMatterExtension
