"""Warning signs, defined once (warning-signs.yml at the project root), shown as care cards.

A line of its own in Markdown, `[[warning-signs: SET]]`, becomes that set's care cards: one
`!!! care-emergency|care-urgent|care-nonurgent` admonition per level, each sign a list item
ending in its `[@id]` citations. The citations hook and the care-card hook (level label and
contact line, scripts/mildguide/page/care.py) then treat them like any other Markdown.

Cards come emergency first: a reader who scans the page in a hurry, or stops reading after
the first box, must meet the signs that need 911 before the ones that can wait.

`load()` validates the data file once per build; `check()` reports a page's unknown sets and
hand-written care cards; `expand_lines()` / `expand()` do the rewriting (a Python-Markdown
preprocessor can call `expand_lines` as is). Pure functions; the adapter is
scripts/mildguide/mdext/warning_signs.py.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

import yaml

from . import spelling
from ..frontmatter import load_node
from ..mdtext import mask_code
from ..problems import Problem

FILE = "warning-signs.yml"
LEVELS = ("emergency", "urgent", "nonurgent")          # the order cards are shown in
TITLES = {
    "emergency": "Call 911 or go to the emergency room now if you have even 1 of these",
    "urgent": "Call your care team today if you have any of these",
    "nonurgent": "Tell your care team soon if",
}
# The Spanish edition's card titles (the signs' Spanish words are `text_es` in the data file).
TITLES_ES = {
    "emergency": "Llame al 911 o vaya a la sala de emergencias ahora mismo si tiene aunque sea una de estas señales",
    "urgent": "Llame hoy a su equipo de atención médica si tiene alguna de estas señales",
    "nonurgent": "Avise pronto a su equipo de atención médica si",
}
FIELDS = ("id", "level", "group", "text", "text_es", "text_es_of", "sources")
GROUP_FIELDS = ("title", "means", "sources", "title_es", "means_es", "es_of")


def english_version(text: str) -> str:
    """The value of `text_es_of` for an English `text`: the first 12 hex digits of its sha256.
    A sign whose English text changes no longer matches, and the build fails until its Spanish
    text is updated (a safety-critical line must never be out of date in one language)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]
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
    text_es: str = ""
    group: str = ""

    def words(self, lang: str = "en") -> str:
        return self.text_es if lang == "es" and self.text_es else self.text


@dataclass(frozen=True)
class Group:
    """What a set of signs may point to: a title and one line on what it may mean (cited)."""
    id: str
    title: str
    means: str
    sources: tuple[str, ...]
    title_es: str = ""
    means_es: str = ""

    def words(self, lang: str = "en") -> tuple[str, str]:
        if lang == "es" and self.title_es and self.means_es:
            return self.title_es, self.means_es
        return self.title, self.means


@dataclass
class Definitions:
    signs: dict[str, Sign] = field(default_factory=dict)
    sets: dict[str, tuple[str, ...]] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)

    def cards(self, name: str) -> list[tuple[str, list[Sign]]]:
        """(level, signs) for each level the set uses, emergency first."""
        signs = [self.signs[i] for i in self.sets[name] if i in self.signs]
        return [(level, [s for s in signs if s.level == level]) for level in LEVELS
                if any(s.level == level for s in signs)]

    def grouped(self, signs: list[Sign]) -> list[tuple[Group | None, list[Sign]]]:
        """A card's signs under their cause group, in the order each group first appears
        (signs without a group first, under no title)."""
        order: list[str] = []
        for s in signs:
            if s.group not in order:
                order.append(s.group)
        order.sort(key=lambda g: g != "")
        return [(self.groups.get(g), [s for s in signs if s.group == g]) for g in order]


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
    group_refs: list[tuple[str, str, int]] = []
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
        unknown = sorted(set(entry) - set(FIELDS))
        if unknown:
            bad(_line(entry[unknown[0]][0]), f"unknown field '{unknown[0]}' (fields: {', '.join(FIELDS)})")
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
        # Spanish: translated once, here; stamped with the English version it translates.
        es_node = entry.get("text_es", (None, None))[1]
        words_es = str(es_node.value).strip() if isinstance(es_node, yaml.ScalarNode) else ""
        of_node = entry.get("text_es_of", (None, None))[1]
        of = str(of_node.value).strip() if isinstance(of_node, yaml.ScalarNode) else ""
        if not words_es:
            pass        # reported where a Spanish page shows the sign (check_translated)
        elif re.search(r"\[@|[*_`<>\[\]]", words_es):
            bad(_line(es_node), f"sign '{ident}': 'text_es' is plain words (the card adds the citations)")
        elif words and of != english_version(words):
            bad(_line(of_node) if of_node is not None else _line(es_node),
                f"sign '{ident}': its English 'text' changed after 'text_es' was translated "
                f"(text_es_of: {of or 'missing'}): update 'text_es' to say the same, then set "
                f"'text_es_of: {english_version(words)}'")
        group_node = entry.get("group", (None, None))[1]
        group = str(group_node.value).strip() if isinstance(group_node, yaml.ScalarNode) else ""
        if group:
            group_refs.append((ident, group, _line(group_node)))
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
        defs.signs[ident] = Sign(ident, level, words, tuple(ids), at, words_es, group)
    if "groups" in top:
        _load_groups(top["groups"][1], defs, bad, source_ids, path)
    for ident, group, at in group_refs:
        if group not in defs.groups:
            bad(at, f"sign '{ident}': unknown group '{group}' (groups: {', '.join(sorted(defs.groups)) or 'none'})")
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


def _load_groups(node, defs: Definitions, bad, source_ids, path: str) -> None:
    """`groups:` maps a group id to its title, the line on what it may mean, and sources."""
    if not isinstance(node, yaml.MappingNode):
        bad(_line(node), "'groups' must map each group id to its title, means and sources")
        return
    for key, (k, v) in _pairs(node).items():
        entry = _pairs(v)
        if not ID_RE.match(key) or not entry:
            bad(_line(k), f"group '{key}': needs an id of lowercase letters, digits and hyphens, "
                          "and title, means and sources")
            continue
        unknown = sorted(set(entry) - set(GROUP_FIELDS))
        if unknown:
            bad(_line(entry[unknown[0]][0]), f"group '{key}': unknown field '{unknown[0]}' "
                                             f"(fields: {', '.join(GROUP_FIELDS)})")
        val = {f: str(entry[f][1].value).strip() if f in entry and isinstance(entry[f][1], yaml.ScalarNode)
               else "" for f in ("title", "means", "title_es", "means_es", "es_of")}
        for f in ("title", "means"):
            if not val[f]:
                bad(_line(k), f"group '{key}' has no '{f}'")
            elif re.search(r"\[@|[*_`<>\[\]]", val[f]):
                bad(_line(entry[f][1]), f"group '{key}': '{f}' is plain words (the card adds the citations)")
            elif re.search(r"\band also\b", val[f], re.I):
                bad(_line(entry[f][1]), f"group '{key}': each sign must stand on its own (no 'and also')")
            else:
                for p in spelling.check(val[f], path, _line(entry[f][1])):
                    bad(p.line, p.message)
        english = f"{val['title']}\n{val['means']}"
        if (val["title_es"] or val["means_es"]) and val["es_of"] != english_version(english):
            at = _line(entry["es_of"][1]) if "es_of" in entry else _line(k)
            bad(at, f"group '{key}': its English title or means changed after the Spanish was "
                    f"translated (es_of: {val['es_of'] or 'missing'}): update title_es and means_es, "
                    f"then set 'es_of: {english_version(english)}'")
        src_node = entry.get("sources", (None, None))[1]
        ids = [str(n.value) for n in src_node.value if isinstance(n, yaml.ScalarNode)] \
            if isinstance(src_node, yaml.SequenceNode) else []
        if not ids:
            bad(_line(k), f"group '{key}' has no sources: list the registry ids that support its 'means'")
        for sid in ids:
            if source_ids is not None and sid not in source_ids:
                bad(_line(src_node), f"group '{key}': unknown source id '{sid}' (not in the "
                                     "registry in docs/sources.md)")
        defs.groups[key] = Group(key, val["title"], val["means"], tuple(ids), val["title_es"], val["means_es"])


def _cites(ids) -> str:
    return "[" + "; ".join(f"@{i}" for i in ids) + "]"


def render(name: str, defs: Definitions, indent: str = "", lang: str = "en") -> list[str]:
    """The Markdown lines of a set's care cards (`lang="es"`: in Spanish): one card per level,
    emergency first; in a card, each cause group's title and what it may mean, then its signs."""
    titles = TITLES_ES if lang == "es" else TITLES
    out: list[str] = []
    for level, signs in defs.cards(name):
        if out:
            out.append("")
        out.append(f'{indent}!!! care-{level} "{titles[level]}"')
        for group, members in defs.grouped(signs):
            if group is not None:
                title, means = group.words(lang)
                out += ["", f"{indent}    **{title}.** {means}{_cites(group.sources)}", ""]
            for s in members:
                out.append(f"{indent}    - {s.words(lang)}{_cites(s.sources)}")
    return out


def expand_lines(lines: list[str], defs: Definitions, lang: str = "en") -> tuple[list[str], list[int]]:
    """Replace each marker line of a known set with its cards. Returns the new lines and, for
    each new line, the 0-based index of the input line it came from (for error lines)."""
    masked = mask_code("\n".join(lines)).split("\n")
    out, origin = [], []
    for i, line in enumerate(lines):
        m = MARKER.match(masked[i]) if i < len(masked) else None
        if m and m.group("set") in defs.sets:
            block = [""] + render(m.group("set"), defs, m.group("indent"), lang) + [""]
            out += block
            origin += [i] * len(block)
        else:
            out.append(line)
            origin.append(i)
    return out, origin


def expand(markdown: str, defs: Definitions, lang: str = "en") -> str:
    return "\n".join(expand_lines(markdown.split("\n"), defs, lang)[0])


def markers(markdown: str) -> list[tuple[int, str]]:
    """(0-based line, set name) of each marker outside code."""
    return [(i, m.group("set")) for i, line in enumerate(mask_code(markdown).split("\n"))
            if (m := MARKER.match(line))]


def check_translated(markdown: str, defs: Definitions, path: str, first_line: int = 1) -> list[Problem]:
    """On a Spanish page: every sign it shows has its Spanish text (`text_es`)."""
    problems = []
    for i, name in markers(markdown):
        members = [defs.signs[s] for s in defs.sets.get(name, ()) if s in defs.signs]
        missing = [s.id for s in members if not s.text_es]
        missing += sorted({f"group {s.group}" for s in members if s.group in defs.groups
                           and not (defs.groups[s.group].title_es and defs.groups[s.group].means_es)})
        if missing:
            problems.append(Problem(path, first_line + i, f"warning signs without Spanish text in {FILE}: "
                                    f"{', '.join(missing)} (add 'text_es' and 'text_es_of' to each)"))
    return problems


def check_same_sets(markdown: str, english: str, path: str, english_path: str,
                    first_line: int = 1) -> list[Problem]:
    """A Spanish page shows the same warning-sign sets, in the same order, as its English page:
    a set added to (or removed from) the English page and not the Spanish one fails the build."""
    mine = [name for _, name in markers(markdown)]
    theirs = [name for _, name in markers(english)]
    if mine == theirs:
        return []
    at = markers(markdown)[0][0] + first_line if markers(markdown) else first_line
    return [Problem(path, at, f"the warning signs differ from the English page {english_path}: "
                    f"it shows {', '.join(theirs) or 'none'}, this page {', '.join(mine) or 'none'} "
                    "(use the same [[warning-signs: SET]] lines in the same order)")]


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
