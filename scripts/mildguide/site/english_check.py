"""No English machinery text on a Spanish page (issue 25).

Every module that writes words onto a page keeps them in a per-language catalogue
({"en": {key: text}, "es": {key: text}}). CATALOGUES lists those catalogues. This step takes
each English text that differs from its Spanish one, cuts it at its `{placeholders}` and HTML
tags, and looks for the pieces in the visible text of every built Spanish page and embed
(es/…). A piece found there means a module wrote its English words onto a Spanish page (a
missing or unused Spanish entry): `docs/x.es.md: es/x/index.html:LINE: …`, and the strict
build fails. Text marked lang="en" (source titles, the untranslated-page fallback) is left out.

A piece of one word only counts when it is a whole text of its own ("Sources", "Print"), so
an English word inside a Spanish sentence or a name does not count.
"""
from __future__ import annotations

import re

from lxml import etree

from .. import pagecache

SKIP = {"script", "style", "svg", "code", "pre"}
ATTRS = ("aria-label", "alt", "title", "placeholder")


def catalogues() -> list[tuple[str, dict]]:
    """(module name, {"en": {...}, "es": {...}}) for every module that writes page text."""
    from .. import attribution, i18n
    from ..page import care, compare, icon_array, sources, warning_signs
    from . import embed
    return [
        ("mildguide.i18n STRINGS", i18n.STRINGS),
        ("mildguide.page.icon_array MESSAGES", icon_array.MESSAGES),
        ("mildguide.page.compare MESSAGES", compare.MESSAGES),
        ("mildguide.page.warning_signs TITLES/TITLES_ES", {"en": warning_signs.TITLES, "es": warning_signs.TITLES_ES}),
        ("mildguide.page.care LEVELS/LEVELS_ES", {"en": care.LEVELS, "es": care.LEVELS_ES}),
        ("mildguide.page.care NEUTRAL/NEUTRAL_ES", {"en": care.NEUTRAL, "es": care.NEUTRAL_ES}),
        ("mildguide.page.sources LABELS", sources.LABELS),
        ("mildguide.page.sources ENTRY_LABELS", sources.ENTRY_LABELS),
        ("mildguide.site.embed EMBED_WORDS", embed.EMBED_WORDS),
        ("mildguide.site.embed FOOTER_WORDS", embed.FOOTER_WORDS),
        ("mildguide.site.embed CATALOGUE_WORDS", embed.CATALOGUE_WORDS),
        ("mildguide.site.embed ATTRIBUTION_LABELS", embed.ATTRIBUTION_LABELS),
        ("mildguide.site.embed CLINIC_WORDS", embed.CLINIC_WORDS),
        ("mildguide.site.embed WIDGET_WORDS", embed.WIDGET_WORDS),
        ("mildguide.attribution FOOTER", attribution.FOOTER),
    ]


def _norm(text: str) -> str:
    return " ".join(text.split())        # as re.sub(r"\s+", " ", text).strip(): the same whitespace


def pieces(catalogue: dict) -> list[tuple[str, str]]:
    """(key, English piece) for each English text of the catalogue. A Spanish entry that is a
    copy of the English one is a mistake like a missing one, so it is not left out."""
    out = []
    for key, text in catalogue.get("en", {}).items():
        if not isinstance(text, str):
            continue
        plain = re.sub(r"<[^>]+>", "\x00", text)
        for part in re.split(r"\{[^{}]*\}|\x00", plain):
            part = _norm(part).strip(" .,:;·()\"'")
            if re.search(r"[A-Za-z]{2}", part):
                out.append((key, part))
    return out


def _texts(tree):
    """(line, visible text) of each element, skipping code, scripts and lang="en" parts."""
    root = tree.getroot() if hasattr(tree, "getroot") else tree
    body = root.find(".//body")
    stack = [(body if body is not None else root, False)]
    while stack:
        el, english = stack.pop()
        if not isinstance(el.tag, str) or el.tag in SKIP:
            continue
        english = english or el.get("lang") == "en"
        if not english:
            own = [el.text or ""] + [c.tail or "" for c in el if isinstance(c.tag, str)]
            text = _norm(" ".join(own))
            if text:
                yield el.sourceline or 0, text
            for attr in ATTRS:                   # what a screen reader or tooltip says
                if el.get(attr):
                    yield el.sourceline or 0, _norm(el.get(attr))
        stack.extend((c, english) for c in reversed(list(el)))


class Pieces:
    """Every catalogue's English pieces, compiled once for a whole site: a one-word piece is
    looked up by the text it must equal; a piece of several words is searched for as a whole
    word sequence only in a text that holds it at all (a substring test: nearly no text does)."""

    def __init__(self, cats=None):
        cats = cats if cats is not None else catalogues()
        self.wanted = [(m, k, p) for m, cat in cats for k, p in pieces(cat)]
        self.whole: dict[str, list[int]] = {}
        patterns = []
        for i, (_, _, piece) in enumerate(self.wanted):
            if " " in piece:
                patterns.append((i, piece, re.compile(rf"(?<![\w]){re.escape(piece)}(?![\w])")))
            else:
                self.whole.setdefault(piece, []).append(i)
        self.patterns = patterns

    def hits(self, text: str, patterns=None) -> list[int]:
        """Indexes into `wanted` of the pieces in `text`, in catalogue order. `patterns`: only
        these of the several-word pieces (`on_page`)."""
        found = list(self.whole.get(text.strip(" .,:;·()\"'"), ()))
        found += [i for i, piece, p in (self.patterns if patterns is None else patterns)
                  if piece in text and p.search(text)]
        return sorted(found)

    def on_page(self, texts: list[str]) -> list:
        """The several-word pieces found anywhere in the page's texts joined: a piece in no
        single text is not in the join either, so each text is then tested for these only."""
        joined = "\x00".join(texts)
        return [entry for entry in self.patterns if entry[1] in joined]


def find(tree, cats=None, compiled: Pieces | None = None) -> list[tuple[int, str, str, str]]:
    """(line, module, key, piece) for each English catalogue piece on a Spanish page."""
    compiled = compiled or Pieces(cats)
    found, seen = [], set()
    texts = list(_texts(tree))
    patterns = compiled.on_page([text for _, text in texts])
    for line, text in texts:
        for i in compiled.hits(text, patterns):
            module, key, piece = compiled.wanted[i]
            if (module, key) not in seen:
                seen.add((module, key))
                found.append((line, module, key, piece))
    return found


def check(site) -> None:
    """Post-build step: every built Spanish page and embed."""
    compiled = Pieces()
    sources = {p.dest: p.src_uri for p in site.pages if p.lang != "en"}
    untranslated = {p.dest for p in site.pages if p.lang != "en" and p.fallback}   # English on purpose
    for rel, tree in sorted(site.trees.items()):
        if not rel.startswith("es/") or not rel.endswith(".html") or tree is None or rel in untranslated:
            continue
        # make serve: a Spanish page whose tree (and its lines) did not change is not walked again
        found = pagecache.memo("english check", lambda: (etree.tostring(tree), [e.sourceline for e in tree.iter()]),
                               lambda: find(tree, compiled=compiled))
        for line, module, key, piece in found:
            src = sources.get(rel)
            where = f"docs/{src}: built " if src else ""
            site.problem(f"{where}site/{rel}:{line}: English text on a Spanish page: '{piece}' "
                         f"comes from {module}['{key}']: give it Spanish words in the 'es' catalogue")
