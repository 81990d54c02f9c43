"""Triage written in prose (issue 23 §4): "call your doctor right away", "call 911", "go to
the emergency room". When to get help, and how fast, is safety-critical and written once, in
warning-signs.yml; a page shows it with `[[warning-signs: SET]]` (care cards) or links to
When to get help. A triage sentence typed into a page drifts from those cards.

The phrases are instructions to seek care fast, or on a condition ("if …, call your
doctor"): a care verb (call, contact, go to, seek) with an urgency or an emergency place.
"Ask your doctor", "tell your care team" and "talk to your doctor" are not triage. Lines
inside a `!!! care-*` card (a hand-written card fails on its own) and the marker lines are
left out; code and HTML comments are masked. Pure function; mildguide.page.checks calls it.
"""
from __future__ import annotations

import re

from ..mdtext import line_of, mask_code
from ..problems import Problem

S = r"\s+"          # words may be split across lines
WHO_EN = r"(?:your|the|a)\s+(?:doctors?|care\s+team|surgeon|clinic|nurse|GP|team|provider|center|centre)"
FAST_EN = (r"(?:right\s+away|at\s+once|immediately|now|straight\s+away|urgently|today|the\s+same\s+day"
           r"|as\s+soon\s+as\s+(?:possible|you\s+can)|without\s+delay)")
ER_EN = r"(?:emergency\s+(?:room|department)|ER|A&E|urgent\s+care)"
WHO_ES = (r"(?:a\s+)?(?:su|el|al|la)\s+(?:médic[oa]|equipo(?:\s+de\s+atención(?:\s+médica)?)?|cirujan[oa]|clínica"
          r"|enfermer[oa])")
FAST_ES = (r"(?:de\s+inmediato|enseguida|ahora(?:\s+mismo)?|hoy(?:\s+mismo)?|cuanto\s+antes|urgentemente"
           r"|lo\s+antes\s+posible|sin\s+demora)")
ER_ES = r"(?:(?:a\s+)?la\s+sala\s+de\s+emergencias|a\s+urgencias|al\s+servicio\s+de\s+urgencias)"

PHRASES = {
    "en": re.compile("|".join([
        rf"\b(?:call|dial|phone|ring){S}(?:911|999|112|an?{S}ambulance)\b",
        rf"\b(?:go|get|head|come|get{S}yourself){S}(?:straight{S})?to{S}(?:the{S}|an?{S}|your{S})?"
        rf"(?:nearest{S})?{ER_EN}\b",
        rf"\b(?:call|contact|phone|ring|see){S}{WHO_EN}{S}{FAST_EN}\b",
        rf"\b(?:call|contact|phone|ring){S}{WHO_EN}{S}if\b",
        rf"\bif\b[^.!?]{{0,80}}?\b(?P<c1>(?:call|contact|phone|ring){S}{WHO_EN}(?:{S}{FAST_EN})?)\b",
        rf"\b(?:seek|get|find){S}(?:emergency|urgent|immediate){S}(?:medical{S})?(?:care|help|attention|treatment)\b",
        rf"\b(?:seek|get){S}(?:medical{S})?(?:care|help|attention){S}{FAST_EN}\b",
    ]), re.I),
    "es": re.compile("|".join([
        rf"\b(?:llame|llamar|marque|marcar){S}(?:al{S})?(?:911|una{S}ambulancia)\b",
        rf"\b(?:vaya|ir|acuda|acudir|diríjase){S}(?:{FAST_ES}{S})?{ER_ES}\b",
        rf"\b(?:llame|llamar|comuníquese{S}con|contacte|consulte){S}{WHO_ES}{S}{FAST_ES}",
        rf"\b(?:llame|comuníquese{S}con){S}{WHO_ES}{S}si\b",
        rf"\b(?:llame|llamar){S}{FAST_ES}{S}{WHO_ES}",
        rf"\bsi\b[^.!?¿¡]{{0,80}}?\b(?P<c2>(?:llame|comuníquese{S}con){S}{WHO_ES}(?:{S}{FAST_ES})?)\b",
        rf"\bbusque{S}(?:atención|ayuda){S}(?:médica{S})?(?:de{S}emergencia|urgente|inmediata|{FAST_ES})",
    ]), re.I),
}
CARD = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+care-\S*")
HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]")
LINK = re.compile(r"\[[^\[\]]*\]\([^()]*\)")       # a link's words name a section, they give no advice
MARKER = re.compile(r"^[ \t]*\[\[warning-signs:[^\]]*\]\][ \t]*$")
FIX = ("when to get help is written once, in warning-signs.yml: show it with [[warning-signs: SET]] "
       "on a line of its own, or link to [When to get help](recovery.md#when-to-get-help)")


def _outside_cards(text: str) -> str:
    """`text` with each `!!! care-*` card and each warning-signs marker blanked (same offsets)."""
    out, card_indent = [], None
    for line in text.split("\n"):
        if card_indent is not None:
            if not line.strip() or len(line) - len(line.lstrip()) > card_indent:
                out.append(" " * len(line))
                continue
            card_indent = None
        m = CARD.match(line)
        if m:
            card_indent = len(m.group(1).expandtabs())
        if m or MARKER.match(line) or HEADING.match(line):
            out.append(" " * len(line))
            continue
        out.append(line)
    return LINK.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), "\n".join(out))


def triage_prose(text: str, path: str, lang: str = "en", first_line: int = 1) -> list[Problem]:
    """A problem at each triage phrase outside care cards (`lang`: the page's language)."""
    rx = PHRASES.get(lang)
    if rx is None:
        return []
    scan = _outside_cards(mask_code(text))
    problems = []
    for m in rx.finditer(scan):
        core = next(((m.start(g), m.end(g)) for g in ("c1", "c2") if g in rx.groupindex and m.group(g)),
                    m.span())
        words = re.sub(r"\s+", " ", text[core[0]:core[1]])
        problems.append(Problem(path, first_line + line_of(scan, core[0]) - 1,
                                f"triage in prose ('{words}'): {FIX}"))
    return problems
