"""Python-Markdown extension: `[@id]` citations, numbered per page, and the page's sources list;
on each group's page (docs/sources/<group>.md) the group's entries of the registry, and on the
Sources page (the hub) each group's titles, linking on to the entries.

    markdown_extensions:
      - mildguide.mdext.citations:
          sources_page: sources.md      # docs-relative; its front matter `sources:` is the registry

Pure transforms live in mildguide.page.sources; this module only wires them to Python-Markdown.
A page opts out with front matter `citations: none` (then it must cite nothing).
"""
from __future__ import annotations

import functools
from pathlib import Path

from markdown.preprocessors import Preprocessor

from ..page import sources
from ..problems import Problem
from . import body_line, page_context, priorities, report
from .base import SOURCES_PAGE, GuideExtension, Step, WholePage, registry as load_registry, source_groups


@functools.lru_cache(maxsize=8)
def _translations(path: str, mtime: float, registry_ids: frozenset) -> dict:
    """`source_translations:` of a translated Sources page (memoised per file version)."""
    text = Path(path).read_text(encoding="utf-8-sig")
    try:
        found, _ = sources.parse_translations(text, path, {i: None for i in registry_ids})
    except Problem:                       # reported with its line when that page is built
        return {}
    return found


def _kinds(ctx, page_src: str, registry: dict) -> dict | None:
    """id -> what the source is, in the page's language (Spanish tooltips), or None."""
    if ctx.content_lang == "en":
        return None
    path = ctx.docs_dir / ctx.localized(page_src)
    if path.name == page_src or not path.is_file():
        return None
    found = _translations(str(path), path.stat().st_mtime, frozenset(registry))
    return {ident: str(v.get("kind", "")).strip() for ident, v in found.items() if isinstance(v, dict)}


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

            def href(ident):        # the entry on its group's page
                target = sources.entry_page(registry[ident], page_src)
                return f"{'' if ctx.norm_src_uri == target else ctx.href_to(target)}#source-{ident}"
        text = "\n".join(lines)
        first = body_line(ctx, text)
        group = sources.group_of(ctx.norm_src_uri, page_src)
        on_registry = ctx.norm_src_uri == page_src or group is not None
        # On the registry's own pages a tooltip gives the title only: the page lists what each
        # source is, and the hub must stay light on a phone with all 94 titles (issue 27).
        result = sources.cite(text, registry, ctx.label, ctx.src_uri, page_src, first, html_href=href,
                              lang=ctx.content_lang if ctx.content_lang in sources.LABELS else "en",
                              skip=skipped, notes=None if on_registry else _kinds(ctx, page_src, registry))
        self.md.omg_citation_html = result.html
        problems = list(result.problems)
        out = result.markdown
        opted_out = str(ctx.meta.get("citations", "")).strip().lower() == "none"
        self.md.omg_registry_page = on_registry
        if self.md.omg_registry_page:
            if ctx.lang == "en" and group is None:        # registry problems: once, on its own page
                problems = list(reg_problems) + problems
            lang, translations = "en", None
            if ctx.content_lang == "es":      # Spanish descriptions of each source (CONTRIBUTING)
                lang = "es"
                hub = ctx.docs_dir / ctx.localized(page_src)
                try:
                    if group is None:
                        translations, tr_problems = sources.parse_translations(ctx.raw(), ctx.label, registry, skipped)
                        problems += tr_problems
                    elif hub.is_file() and hub.name != page_src:
                        translations = _translations(str(hub), hub.stat().st_mtime, frozenset(registry))
                except Problem as problem:
                    problems.append(problem)
            groups = source_groups(ctx.docs_dir, page_src)
            try:
                if group is None and groups:
                    out, hub_problems = sources.render_hub(out, registry, ctx.label, ctx.src_uri, page_src,
                                                           groups, first, lang)
                    problems += hub_problems
                else:
                    out = sources.render_registry(out, registry, ctx.label, first, lang, translations, group)
            except Problem as problem:
                problems.append(problem)
        elif opted_out and result.order:
            problems.append(Problem(ctx.label, 1, "the page cites sources but its front matter says "
                                    "'citations: none': remove that line"))
        elif not opted_out and not result.order and not result.problems and not result.skipped \
                and not self.md.omg_registry_page:                # a group's page lists, it cites nothing
            problems.append(Problem(ctx.label, 1, "the page cites no source: cite each fact with [@id], or "
                                    "add 'citations: none' to the front matter if the page states no facts"))
        report(problems, ctx)
        return out.split("\n")


class _Fill(WholePage):
    def page(self, text, ctx):
        return sources.fill(text, getattr(self.md, "omg_citation_html", None) or {})


class _TocTrim(WholePage):
    """The registry's entries (one heading per source) stay out of the Sources page's table
    of contents: Material writes the TOC twice on every page (sidebar and phone menu), and 50
    source titles there were a fifth of the page's bytes. Citations link to each entry."""

    def page(self, text, ctx):
        if getattr(self.md, "omg_registry_page", False) and hasattr(self.md, "toc_tokens"):
            self.md.toc_tokens[:] = sources.without_entries(self.md.toc_tokens)
        return text


class CitationsExtension(GuideExtension):
    OPTIONS = {"sources_page": SOURCES_PAGE}

    PROCESSORS = (("preprocessors", _Cite, "mildguide_citations", priorities.CITATIONS),
                  ("postprocessors", _Fill, "mildguide_citations_fill", priorities.CITATIONS_FILL),
                  ("postprocessors", _TocTrim, "mildguide_citations_toc", priorities.CITATIONS_FILL))


makeExtension = CitationsExtension
