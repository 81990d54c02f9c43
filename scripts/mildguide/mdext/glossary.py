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
import itertools
from pathlib import Path

from ..page import glossary
from ..problems import Problem
from . import priorities, report
from .base import GuideExtension, Scan, WholePage
from .. import i18n, pagecache
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

    def __init__(self, pages: dict, me: str, version: int = 0):
        self.pages, self.me = pages, me
        self.version = version          # changes whenever any page's words may have changed

    def __contains__(self, word: str) -> bool:
        where = self.pages.get(word)
        return bool(where) and (len(where) > 1 or self.me not in where)


# docs dir + language -> {"files": {path: (mtime, words)}, "index": {word: pages}}: read once a
# process. A page brings its own entry up to date when it is built (serve), and a page not seen
# yet (a new file) makes the folder be listed again; listing it for every page would cost
# O(pages²) stat calls on a big site.
_WORDS: dict = {}
_VERSIONS = itertools.count(1)


def _read_words(path: Path) -> set:
    try:
        return glossary.words_of(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return set()


def _others(docs_dir: Path, src_uri: str, me: Path) -> _Elsewhere:
    lang = language(src_uri)            # the file's own (Zensical has no language of the build)
    key = (str(docs_dir), lang)
    entry = _WORDS.get(key)
    if entry is None or str(me) not in entry["files"]:
        files = {str(p): (p.stat().st_mtime_ns, _read_words(p)) for p in sorted(docs_dir.rglob("*.md"))
                 if language(p.name) == lang}
        entry = _WORDS[key] = {"files": files, "index": None, "version": next(_VERSIONS)}
    try:
        mtime = me.stat().st_mtime_ns
    except OSError:
        mtime = None
    if entry["files"].get(str(me), (None,))[0] != mtime:
        entry["files"][str(me)] = (mtime, _read_words(me))
        entry["index"] = None
        entry["version"] = next(_VERSIONS)
    if entry["index"] is None:
        index: dict = {}
        for path, (_, words) in entry["files"].items():
            for word in words:
                index.setdefault(word, set()).add(path)
        entry["index"] = index
    return _Elsewhere(entry["index"], str(me), entry["version"])


def _near_misses(glossary_text: str, gloss_label: str, body: str, label: str, first_line: int,
                 others: _Elsewhere) -> list[Problem]:
    """A page's misspelt terms. `make serve` asks again for every page at every rebuild (they
    depend on every other page's words): kept while the glossary, the page and the other
    pages' words (`others.version`) are as before (pagecache.memo; a plain call otherwise)."""
    found = pagecache.memo("glossary near misses", lambda: (glossary_text, gloss_label, body, label, first_line,
                                                             others.me, others.version),
                           lambda: [(p.path, p.line, p.message) for p in glossary.misspelt_terms(
                               body, label, _spelling(glossary_text, gloss_label), first_line, others)])
    return [Problem(*p) for p in found]          # kept as tuples: a Problem cannot be deep-copied


class _Spelling(Scan):
    def scan(self, ctx, text):
        norm = self.option("glossary_page")
        lang = language(ctx.src_uri)        # the file's own (Zensical has no language of the build)
        gloss = norm if lang == "en" else i18n.source_for(ctx.docs_dir, norm, lang)
        source = ctx.docs_dir / gloss
        if i18n.split(ctx.src_uri)[0] == norm:
            return
        from .. import frontmatter
        raw = ctx.raw()
        try:
            fm = frontmatter.parse(raw, ctx.label)
        except Problem:                 # reported by mildguide.mdext.frontmatter
            return
        label, gloss_label, where = ctx.label, ctx.label_of(gloss), (ctx.docs_dir, ctx.src_uri, ctx.abs_path)

        def misses() -> list[Problem]:
            if not source.is_file():
                return []
            return _near_misses(source.read_text(encoding="utf-8"), gloss_label, fm.body, label, fm.body_line,
                                _others(*where))

        # The answer depends on the whole glossary and on every other page's words: `make
        # serve`'s cache asks again at each rebuild instead of converting the page again.
        with pagecache.exempt():
            found = misses()
        pagecache.depends("glossary near misses", misses, found)
        report(found, warning=True)


class _Tooltips(WholePage):
    NEEDS_CONTEXT = True

    def page(self, text, ctx):
        norm = self.option("glossary_page")
        gloss = ctx.localized(norm)         # glossary.es.md on a Spanish page, when it exists
        if ctx.fallback:                    # an untranslated page: English text, English glossary
            gloss = norm
        source = ctx.docs_dir / gloss
        gloss_label = ctx.label_of(gloss)

        def terms(used=None):
            """What the page's tooltips depend on: every term's id and forms (what matches), and
            the meaning of the terms it shows (`make serve`'s cache: pagecache.depends)."""
            if not source.is_file():
                return None
            found = _tooltips(source.read_text(encoding="utf-8"), gloss_label)[0].terms
            return [(t.id, t.forms) for t in found], [(t.id, t.meaning) for t in found if t.id in (used or ())]

        with pagecache.exempt():
            if not source.is_file():
                pagecache.depends("glossary tooltips", terms, None)
                return text
            tooltips, problems = _tooltips(source.read_text(encoding="utf-8"), gloss_label)
        if ctx.src_uri == gloss:
            report(problems, of=ctx)
            return text
        # An untranslated page keeps the English glossary's term ids: link to the English glossary.
        base = ctx.relative(norm[:-3] + "/") if ctx.fallback and not ctx.rewrites_links else ctx.href_to(gloss)
        used: set = set()
        out = tooltips.apply(text, lambda term: f"{base}#{term.id}", used)
        frozen = frozenset(used)
        pagecache.depends("glossary tooltips", lambda: terms(frozen))
        return out


class GlossaryExtension(GuideExtension):
    OPTIONS = {"glossary_page": ("glossary.md", "docs-relative page holding the glossary")}

    PROCESSORS = (("postprocessors", _Tooltips, "mildguide_glossary", priorities.GLOSSARY),
                  ("preprocessors", _Spelling, "mildguide_glossary_spelling", priorities.PAGE_CHECKS))


makeExtension = GlossaryExtension
