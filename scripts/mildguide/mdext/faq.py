"""Python-Markdown extension: the FAQ pages' stable heading ids and duplicate checks (file:line),
and their FAQPage JSON-LD computed from the finished answers (mildguide.page.faq).

    markdown_extensions:
      - mildguide.mdext.faq:
          faq_page: faq.md          # the hub: `## topic`, then its questions (`###`, or a list of links)
          topic_pages: faq/         # one page per topic: each `##` is a question

A page gets the FAQPage JSON-LD when it holds answered questions: each topic page, not the
hub, which only links to them.

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


def _kind(ext, ctx) -> str | None:
    """'hub', 'topic' or None (not an FAQ page)."""
    if ctx.norm_src_uri == ext.option("faq_page"):
        return "hub"
    folder = ext.option("topic_pages")
    return "topic" if folder and ctx.norm_src_uri.startswith(folder) else None


class _Anchors(Step, Preprocessor):
    def run(self, lines):
        ctx = page_context(self.md)
        kind = ctx and _kind(self, ctx)
        if not kind:
            return lines
        text = "\n".join(lines)
        out, problems = faq.anchor(text, ctx.label, body_line(ctx, text),
                                   faq.TOPIC_PREFIX if kind == "topic" else faq.PREFIX)
        report(problems, of=ctx)
        return out.split("\n")


class _JsonLd(WholePage):
    NEEDS_CONTEXT = True

    def page(self, text, ctx):
        kind = _kind(self, ctx)
        if not kind:
            return text
        data = faq.faq_page(text, ctx.canonical_url, ctx.title, i18n.SCHEMA_LANG.get(ctx.content_lang),
                            level="h2" if kind == "topic" else "h3")
        if data["mainEntity"]:
            # Python-Markdown's toc also runs the postprocessors on each heading's text; the
            # whole page comes last, so each call replaces the block the previous one queued.
            add_jsonld(self.md, ctx, json_script(data), slot="omg_faq_jsonld")
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
    OPTIONS = {"faq_page": ("faq.md", "docs-relative FAQ page (the hub)"),
               "topic_pages": ("", "docs-relative folder of one-topic FAQ pages, e.g. faq/")}

    PROCESSORS = (("preprocessors", _Anchors, "mildguide_faq_anchors", priorities.FAQ_ANCHORS),
                  ("postprocessors", _JsonLd, "mildguide_faq_jsonld", priorities.FAQ_JSONLD))


makeExtension = FaqExtension
