"""Comparison tables: inside `<div class="compare-table" ... markdown>`, every body cell after
the first column must cite a source (`[@id]`) or say "not stated in the sources", and
figures side by side must count the same outcome (page/outcomes.py).

`check` reads the Markdown source and reports each offending row with its line. The
`scroll_region` HTML transform makes each table wrapper a focusable, labelled region so
keyboard users can scroll it sideways. Pure functions; the adapter is scripts/mildguide/mdext/compare.py.
"""
from __future__ import annotations

import re

from ..mdtext import mask_code, plain
from ..problems import Problem
from . import outcomes

OPEN = re.compile(r"<div\b[^>]*\bclass=\"[^\"]*\bcompare-table\b[^\"]*\"[^>]*>", re.I)
CLOSE = re.compile(r"</div>", re.I)
CITED = re.compile(r"\[@[^\[\]]+\]")
# The Spanish edition's words for the same (docs/compare.es.md): "Las fuentes no lo dicen".
NOT_STATED = re.compile(r"not\s+stated\s+in\s+the\s+sources|las\s+fuentes\s+no\s+lo\s+dicen", re.I)
BY_COLUMN = re.compile(r"\bdata-side-by-side=\"column\"", re.I)
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
    """Problems with every compare-table in `text` (a page body starting at `first_line`):
    uncited cells, and figures of different outcomes side by side (page/outcomes.py)."""
    masked = mask_code(text)
    lines, mlines = text.split("\n"), masked.split("\n")
    problems: list[Problem] = []
    inside, rows = False, 0
    table: list = []                                # (1-based line, cells) of the body rows
    header: list[str] = []
    by_column = marked = False
    for no, (line, mline) in enumerate(zip(lines, mlines)):
        if not inside:
            if OPEN.search(mline):
                inside, rows, table, header = True, 0, [], []
                by_column = bool(BY_COLUMN.search(mline))
                marked = _marked(mlines, no, -1)
            continue
        if outcomes.MARKER.match(mline):           # the note inside the wrapper (kept in its embed)
            marked = True
            continue
        if CLOSE.search(mline):
            inside = False
            problems += outcomes.table(table, header, by_column, marked or _marked(mlines, no, 1), path)
            continue
        if not mline.strip().startswith("|") and "|" not in mline:
            continue
        rows += 1
        if rows == 1:
            header = cells(line, mline)
            continue
        if SEPARATOR.match(mline):
            continue                                # separator row
        row, masked_row = cells(line, mline), cells(mline, mline)   # masked: code spans blanked
        table.append((first_line + no, masked_row))
        bad = [i for i, cell in enumerate(masked_row[1:], 2) if not (CITED.search(cell) or NOT_STATED.search(cell))]
        if bad:
            label = plain(row[0]) or "(no label)"
            cols = ", ".join(str(c) for c in bad)
            problems.append(Problem(path, first_line + no, f"comparison table row '{label}': column(s) {cols} "
                                    "need a source [@id] or the words \"Not stated in the sources\" "
                                    "(Spanish: \"Las fuentes no lo dicen\")"))
    return problems


def _marked(mlines: list[str], at: int, step: int) -> bool:
    """Is a `!!! cannot-compare` box directly before (step -1) or after (step 1) line `at`?
    Before: skip blank lines and the box's indented body; after: skip blank lines."""
    i = at + step
    while 0 <= i < len(mlines):
        line = mlines[i]
        if outcomes.MARKER.match(line):
            return True
        if line.strip() and not (step < 0 and line[:1] in " \t"):
            return False
        i += step
    return False


def strip_tags(text: str) -> str:
    """The page without the `{outcome: …}` tags of its comparison-table cells."""
    return outcomes.TAG.sub("", text) if "{outcome:" in text else text


# The scroll region's label, per page language (read by mildguide.site.english_check too).
MESSAGES = {"en": {"region": "Comparison table (scrolls sideways)"},
            "es": {"region": "Tabla de comparación (se desliza hacia los lados)"}}


def scroll_region(content: str, lang: str = "en") -> str:
    """Make each compare-table wrapper a keyboard-focusable, labelled scroll region."""
    label = MESSAGES.get(lang, MESSAGES["en"])["region"]
    count = len(OPEN.findall(content))
    seen = 0

    def add(m: re.Match) -> str:
        nonlocal seen
        seen += 1
        tag = m.group(0)
        extra = []
        if "tabindex=" not in tag:
            extra.append('tabindex="0"')
        if "role=" not in tag:
            extra.append('role="region"')
        if "aria-label" not in tag:       # two regions on a page need two names (WCAG landmarks)
            name = label.replace(" (", f" {seen} (", 1) if count > 1 else label    # "… table 2 (scrolls …)"
            extra.append(f'aria-label="{name}"')
        return tag[:-1] + (" " + " ".join(extra) if extra else "") + ">"
    return OPEN.sub(add, content)
