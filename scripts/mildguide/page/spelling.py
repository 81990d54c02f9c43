"""US spelling: fail on British spellings from a short list, with file:line.

The list is short on purpose (words a British or Australian writer, or a copied NHS leaflet,
brings in). Each entry is a word-start regex, checked case-insensitively on word boundaries.
Not checked: code (fenced or inline), URLs and link targets, HTML comments, and text inside
quotation marks ("..." or “...”): a quote keeps its source's own spelling, and so does a real
source title. In the registry's front matter (docs/sources.md), `title`, `details`, `url` and
`doi` values are skipped for the same reason.
Pure functions; the adapter is scripts/mildguide/mdext/trust.py.
"""
from __future__ import annotations

import re

from ..mdtext import mask_code
from ..problems import Problem

# British spelling -> the US word to use instead.
BRITISH: dict[str, str] = {
    r"licences?": "license",
    r"colour\w*": "color",
    r"centre[sd]?": "center",
    r"anaesthe\w*": "anesthesia / anesthetic",
    r"haem\w*": "hem… (hemorrhage, hematoma)",
    r"oedema": "edema (or: swelling)",
    r"behaviour\w*": "behavior",
    r"favour\w*": "favor",
    r"organis(?:e|ed|es|ing|ation|ations)": "organize / organization",
    r"paediatric\w*": "pediatric",
    r"tumour\w*": "tumor",
    r"fibres?": "fiber",
    r"litres?": "liter",
    r"whilst": "while",
    r"tick(?:s|ed|ing)?(?:[- ](?:off|box(?:es)?|the))": "check / check off",
}
_PATTERNS = [(re.compile(rf"\b(?:{rx})\b", re.I), us) for rx, us in BRITISH.items()]
# A quick first pass: the literal start of each entry ("colour", "tick" …) searched in the
# lower-cased text, so a page or line with no British spelling (nearly all) costs one plain
# substring scan instead of one regex per entry. Exact: blanking URLs and quotes only removes
# text, and apart from the three characters below, re.I matches an ASCII letter only where
# str.lower() gives that letter; a text holding one of them takes the regex path.
_LITERALS = tuple(re.match(r"[a-z]+", rx).group(0)[: -1 if re.match(r"[a-z]+[?*{]", rx) else None]
                  for rx in BRITISH)
_ODD_FOLDS = re.compile("[\u0130\u0131\u017f]")      # İ ı ſ: re.I matches them to i and s


def _may_match(text: str) -> bool:
    if _ODD_FOLDS.search(text):
        return True
    low = text.lower()
    return any(word in low for word in _LITERALS)


URL = re.compile(r"(?:https?|mailto):[^\s)\]>\"']+|\]\([^)]*\)|\b[\w.-]+\.(?:md|html|yml)(?:#[\w-]+)?\b")
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”")
REGISTRY_KEYS = re.compile(r"^\s*(?:-\s+)?(?:title|details|url|doi)\s*:")


def _blank(m: re.Match) -> str:
    return " " * len(m.group(0))


def find(text: str) -> list[tuple[int, str, str]]:
    """(1-based line, word found, US word) for each British spelling in `text`."""
    hits = []
    masked = mask_code(text)
    if not _may_match(masked):
        return hits
    for number, line in enumerate(masked.split("\n"), 1):
        if not _may_match(line):
            continue
        line = QUOTED.sub(_blank, URL.sub(_blank, line))
        for rx, us in _PATTERNS:
            for m in rx.finditer(line):
                hits.append((number, m.group(0), us))
    return sorted(hits)


def check(text: str, path: str, first_line: int = 1, registry: bool = False) -> list[Problem]:
    """Problems for `text` (a whole file when first_line is 1). `registry`: skip the source
    titles and details in the front matter of the Sources page."""
    if registry:
        lines = text.split("\n")
        in_front = bool(lines) and lines[0].strip() == "---"
        kept, skipping = [], False
        for i, line in enumerate(lines):
            if in_front and i > 0 and line.strip() in ("---", "..."):
                in_front = False
            if in_front and REGISTRY_KEYS.match(line):
                skipping = True
            elif in_front and re.match(r"^\s*(?:-\s+)?[a-z_]+\s*:", line):
                skipping = False
            kept.append("" if in_front and skipping else line)
        text = "\n".join(kept)
    return [Problem(path, first_line + number - 1,
                    f"British spelling '{word}': use US spelling ({us})")
            for number, word, us in find(text)]
