"""Python-Markdown extension: glossary checks, a tooltip linking to the glossary on the
first use of each term on every other page, and a warning at a misspelt term on any other
page ("anesthesiolgist": it would silently get no tooltip; mildguide.page.glossary.Spelling).

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
from .base import GuideExtension, Scan, WholePage
from .. import i18n
from ..page.checks import language


@functools.lru_cache(maxsize=8)
def _tooltips(text: str, label: str):
    """(Tooltips, problems), memoised on the glossary file's text (pure)."""
    try:
        terms, problems = glossary.parse(text, label)
    except Problem as problem:
        terms, problems = [], [problem]
    return glossary.Tooltips(terms), problems


@functools.lru_cache(maxsize=8)
def _spelling(text: str, label: str):
    try:
        terms, _ = glossary.parse(text, label)
    except Problem:
        terms = []
    return glossary.Spelling(terms, text)


class _Elsewhere:
    """`word in elsewhere`: the word is used on a page other than `me` of the same language
    (a known word, not a slip). Looked up per word: no set of the site's words per page."""

    def __init__(self, pages: dict, me: str):
        self.pages, self.me = pages, me

    def __contains__(self, word: str) -> bool:
        where = self.pages.get(word)
        return bool(where) and (len(where) > 1 or self.me not in where)


# docs dir + language -> {"files": {path: (mtime, words)}, "index": {word: pages}}: read once a
# process. A page brings its own entry up to date when it is built (serve), and a page not seen
# yet (a new file) makes the folder be listed again; listing it for every page would cost
# O(pages²) stat calls on a big site.
_WORDS: dict = {}


def _read_words(path: Path) -> set:
    try:
        return glossary.words_of(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return set()


def _others(ctx) -> _Elsewhere:
    lang = language(ctx.src_uri)        # the file's own (Zensical has no language of the build)
    key = (str(ctx.docs_dir), lang)
    me = ctx.abs_path
    entry = _WORDS.get(key)
    if entry is None or str(me) not in entry["files"]:
        files = {str(p): (p.stat().st_mtime_ns, _read_words(p)) for p in sorted(ctx.docs_dir.rglob("*.md"))
                 if language(p.name) == lang}
        entry = _WORDS[key] = {"files": files, "index": None}
    try:
        mtime = me.stat().st_mtime_ns
    except OSError:
        mtime = None
    if entry["files"].get(str(me), (None,))[0] != mtime:
        entry["files"][str(me)] = (mtime, _read_words(me))
        entry["index"] = None
    if entry["index"] is None:
        index: dict = {}
        for path, (_, words) in entry["files"].items():
            for word in words:
                index.setdefault(word, set()).add(path)
        entry["index"] = index
    return _Elsewhere(entry["index"], str(me))


class _Spelling(Scan):
    def scan(self, ctx, text):
        norm = self.option("glossary_page")
        lang = language(ctx.src_uri)        # the file's own (Zensical has no language of the build)
        gloss = norm if lang == "en" else i18n.source_for(ctx.docs_dir, norm, lang)
        source = ctx.docs_dir / gloss
        if i18n.split(ctx.src_uri)[0] == norm or not source.is_file():
            return
        from .. import frontmatter
        raw = ctx.raw()
        try:
            fm = frontmatter.parse(raw, ctx.label)
        except Problem:                 # reported by mildguide.mdext.frontmatter
            return
        spelling = _spelling(source.read_text(encoding="utf-8"), ctx.label_of(gloss))
        report(glossary.misspelt_terms(fm.body, ctx.label, spelling, fm.body_line, _others(ctx)), warning=True)


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

    PROCESSORS = (("postprocessors", _Tooltips, "mildguide_glossary", priorities.GLOSSARY),
                  ("preprocessors", _Spelling, "mildguide_glossary_spelling", priorities.PAGE_CHECKS))


makeExtension = GlossaryExtension
