"""Warning signs, defined once (warning-signs.yml at the project root), shown as care cards.

A line of its own in Markdown, `[[warning-signs: SET]]`, becomes that set's care cards: one
`!!! care-emergency|care-urgent|care-nonurgent` admonition per level, each sign a list item
ending in its `[@id]` citations. The citations hook and the care-card hook (level label and
contact line, scripts/mildguide/care.py) then treat them like any other Markdown.

Cards come emergency first: a reader who scans the page in a hurry, or stops reading after
the first box, must meet the signs that need 911 before the ones that can wait.

`load()` validates the data file once per build; `check()` reports a page's unknown sets and
hand-written care cards; `expand_lines()` / `expand()` do the rewriting (a Python-Markdown
preprocessor can call `expand_lines` as is). Pure functions; the adapter is
scripts/mildguide/mdext/warning_signs.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from . import spelling
from .frontmatter import load_node
from .mdtext import mask_code
from .problems import Problem

FILE = "warning-signs.yml"
LEVELS = ("emergency", "urgent", "nonurgent")          # the order cards are shown in
TITLES = {
    "emergency": "Call 911 or go to the emergency room now if you have even 1 of these",
    "urgent": "Call your care team today if you have any of these",
    "nonurgent": "Tell your care team soon if",
}
MARKER = re.compile(r"^(?P<indent>[ \t]*)\[\[warning-signs:[ \t]*(?P<set>[^\]]*?)[ \t]*\]\][ \t]*$")
HANDWRITTEN = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[^\"\n]*?\bcare-(?:emergency|urgent|nonurgent)\b"
                         r"|class=[\"'][^\"']*\bcare-(?:emergency|urgent|nonurgent)\b")
ID_RE = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
HANDWRITTEN_MESSAGE = ("a care card written by hand: care cards come from warning-signs.yml: "
                       "use [[warning-signs: SET]] on a line of its own (sets: {sets})")


@dataclass(frozen=True)
class Sign:
    id: str
    level: str
    text: str
    sources: tuple[str, ...]
    line: int = 0


@dataclass
class Definitions:
    signs: dict[str, Sign] = field(default_factory=dict)
    sets: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def cards(self, name: str) -> list[tuple[str, list[Sign]]]:
        """(level, signs) for each level the set uses, emergency first."""
        signs = [self.signs[i] for i in self.sets[name] if i in self.signs]
        return [(level, [s for s in signs if s.level == level]) for level in LEVELS
                if any(s.level == level for s in signs)]


def _line(node) -> int:
    return node.start_mark.line + 1


def _pairs(node) -> dict:
    return {str(k.value): (k, v) for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def load(text: str, path: str = FILE, source_ids=None) -> tuple[Definitions, list[Problem]]:
    """Parse and validate the data file. `source_ids`: the registry's ids (None: not checked)."""
    defs, problems = Definitions(), []

    def bad(line, message):
        problems.append(Problem(path, line, message))

    try:
        node, data = load_node(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return defs, [Problem(path, mark.line + 1 if mark else 1, f"not valid YAML: {exc}")]
    top = _pairs(node)
    if not isinstance(data, dict) or "signs" not in top or "sets" not in top:
        return defs, [Problem(path, 1, "must hold 'signs:' (a list) and 'sets:' (a mapping)")]
    signs_node = top["signs"][1]
    if not isinstance(signs_node, yaml.SequenceNode):
        bad(_line(signs_node), "'signs' must be a list")
        signs_node = yaml.SequenceNode("", [])
    for item in signs_node.value:
        at = _line(item)
        entry = _pairs(item)
        if not entry:
            bad(at, "each sign must be a mapping with id, level, text and sources")
            continue
        unknown = sorted(set(entry) - {"id", "level", "text", "sources"})
        if unknown:
            bad(_line(entry[unknown[0]][0]), f"unknown field '{unknown[0]}' (fields: id, level, text, sources)")
        ident = str(entry["id"][1].value) if "id" in entry and isinstance(entry["id"][1], yaml.ScalarNode) else ""
        if not ID_RE.match(ident):
            bad(at, f"a sign needs an 'id' of lowercase letters, digits and hyphens (got {ident!r})")
            continue
        if ident in defs.signs:
            bad(at, f"sign '{ident}' is defined twice (first on line {defs.signs[ident].line})")
            continue
        level_node = entry.get("level", (None, None))[1]
        level = str(level_node.value) if isinstance(level_node, yaml.ScalarNode) else ""
        if level not in LEVELS:
            bad(_line(level_node) if level_node is not None else at,
                f"sign '{ident}': unknown level {level!r} (use {', '.join(LEVELS)})")
        text_node = entry.get("text", (None, None))[1]
        words = str(text_node.value).strip() if isinstance(text_node, yaml.ScalarNode) else ""
        if not words:
            bad(at, f"sign '{ident}' has no 'text'")
        elif re.search(r"\[@|[*_`<>\[\]]", words):
            bad(_line(text_node), f"sign '{ident}': 'text' is plain words (the card adds the citations)")
        elif re.search(r"\band also\b", words, re.I):
            bad(_line(text_node), f"sign '{ident}': each sign must stand on its own (no 'and also')")
        for p in spelling.check(words, path, _line(text_node) if text_node is not None else at):
            problems.append(p)
        src_node = entry.get("sources", (None, None))[1]
        ids: list[str] = []
        if isinstance(src_node, yaml.SequenceNode):
            ids = [str(n.value) for n in src_node.value if isinstance(n, yaml.ScalarNode)]
        if not ids:
            bad(_line(src_node) if src_node is not None else at,
                f"sign '{ident}' has no sources: list the registry ids that support it")
        for sid in ids:
            if source_ids is not None and sid not in source_ids:
                bad(_line(src_node), f"sign '{ident}': unknown source id '{sid}' (not in the "
                                     "registry in docs/sources.md)")
        defs.signs[ident] = Sign(ident, level, words, tuple(ids), at)
    sets_node = top["sets"][1]
    for key, value in _pairs(sets_node).items() if isinstance(sets_node, yaml.MappingNode) else []:
        k, v = value
        if not isinstance(v, yaml.SequenceNode) or not v.value:
            bad(_line(k), f"set '{key}' must be a non-empty list of sign ids")
            continue
        members = tuple(str(n.value) for n in v.value)
        for n in v.value:
            if str(n.value) not in defs.signs:
                bad(_line(n), f"set '{key}' names unknown sign '{n.value}'")
        defs.sets[key] = members
    if not isinstance(sets_node, yaml.MappingNode):
        bad(_line(sets_node), "'sets' must map each set name to a list of sign ids")
    return defs, problems


def render(name: str, defs: Definitions, indent: str = "") -> list[str]:
    """The Markdown lines of a set's care cards."""
    out: list[str] = []
    for level, signs in defs.cards(name):
        if out:
            out.append("")
        out.append(f'{indent}!!! care-{level} "{TITLES[level]}"')
        for s in signs:
            cites = "; ".join(f"@{i}" for i in s.sources)
            out.append(f"{indent}    - {s.text}[{cites}]")
    return out


def expand_lines(lines: list[str], defs: Definitions) -> tuple[list[str], list[int]]:
    """Replace each marker line of a known set with its cards. Returns the new lines and, for
    each new line, the 0-based index of the input line it came from (for error lines)."""
    masked = mask_code("\n".join(lines)).split("\n")
    out, origin = [], []
    for i, line in enumerate(lines):
        m = MARKER.match(masked[i]) if i < len(masked) else None
        if m and m.group("set") in defs.sets:
            block = [""] + render(m.group("set"), defs, m.group("indent")) + [""]
            out += block
            origin += [i] * len(block)
        else:
            out.append(line)
            origin.append(i)
    return out, origin


def expand(markdown: str, defs: Definitions) -> str:
    return "\n".join(expand_lines(markdown.split("\n"), defs)[0])


def markers(markdown: str) -> list[tuple[int, str]]:
    """(0-based line, set name) of each marker outside code."""
    return [(i, m.group("set")) for i, line in enumerate(mask_code(markdown).split("\n"))
            if (m := MARKER.match(line))]


def check(markdown: str, defs: Definitions, path: str, first_line: int = 1) -> list[Problem]:
    """Unknown set names, and care cards written by hand (outside code)."""
    problems = []
    names = ", ".join(sorted(defs.sets)) or "none defined"
    for i, line in enumerate(mask_code(markdown).split("\n")):
        if HANDWRITTEN.search(line):
            problems.append(Problem(path, first_line + i, HANDWRITTEN_MESSAGE.format(sets=names)))
    for i, name in markers(markdown):
        if name not in defs.sets:
            problems.append(Problem(path, first_line + i,
                                    f"unknown warning-signs set '{name}' (sets in {FILE}: {names})"))
    return problems
