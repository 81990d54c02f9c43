"""Python-Markdown extension: the FAQ page's stable heading ids and duplicate checks (file:line),
and its FAQPage JSON-LD computed from the finished answers (mildguide.page.faq).

    markdown_extensions:
      - mildguide.mdext.faq:
          faq_page: faq.md

The JSON-LD goes where overrides/main.html renders it in <head>: MkDocs' `page.jsonld`
list, and `page.meta.omg_jsonld` for Zensical (whose templates see the page's meta).
"""
from __future__ import annotations

from markdown.preprocessors import Preprocessor

from ..page import faq
from .. import i18n
from ..frontmatter import json_script
from . import body_line, page_context, priorities, report
from .base import GuideExtension, Step, WholePage


class _Anchors(Step, Preprocessor):
    def run(self, lines):
        ctx = page_context(self.md)
        if ctx is None or ctx.norm_src_uri != self.option("faq_page"):
            return lines
        text = "\n".join(lines)
        out, problems = faq.anchor(text, ctx.label, body_line(ctx, text))
        report(problems, of=ctx)
        return out.split("\n")


class _JsonLd(WholePage):
    NEEDS_CONTEXT = True

    def page(self, text, ctx):
        if ctx.norm_src_uri != self.option("faq_page"):
            return text
        # Python-Markdown's toc also runs the postprocessors on each heading's text; the
        # whole page comes last, so each call replaces the block the previous one queued.
        add_jsonld(self.md, ctx, json_script(faq.faq_page(text, ctx.canonical_url, ctx.title,
                                                            i18n.SCHEMA_LANG.get(ctx.content_lang))),
                   slot="omg_faq_jsonld")
        return text


def add_jsonld(md, ctx, data: str, slot: str) -> None:
    """Queue a serialised JSON-LD block for the page's <head> (overrides/main.html); a second
    call with the same `slot` on the same Markdown instance replaces the first."""
    page = ctx.page
    if page is not None and not ctx.rewrites_links:           # MkDocs: the Page object
        blocks = getattr(page, "jsonld", None)
        if blocks is None:
            blocks = page.jsonld = []
    else:                                                       # Zensical: the page's meta
        blocks = ctx.meta.setdefault("omg_jsonld", [])
    index = getattr(md, slot, None)
    if index is not None and index < len(blocks):
        blocks[index] = data
    else:
        setattr(md, slot, len(blocks))
        blocks.append(data)


class FaqExtension(GuideExtension):
    OPTIONS = {"faq_page": ("faq.md", "docs-relative FAQ page")}

    PROCESSORS = (("preprocessors", _Anchors, "mildguide_faq_anchors", priorities.FAQ_ANCHORS),
                  ("postprocessors", _JsonLd, "mildguide_faq_jsonld", priorities.FAQ_JSONLD))


makeExtension = FaqExtension
