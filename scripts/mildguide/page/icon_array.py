"""Icon arrays ("what might happen to 100 people like me"), generated at build time from data.

A page writes one fenced block per figure, with YAML inside:

    ```icon-array
    per_100: 57                  # figures filled in, out of 100
    label: people who started physical therapy later had surgery within 2 years
    source: delitto-2015         # an id from the registry in docs/sources.md
    outcome: had surgery later   # what it counts: arrays side by side must count the same
    group: people aged 50 or older who could have had surgery   # who was counted
    follow_up: 2 years           # how long they were followed
    study: "Delitto and others, 2015: a trial of 169 people aged 50 and older"
    percent: 57                  # the source's own numbers: percent and/or
    denominator: 82              #   numerator / denominator
    ```

Keys: `per_100` (whole number 0-100), `label`, `source`, `outcome`, `group`, `follow_up`,
`study` and at least one of `numerator`+`denominator` or `percent` (with an optional
`denominator`). Two arrays in one section must have the same `outcome` unless the section
has a `!!! cannot-compare` note (page/outcomes.py). Optional: `up_to` (for 0 events: the
rule-of-three upper limit, 300 / denominator rounded, drawn as shaded figures),
`derived: true` (required whenever `per_100` is our arithmetic rather than a number the
source prints), `complement: true` (the figure is 100 minus the source's number, e.g.
"75% were free from reoperation" -> 25 had one), `source_text` (the source's finding in
words, e.g. "75% needed no other operation"; it must contain the source's numbers),
`lead` (the sentence opening, default "In this study").

`expand` replaces each block with one line of HTML: an SVG of 100 figures (aria-hidden,
drawn in `currentColor` so it follows the light and dark palettes and prints in black)
and a visible caption that is the text alternative: the sentence, the `[@id]` citation,
the study and the source's own numbers (and "our arithmetic" when derived).

Why expand in a preprocessor before citations (mildguide.mdext.icon_array), rather than with a
pymdownx.superfences custom fence formatter: a fence formatter runs inside Markdown,
after the citations preprocessor has already numbered the page's `[@id]`s, so a citation it
emitted would never be numbered, and it does not know the file or line, so a mistake could
not be reported as `docs/page.md:LINE`. Expanding first keeps both: the `[@id]` goes
through the same citation numbering as every other fact, and every problem names the
block's line. The sentence is written from the same numbers as the picture, so text and
picture cannot disagree. The expansion keeps the block's line count (it pads with blank
lines), so the line numbers later transforms report stay right.

Pure functions; the adapter is scripts/mildguide/mdext/icon_array.py.
"""
from __future__ import annotations

import dataclasses
import html
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import yaml

from .. import i18n
from ..problems import Problem
from . import outcomes

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*icon-array[ \t]*$")
KEYS = {"per_100", "label", "source", "study", "numerator", "denominator", "percent",
        "derived", "complement", "lead", "source_text", "outcome", "group", "follow_up", "up_to"}
REQUIRED = ("per_100", "label", "source", "outcome", "group", "follow_up", "study")
HINTS = {"outcome": " (what the figure counts, e.g. 'another operation'; arrays side by side must count "
                    "the same outcome)",
         "group": " (who was counted, e.g. 'people aged 65 or older who had MILD')",
         "follow_up": " (how long people were followed, e.g. '2 years')"}
COLUMNS, ROWS = 20, 5                   # 100 figures: 5 rows of 20
CELL_W, CELL_H = 10, 20                 # one figure's box in SVG units

# The caption's own words, per page language (a Spanish page is docs/x.es.md). The build's
# English-on-a-Spanish-page check (mildguide.site.english_check) reads MESSAGES too.
MESSAGES = {
    "en": {"lead": "In this study", "about": "about ", "of_100": "{n} of 100",
           "people": "{num} of {den} people", "of_den": " of {den}",
           "numbers": "The source's numbers: {said}.", "study": "Study: {study}.",
           "derived": '"Out of 100" is our arithmetic from the source\'s numbers.',
           "up_to": "{lead}, 0 of {den} {label}; the true risk could be up to about {up_to} in 100.",
           "up_to_note": ('"Up to about {up_to} in 100" is our arithmetic, the rule of three: 3 divided by '
                          '{den}. The shaded figures show that upper limit.'),
           "meta": "What is counted: {outcome}. Who: {group}. Over: {follow_up}."},
    "es": {"lead": "En este estudio", "about": "unas ", "of_100": "{n} de cada 100",
           "people": "{num} de {den} personas", "of_den": " de {den}",
           "numbers": "Números de la fuente: {said}.", "study": "Estudio: {study}.",
           "derived": '"De cada 100" es una cuenta nuestra a partir de los números de la fuente.',
           "up_to": "{lead}, 0 de {den} {label}; el riesgo real podría llegar a unas {up_to} de cada 100.",
           "up_to_note": ('"Hasta unas {up_to} de cada 100" es una cuenta nuestra, la regla del tres: 3 dividido '
                          'entre {den}. Las figuras sombreadas muestran ese límite superior.'),
           "meta": "Qué se cuenta: {outcome}. Quiénes: {group}. Durante: {follow_up}."},
}


@dataclass(frozen=True)
class Figure:
    per_100: int
    label: str
    source: str
    study: str
    outcome: str = ""
    group: str = ""
    follow_up: str = ""
    up_to: int | None = None
    numerator: int | None = None
    denominator: int | None = None
    percent: Decimal | None = None
    derived: bool = False
    complement: bool = False
    lead: str | None = None             # None: the language's default opening
    source_text: str | None = None
    line: int = 0
    lang: str = "en"

    def say(self, key: str, **values) -> str:
        return MESSAGES.get(self.lang, MESSAGES["en"])[key].format(**values)

    def say_html(self, key: str, **values) -> str:
        """`say` as HTML: the catalogue's words and the page's values, escaped."""
        words = html.escape(MESSAGES.get(self.lang, MESSAGES["en"])[key], quote=False)
        return words.format(**{k: html.escape(str(v)) for k, v in values.items()})

    @property
    def sentence(self) -> str:
        if self.up_to is not None:
            return self.say("up_to", lead=self.lead or self.say("lead"), den=self.denominator, label=self.label,
                            up_to=self.up_to)
        about = self.say("about") if self.derived or (self.percent is not None and self.percent != int(self.percent)) else ""
        return f"{self.lead or self.say('lead')}, {about}{self.say('of_100', n=self.per_100)} {self.label}."

    @property
    def source_numbers(self) -> str:
        """The source's own numbers, as the source gives them."""
        parts = []
        if self.numerator is not None and self.denominator is not None:
            parts.append(self.say("people", num=self.numerator, den=self.denominator))
        elif self.denominator is not None:
            parts.append(self.say("people", num=f"{_fmt(self.percent)}%", den=self.denominator))
        if self.percent is not None and (self.numerator is not None or self.denominator is None):
            parts.append(f"{_fmt(self.percent)}%")
        return ", ".join(parts)


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _round(value: Decimal) -> int:
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def blocks(text: str) -> list[tuple[int, int, str]]:
    """(first line index, last line index, YAML text) of every icon-array fence in `text`
    (0-based line indexes of the opening and closing fence lines)."""
    lines = text.split("\n")
    out = []
    i = 0
    other: str | None = None               # inside some other fence: skip it
    while i < len(lines):
        line = lines[i]
        m = FENCE_OPEN.match(line)
        if other is None and m:
            fence = m.group("fence")
            close = re.compile(rf"^[ \t]*{re.escape(fence[0])}{{{len(fence)},}}[ \t]*$")
            j = i + 1
            while j < len(lines) and not close.match(lines[j]):
                j += 1
            indent = len(m.group("indent"))
            body = "\n".join(l[indent:] if l[:indent].strip() == "" else l for l in lines[i + 1:j])
            out.append((i, j, body))
            i = j + 1
            continue
        f = re.match(r"^[ \t>]*(`{3,}|~{3,})", line)
        if f:
            if other is None:
                other = f.group(1)
            elif f.group(1)[0] == other[0] and len(f.group(1)) >= len(other):
                other = None
        i += 1
    return out


def parse(body: str, path: str, line: int, known_sources) -> tuple[Figure | None, list[Problem]]:
    """Read and check one block's YAML (`line`: 1-based line of its opening fence)."""
    def problem(msg: str) -> Problem:
        return Problem(path, line, f"icon array: {msg}")

    try:
        data = yaml.safe_load(body) if body.strip() else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = line + 1 + mark.line if mark is not None else line
        return None, [Problem(path, at, f"icon array: its data is not valid YAML ({getattr(exc, 'problem', exc)})")]
    if not isinstance(data, dict):
        return None, [problem("the block must hold YAML keys: per_100, label, source, study and "
                              "numerator/denominator or percent")]
    problems: list[Problem] = []
    for key in sorted(set(data) - KEYS):
        problems.append(problem(f"unknown key '{key}' (allowed: {', '.join(sorted(KEYS))})"))
    for key in REQUIRED:
        if data.get(key) in (None, ""):
            what = "source id (an id from docs/sources.md)" if key == "source" else f"'{key}'"
            problems.append(problem(f"the figure has no {what}{HINTS.get(key, '')}"))
    source = data.get("source")
    if source not in (None, "") and (not isinstance(source, str) or source not in known_sources):
        problems.append(problem(f"unknown source id '{source}' (known ids are listed in docs/sources.md)"))
    for key in ("label", "study", "lead", "source_text", "outcome", "group", "follow_up"):
        if key in data and data[key] is not None and not isinstance(data[key], str):
            problems.append(problem(f"'{key}' must be text"))
    for key in ("derived", "complement"):
        if key in data and not isinstance(data[key], bool):
            problems.append(problem(f"'{key}' must be true or false"))

    per_100, num, den, pct = (data.get(k) for k in ("per_100", "numerator", "denominator", "percent"))
    up_to = data.get("up_to")
    for key, value in (("per_100", per_100), ("numerator", num), ("denominator", den), ("up_to", up_to)):
        if value is not None and not _whole(value):
            problems.append(problem(f"'{key}' must be a whole number, not {value!r}"))
    if _whole(per_100) and not 0 <= per_100 <= 100:
        problems.append(problem(f"per_100 is {per_100}: it must be between 0 and 100"))
    percent = None
    if pct is not None:
        if isinstance(pct, bool) or not isinstance(pct, (int, float)):
            problems.append(problem(f"'percent' must be a number, not {pct!r}"))
        else:
            percent = Decimal(str(pct))
            if not 0 <= percent <= 100:
                problems.append(problem(f"percent is {pct}: it must be between 0 and 100"))
    if num is not None and den is None:
        problems.append(problem("a numerator needs its denominator (the number of people)"))
    if num is None and pct is None:
        problems.append(problem("give the source's own numbers: numerator and denominator, or percent"))
    if _whole(den) and den <= 0:
        problems.append(problem(f"denominator is {den}: it must be more than 0"))
    if _whole(num) and _whole(den) and den > 0 and not 0 <= num <= den:
        problems.append(problem(f"numerator {num} is more than the denominator {den}" if num > den
                                else f"numerator {num} must not be negative"))
    if up_to is not None and _whole(up_to) and not (num == 0 and _whole(den) and den > 0):
        problems.append(problem("'up_to' is the rule-of-three limit for 0 events: it needs numerator: 0 "
                                "and the denominator (the number of people)"))
    elif _whole(up_to) and up_to != _round(Decimal(300) / Decimal(den)):
        problems.append(problem(f"up_to is {up_to}, but the rule of three gives {_round(Decimal(300) / Decimal(den))} "
                                f"in 100 (3 / {den})"))
    elif _whole(up_to) and not data.get("derived"):
        problems.append(problem("up_to is our arithmetic (the rule of three): add 'derived: true'"))
    if problems:
        return None, problems

    exact = None                              # the source's own share, as a Decimal percentage
    if num is not None:
        exact = Decimal(num) * 100 / Decimal(den)
        if percent is not None:
            places = max(0, -percent.as_tuple().exponent)
            if exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP) != percent:
                problems.append(problem(f"{num} of {den} is {exact:.1f}%, not {_fmt(percent)}% "
                                        "(the numbers do not add up)"))
    else:
        exact = percent
    complement = bool(data.get("complement"))
    shown = 100 - exact if complement else exact
    expected = _round(shown)
    if per_100 != expected:
        how = f"100 - {_fmt(exact.normalize()) if num is None else f'{exact:.1f}'}" if complement else (
            f"{num} of {den} = {exact:.1f}%" if num is not None else f"{_fmt(percent)}%")
        problems.append(problem(f"per_100 is {per_100}, but the source's numbers give {expected} "
                                f"out of 100 ({how})"))
    arithmetic = complement or shown != per_100 or (num is not None and den != 100)
    if arithmetic and not data.get("derived"):
        problems.append(problem(f"per_100 ({per_100}) is our arithmetic from the source's numbers: "
                                "add 'derived: true' so the page says so"))
    text = data.get("source_text")
    if isinstance(text, str):
        wanted = [str(v) for v in (num, den) if v is not None] + ([_fmt(percent)] if percent is not None else [])
        missing = [w for w in wanted if not re.search(rf"(?<![\d.]){re.escape(w)}(?![\d]|\.\d)", text)]
        if missing:
            problems.append(problem(f"source_text must show the source's numbers; it lacks {', '.join(missing)}"))
    if problems:
        return None, problems
    return Figure(per_100=per_100, label=data["label"].strip(), source=source, study=data["study"].strip(),
                  outcome=data["outcome"].strip(), group=data["group"].strip(),
                  follow_up=str(data["follow_up"]).strip(), up_to=up_to,
                  numerator=num, denominator=den, percent=percent, derived=bool(data.get("derived")),
                  complement=complement, lead=(data.get("lead") or "").strip() or None,
                  source_text=text.strip() if isinstance(text, str) else None, line=line), []


# --- drawing ----------------------------------------------------------------------------------

# One figure (head and shoulders) in its CELL_W x CELL_H cell: head centred at (5, 4.5), body
# from (1.5, 18.5). Every stroke stays inside the cell, so a tile never clips a figure.
FIGURE = "M2.4 4.5a2.6 2.6 0 1 0 5.2 0a2.6 2.6 0 1 0-5.2 0zm-.9 14v-6.5a3.5 3.5 0 0 1 7 0v6.5z"
# How each kind of figure is painted: filled, shaded (the rule-of-three limit), outlined.
PAINT = {"on": 'fill="currentColor"',
         "maybe": ('fill="currentColor" fill-opacity="0.35" stroke="currentColor" stroke-width="0.9" '
                   'stroke-dasharray="1.5 1"'),
         "off": 'fill="none" stroke="currentColor" stroke-width="0.9" opacity="0.6"'}


def cells(first: int, last: int) -> list[tuple[int, int, int, int]]:
    """Rectangles (x, y, width, height in SVG units) that cover the cells first..last-1 of the
    grid, counted row by row: at most a part row, a block of whole rows and a part row."""
    out, i = [], first
    while i < last:
        row, col = divmod(i, COLUMNS)
        if col == 0 and last - i >= COLUMNS:            # whole rows at once
            rows = (last - i) // COLUMNS
            out.append((0, row * CELL_H, COLUMNS * CELL_W, rows * CELL_H))
            i += rows * COLUMNS
        else:                                            # the rest of this row, or less
            n = min(COLUMNS - col, last - i)
            out.append((col * CELL_W, row * CELL_H, n * CELL_W, CELL_H))
            i += n
    return out


def svg(filled: int, total: int = 100, maybe: int = 0, key: str = "ia") -> str:
    """An SVG of `total` figures, the first `filled` solid, the next `maybe` shaded, the rest
    outlined. Decorative: hidden from screen readers (the caption says the same in words).
    Each kind of figure is drawn once, as a <pattern> tile, and rectangles painted with the
    tile lay out the rows: a few hundred bytes instead of 100 figures' path data (the decision
    aid's 11 arrays were half of its 200 KB of HTML). Drawn in currentColor, so the picture
    follows the light and dark palettes, forced colours and print. `key` makes the tiles' ids
    unique on the page (one array's id must not name another's tile)."""
    if not (0 <= filled <= total <= COLUMNS * ROWS and 0 <= maybe <= total - filled):
        raise ValueError(f"cannot draw {filled} (+{maybe}) of {total}")
    w, h = COLUMNS * CELL_W, ROWS * CELL_H
    groups = (("on", 0, filled), ("maybe", filled, filled + maybe), ("off", filled + maybe, total))
    tiles, rects = [], []
    for kind, first, last in groups:
        if kind == "maybe" and not maybe:
            continue
        tile = f"omg-{key}-{kind}"
        tiles.append(f'<pattern id="{tile}" width="{CELL_W}" height="{CELL_H}" patternUnits="userSpaceOnUse">'
                     f'<path {PAINT[kind]} d="{FIGURE}"/></pattern>')
        shapes = "".join(f'<rect x="{x}" y="{y}" width="{cw}" height="{ch}"/>' for x, y, cw, ch in cells(first, last))
        rects.append(f'<g class="omg-ia__{kind}" fill="url(#{tile})" data-count="{last - first}">{shapes}</g>')
    return (f'<svg class="omg-ia__svg" viewBox="0 0 {w} {h}" width="{w * 2}" height="{h * 2}" '
            f'aria-hidden="true" focusable="false" role="presentation">'
            f'<defs>{"".join(tiles)}</defs>{"".join(rects)}</svg>')


def caption(fig: Figure) -> str:
    """The visible text alternative: sentence with its citation, then the study and the source's numbers."""
    e = html.escape
    note = e(fig.say("derived")) if fig.derived else ""
    if fig.up_to is not None:
        note = fig.say_html("up_to_note", up_to=fig.up_to, den=fig.denominator)
    said = e(fig.source_text) if fig.source_text else e(fig.source_numbers)
    numbers = e(fig.say("numbers", said="\0")).replace("\0", said)
    if fig.complement:
        numbers += (f" 100 \u2212 {_fmt(fig.percent)} = {fig.per_100}." if fig.numerator is None else
                    f" {fig.denominator} \u2212 {fig.numerator} = {fig.denominator - fig.numerator}"
                    f"{fig.say('of_den', den=fig.denominator)}.")
    return (f'<p class="omg-ia__text">{e(fig.sentence)}[@{fig.source}]</p>'
            f'<p class="omg-ia__meta">{fig.say_html("meta", outcome=fig.outcome, group=fig.group, follow_up=fig.follow_up)}</p>'
            f'<p class="omg-ia__study">{e(fig.say("study", study=fig.study.rstrip(".")))} {numbers}'
            f'{" " + note if note else ""}</p>')


def render(fig: Figure) -> str:
    """One line of HTML: the figure (picture and caption)."""
    return (f'<figure class="omg-ia" data-per-100="{fig.per_100}" data-source="{html.escape(fig.source)}">'
            f'{svg(fig.per_100, maybe=fig.up_to or 0, key=f"ia-{fig.source}-{fig.line}")}<figcaption>{caption(fig)}</figcaption></figure>')


def expand(text: str, path: str, first_line: int, known_sources) -> tuple[str, list[Figure], list[Problem]]:
    """Replace every icon-array block in `text` (a page body starting at 1-based `first_line`)
    with its HTML, keeping the line count. Blocks with problems are left as they are."""
    lines = text.split("\n")
    figures: list[Figure] = []
    problems: list[Problem] = []
    lang = i18n.split(path)[1]
    for start, end, body in reversed(blocks(text)):
        fig, found = parse(body, path, first_line + start, known_sources)
        fig = dataclasses.replace(fig, lang=lang) if fig else fig
        if end >= len(lines):
            found = found + [Problem(path, first_line + start, "icon array: the block is never closed")]
        if found:
            problems[:0] = found
            continue
        figures.insert(0, fig)
        indent = re.match(r"[ \t]*", lines[start]).group(0)
        span = end - start + 1
        lines[start:end + 1] = [indent + render(fig)] + [""] * (span - 1)
    problems += outcomes.arrays(figures, text, path, first_line)
    return "\n".join(lines), figures, problems
