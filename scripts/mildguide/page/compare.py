"""Comparison tables: inside `<div class="compare-table" ... markdown>`, every body cell after
the first column must cite a source (`[@id]`) or say "not stated in the sources".

`check` reads the Markdown source and reports each offending row with its line. The
`scroll_region` HTML transform makes each table wrapper a focusable, labelled region so
keyboard users can scroll it sideways. Pure functions; the adapter is scripts/mildguide/mdext/compare.py.
"""
from __future__ import annotations

import re

from ..mdtext import mask_code, plain
from ..problems import Problem

OPEN = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\bcompare-table\b[^\"]*\"[^>]*>", re.I)
CLOSE = re.compile(r"</div>", re.I)
CITED = re.compile(r"\[@[^\[\]]+\]")
# The Spanish edition's words for the same (docs/compare.es.md): "Las fuentes no lo dicen".
NOT_STATED = re.compile(r"not\s+stated\s+in\s+the\s+sources|las\s+fuentes\s+no\s+lo\s+dicen", re.I)
SEPARATOR = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")


def cells(row: str, masked_row: str) -> list[str]:
    """Split a table row on unescaped pipes outside code spans."""
    out, start = [], 0
    body = masked_row.strip()
    lead = len(masked_row) - len(masked_row.lstrip())
    cuts = [lead + i for i, ch in enumerate(body) if ch == "|" and (i == 0 or body[i - 1] != "\\")]
    bounds = [lead - 1] + cuts + [len(row)]
    for a, b in zip(bounds, bounds[1:]):
        out.append(row[a + 1:b])
    if masked_row.strip().startswith("|"):
        out = out[1:]
    if masked_row.strip().endswith("|") and out:
        out = out[:-1]
    return [c.strip() for c in out]


def check(text: str, path: str, first_line: int = 1) -> list[Problem]:
    """Problems with every compare-table in `text` (a page body starting at `first_line`)."""
    masked = mask_code(text)
    lines, mlines = text.split("\n"), masked.split("\n")
    problems: list[Problem] = []
    inside, rows = False, 0
    for no, (line, mline) in enumerate(zip(lines, mlines)):
        if not inside:
            if OPEN.search(mline):
                inside, rows = True, 0
            continue
        if CLOSE.search(mline):
            inside = False
            continue
        if not mline.strip().startswith("|") and "|" not in mline:
            continue
        rows += 1
        if rows == 1 or SEPARATOR.match(mline):
            continue                                # header row, separator row
        row, masked_row = cells(line, mline), cells(mline, mline)   # masked: code spans blanked
        bad = [i for i, cell in enumerate(masked_row[1:], 2) if not (CITED.search(cell) or NOT_STATED.search(cell))]
        if bad:
            label = plain(row[0]) or "(no label)"
            cols = ", ".join(str(c) for c in bad)
            problems.append(Problem(path, first_line + no, f"comparison table row '{label}': column(s) {cols} "
                                    "need a source [@id] or the words \"Not stated in the sources\" "
                                    "(Spanish: \"Las fuentes no lo dicen\")"))
    return problems


# The scroll region's label, per page language (read by mildguide.site.english_check too).
MESSAGES = {"en": {"region": "Comparison table (scrolls sideways)"},
            "es": {"region": "Tabla de comparación (se desliza hacia los lados)"}}


def scroll_region(content: str, lang: str = "en") -> str:
    """Make each compare-table wrapper a keyboard-focusable, labelled scroll region."""
    label = MESSAGES.get(lang, MESSAGES["en"])["region"]
    def add(m: re.Match) -> str:
        tag = m.group(0)
        extra = []
        if "tabindex=" not in tag:
            extra.append('tabindex="0"')
        if "role=" not in tag:
            extra.append('role="region"')
        if "aria-label" not in tag:
            extra.append(f'aria-label="{label}"')
        return tag[:-1] + (" " + " ".join(extra) if extra else "") + ">"
    return OPEN.sub(add, content)
