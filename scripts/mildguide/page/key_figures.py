"""Key figures (issue 23 §4): a number the guide states on several pages, defined once in
key-figures.yml, the way warning signs are defined once in warning-signs.yml.

`[[figure: ID]]` in a sentence becomes the figure's text (`text_es` on a Spanish page); the
line count does not change. `hand_written` finds a sentence about a figure's topic that
writes a different value by hand ("the procedure takes about 3 hours" against "60 minutes or
less"), so two pages cannot drift apart. Pure functions; the adapter is
scripts/mildguide/mdext/key_figures.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from ..problems import Problem

MARKER = re.compile(r"\[\[figure:\s*([^\]\s]*)\s*\]\]")
QUALIFIER = {
    "en": r"(?:(?:about|around|roughly|nearly|almost|up to|under|less than|over|more than|at least|at most)\s+)?",
    "es": r"(?:(?:unos?|unas?|cerca de|alrededor de|hasta|menos de|más de|casi|al menos)\s+)?",
}
LANGS = ("en", "es")
HEADING = re.compile(r"^#{1,6}\s")
DECIMAL = re.compile(r"(\d)[.,](\d)")       # prose.sentences writes 5.1 as 51: compare alike


@dataclass
class Figure:
    id: str
    topic: str
    text: dict                      # lang -> what the reader sees
    sources: list
    about: dict = field(default_factory=dict)      # lang -> compiled pattern
    unless: dict = field(default_factory=dict)
    values: dict = field(default_factory=dict)
    same: list = field(default_factory=list)
    line: int = 0

    def allowed(self, lang: str) -> set[str]:
        rx = self.values.get(lang)
        if rx is None:
            return set()
        return {_norm(m.group(0), lang) for t in [self.text.get(lang, ""), *self.same]
                for m in rx.finditer(DECIMAL.sub(r"\1\2", t))}


def _norm(value: str, lang: str) -> str:
    """"60 minutes" for "about 60 Minutes": the value without its qualifier, to compare."""
    value = re.sub(QUALIFIER[lang], "", value, count=1, flags=re.I)
    return re.sub(r"\s+", " ", value.casefold().replace(",", ".")).rstrip("s").strip()


def load(text: str, label: str) -> tuple[dict[str, Figure], list[Problem]]:
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return {}, [Problem(label, mark.line + 1 if mark else 1, f"not valid YAML: {getattr(error, 'problem', error)}")]
    if not isinstance(data, dict) or not isinstance(data.get("figures"), dict):
        return {}, [Problem(label, 1, "the file must hold 'figures:', a mapping of figure ids")]
    lines = {}
    for key, value in root.value:
        if key.value == "figures":
            lines = {k.value: k.start_mark.line + 1 for k, _ in value.value}
    figures, problems = {}, []
    for ident, entry in data["figures"].items():
        line = lines.get(ident, 1)
        needed = ("topic", "text", "about", "values")
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), str) for k in needed):
            problems.append(Problem(label, line, f"figure '{ident}' needs topic, text, about and values (text)"))
            continue
        fig = Figure(str(ident), entry["topic"], {"en": entry["text"]}, list(entry.get("sources") or []),
                     same=[str(s) for s in entry.get("same") or []], line=line)
        if isinstance(entry.get("text_es"), str):
            fig.text["es"] = entry["text_es"]
        try:
            for lang in LANGS:
                suffix = "" if lang == "en" else f"_{lang}"
                for name in ("about", "unless", "values"):
                    pattern = entry.get(name + suffix)
                    if isinstance(pattern, str):
                        if name == "values":
                            pattern = QUALIFIER[lang] + f"(?:{pattern})"
                        getattr(fig, name)[lang] = re.compile(pattern, re.I)
        except re.error as error:
            problems.append(Problem(label, line, f"figure '{ident}': a pattern is not a valid regular "
                                    f"expression ({error})"))
            continue
        if not fig.sources:
            problems.append(Problem(label, line, f"figure '{ident}' has no sources: list the registry ids "
                                    "it comes from"))
        figures[fig.id] = fig
    return figures, problems


def expand(body: str, figures: dict[str, Figure], lang: str, path: str, first_line: int = 1):
    """(body with each [[figure: ID]] replaced, problems at unknown ids)."""
    problems = []

    def one(m: re.Match) -> str:
        fig = figures.get(m.group(1))
        if fig is None or lang not in fig.text:
            line = first_line + body.count("\n", 0, m.start())
            if fig is None:
                problems.append(Problem(path, line, f"unknown key figure '{m.group(1)}' (figures in key-figures.yml: "
                                        f"{', '.join(sorted(figures)) or 'none'})"))
            else:
                problems.append(Problem(path, line, f"key figure '{fig.id}' has no text_{lang} in key-figures.yml"))
            return m.group(0)
        return fig.text[lang]
    return MARKER.sub(one, body), problems


def hand_written(markdown: str, sentences, figures: dict[str, Figure], lang: str, path: str) -> list[Problem]:
    """A sentence about a figure's topic whose hand-written value differs from the figure.
    `markdown`: the whole file; `sentences`: its (line, sentence) pairs, as
    mildguide.reports.prose.sentences gives them (the running prose: no tables, no code)."""
    problems = []
    lines = markdown.split("\n")
    heading, under = "", []         # the heading each line sits under: a section on another
    for text in lines:              # treatment ("## Laminectomy") is not about the figure
        if HEADING.match(text):
            heading = text
        under.append(heading)
    for line, sentence in sentences:
        for fig in figures.values():
            about, values = fig.about.get(lang), fig.values.get(lang)
            if about is None or values is None or fig.id in MARKER.findall(sentence):
                continue
            unless = fig.unless.get(lang)
            if not about.search(sentence) or (unless is not None and (unless.search(sentence)
                                                                        or unless.search(under[line - 1]))):
                continue
            allowed = fig.allowed(lang)
            for m in values.finditer(MARKER.sub(" ", sentence)):
                if _norm(m.group(0), lang) not in allowed:
                    written = _as_written(m.group(0), " ".join(lines[line - 1:line + 4]), values)
                    problems.append(Problem(path, line, f"'{written}' for {fig.topic} differs from the key figure "
                                            f"({fig.text.get(lang, fig.text['en'])}): write [[figure: {fig.id}]] "
                                            "(key-figures.yml), or change the figure there with its source"))
    return problems


def _as_written(found: str, source: str, values: re.Pattern) -> str:
    """The value as the page writes it ("about 5.1 mm", where the sentence says "about 51 mm")."""
    for m in values.finditer(source):
        if DECIMAL.sub(r"\1\2", m.group(0)) == found:
            return m.group(0)
    return found
