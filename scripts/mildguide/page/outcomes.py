"""Figures side by side must count the same kind of outcome (issue 22).

A reader compares figures that sit next to each other. "57 in 100 had surgery" beside
"6 in 100 had surgery" reads as a contest even when one counts people who switched from
therapy to surgery and the other counts a later operation. So the build refuses figures of
different outcome kinds side by side, unless a visible note says they cannot be compared.

Side by side means:
- icon arrays: two arrays in the same section of a page (no heading between them); each
  array names what it counts in its `outcome:` field;
- comparison tables: figures ("X in 100", "X of Y", "X%"; in Spanish "X de cada 100", "X de Y",
  "X %", "X por ciento") in two or more cells of one row,
  or of one column when the table's wrapper says `data-side-by-side="column"` (a table with
  one choice per row lines the choices up in its columns). A cell names what it counts with
  `{outcome: another operation}` (the build removes the tag from the page).

The visible note is an admonition of type `cannot-compare`:

    !!! cannot-compare "These numbers cannot be compared"
        They come from different studies that counted different things.

For arrays it must be in the same section; for a table, inside the table's wrapper (so an
embed of the table keeps it) or directly before or after it (only blank lines between). Pure functions; callers report the problems.
"""
from __future__ import annotations

import re

from ..mdtext import headings, mask_code
from ..problems import Problem

MARKER = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+cannot-compare\b")
TAG = re.compile(r"[ \t]*\{outcome:[ \t]*([^{}]*?)[ \t]*\}")
# English and Spanish forms: "7 in 100", "7 of 82", "57%"; "7 de cada 100", "7 de 82",
# "57 %" (Spanish puts a space, often a no-break one, before %), "57 por ciento".
_GAP = r"[ \t\u00a0\u202f]"
FIGURE = re.compile(rf"\b\d+(?:[.,]\d+)?{_GAP}*%|\b\d+(?:[.,]\d+)?{_GAP}+por{_GAP}+ciento\b"
                    rf"|\b\d[\d,.]*{_GAP}+(?:in|of|out{_GAP}+of|de(?:{_GAP}+cada)?){_GAP}+\d[\d,.]*\b",
                    re.IGNORECASE)
NOTE = ('add a visible note: a box `!!! cannot-compare "These numbers cannot be compared"` '
        "with a line saying why")


def normal(outcome: str) -> str:
    """Outcome kinds compare without case or extra spaces."""
    return " ".join(str(outcome).split()).casefold()


def arrays(figures, text: str, path: str, first_line: int) -> list[Problem]:
    """Problems for icon arrays (objects with .line and .outcome; .line 1-based in the page,
    `text` the page body starting at `first_line`) of different outcomes in one section."""
    cuts = sorted(first_line + line - 1 for line, _level, _raw in headings(text))
    marked = {_section(cuts, first_line + i) for i, l in enumerate(mask_code(text).split("\n"))
              if MARKER.match(l)}
    first: dict[int, object] = {}
    problems = []
    for fig in sorted(figures, key=lambda f: f.line):
        sec = _section(cuts, fig.line)
        if sec not in first:
            first[sec] = fig
            continue
        other = first[sec]
        if normal(fig.outcome) != normal(other.outcome) and sec not in marked:
            problems.append(Problem(path, fig.line, (
                f"icon array: it sits beside the icon array at line {other.line} (same section, no "
                f"heading between) but counts a different outcome ('{other.outcome}' there, "
                f"'{fig.outcome}' here). Readers would compare them. Put a heading between them, "
                f"or make both count the same outcome, or {NOTE} in this section")))
    return problems


def _section(cuts: list[int], line: int) -> int:
    """Index of the section holding 1-based `line` (sections start at each heading)."""
    return sum(1 for c in cuts if c <= line)


def strip_tags(line: str) -> str:
    """A table line without its `{outcome: …}` tags (they are data, not text)."""
    return TAG.sub("", line)


def table(rows: list[tuple[int, list[str]]], header: list[str], by_column: bool, marked: bool,
          path: str) -> list[Problem]:
    """Problems for one comparison table. `rows`: (1-based line, cells) of the body rows,
    `header`: the header cells; the first column holds row labels and is not compared."""
    if marked:
        return []
    cells = [(line, col, cell) for line, row in rows for col, cell in enumerate(row) if col > 0]
    groups: dict[object, list] = {}
    for line, col, cell in cells:
        if FIGURE.search(TAG.sub("", cell)):
            groups.setdefault(col if by_column else line, []).append((line, col, cell))
    problems = []
    for key, found in groups.items():
        if len(found) < 2:
            continue
        tags = [TAG.search(c) for _l, _c, c in found]
        kinds = {normal(t.group(1)) for t in tags if t}
        if all(tags) and len(kinds) == 1:
            continue
        line = found[1][0] if by_column else key
        if by_column:
            name = _label(header[key]) if key < len(header) else f"column {key + 1}"
            where = f"column '{name}' sets figures from {len(found)} rows side by side"
        else:
            label = _label(rows[[r[0] for r in rows].index(key)][1][0])
            where = f"row '{label}' sets figures in columns {', '.join(str(c + 1) for _l, c, _x in found)} side by side"
        why = ("of different outcomes (" + ", ".join(sorted(kinds)) + ")" if all(tags)
               else "without saying what each counts")
        problems.append(Problem(path, line, (
            f"comparison table {where} {why}. Readers would compare them. Tag each figure's cell "
            f"with the same {{outcome: …}} if they count the same thing, or {NOTE} directly "
            "before or after the table")))
    return problems


def _label(cell: str) -> str:
    return " ".join(re.sub(r"\[@[^\]]*\]|[*_`]", "", TAG.sub("", cell)).split()) or "(no label)"
