"""The Spanish edition's terminology list (terminology.yml at the project root), as data.

- `load(text, path)`: the terms (English term, Spanish term, rejected Spanish variants) and
  the problems of the file itself (file:line).
- `check_page(markdown, terms, path, first_line)`: each rejected variant a Spanish page uses
  (outside code), with file:line: the build logs it as a WARNING (a strict build fails).
- `check_glossary(glossary_es, glossary_en, terms, path)`: every term of the list that the
  English glossary defines is defined in the Spanish glossary under its Spanish term (or has
  it among its "También llamado" names).
Matching ignores case and accents, and needs whole words. Pure functions; the adapter is
scripts/mildguide/mdext/terminology.py.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from ..frontmatter import load_node
from ..mdtext import mask_code
from ..problems import Problem

FILE = "terminology.yml"


@dataclass(frozen=True)
class Term:
    en: str
    es: str
    reject: tuple[str, ...] = ()
    line: int = 0


def fold(text: str) -> str:
    """Lower case without accents: `Raquídeo` and `raquideo` match."""
    return "".join(c for c in unicodedata.normalize("NFD", text.casefold()) if unicodedata.category(c) != "Mn")


def load(text: str, path: str = FILE) -> tuple[list[Term], list[Problem]]:
    try:
        node, data = load_node(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(path, mark.line + 1 if mark else 1, f"not valid YAML: {exc}")]
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        return [], [Problem(path, 1, "must hold 'terms:', a list of {en, es, reject}")]
    seq = next(v for k, v in node.value if k.value == "terms")
    terms, problems, seen = [], [], {}
    for item, entry in zip(seq.value, data["terms"]):
        line = item.start_mark.line + 1
        if not isinstance(entry, dict) or not isinstance(entry.get("en"), str) or not isinstance(entry.get("es"), str):
            problems.append(Problem(path, line, "each term needs 'en' and 'es' (text) and 'reject' (a list)"))
            continue
        unknown = sorted(set(entry) - {"en", "es", "reject"})
        if unknown:
            problems.append(Problem(path, line, f"unknown field '{unknown[0]}' (fields: en, es, reject)"))
        reject = entry.get("reject") or []
        if not isinstance(reject, list) or not all(isinstance(r, str) and r.strip() for r in reject):
            problems.append(Problem(path, line, f"term '{entry['en']}': 'reject' must be a list of Spanish variants"))
            reject = []
        if fold(entry["en"]) in seen:
            problems.append(Problem(path, line, f"term '{entry['en']}' is listed twice (first on line {seen[fold(entry['en'])]})"))
            continue
        seen[fold(entry["en"])] = line
        for r in reject:
            if fold(r) == fold(entry["es"]):
                problems.append(Problem(path, line, f"term '{entry['en']}' rejects its own Spanish term '{r}'"))
        terms.append(Term(entry["en"].strip(), entry["es"].strip(), tuple(r.strip() for r in reject), line))
    return terms, problems


@functools.lru_cache(maxsize=None)
def _pattern(phrase: str) -> re.Pattern:
    """The phrase's words, any whitespace between them, not followed by a letter. The "not
    after a letter" test is made by `_starts`: a pattern that starts with a look-behind makes
    the regex engine try every position of the page instead of jumping to the first word."""
    words = [re.escape(w) for w in fold(phrase).split()]
    return re.compile(r"\s+".join(words) + r"(?!\w)" if words else r"(?<!\w)(?!\w)")


_WORD_CHAR = re.compile(r"\w")


def _starts(phrase: str, folded: str):
    r"""Where `phrase` occurs in `folded` as whole words: what finditer of `(?<!\w)` + the
    pattern gives (the leftmost match that passes the look-behind, then on from its end)."""
    pattern, pos = _pattern(phrase), 0
    if pattern.pattern.startswith("(?<!"):     # no words: the old form, as is
        yield from (m.start() for m in pattern.finditer(folded))
        return
    while (match := pattern.search(folded, pos)) is not None:
        start = match.start()
        if start and _WORD_CHAR.match(folded, start - 1):
            pos = start + 1
            continue
        yield start
        pos = match.end()


@functools.lru_cache(maxsize=None)
def _longest_word(phrase: str) -> str:
    return max(fold(phrase).split(), key=len, default="")


def check_page(markdown: str, terms: list[Term], path: str, first_line: int = 1) -> list[Problem]:
    """Rejected variants used on a Spanish page (outside code and link targets)."""
    masked = mask_code(markdown)
    masked = re.sub(r"\]\([^)]*\)", lambda m: " " * len(m.group(0)), masked)     # link targets
    masked = re.sub(r"\[@[^\]]*\]", lambda m: " " * len(m.group(0)), masked)     # citations
    # a glossary's "También llamado" line may name the variants (readers who know them)
    masked = re.sub(r"(?im)^\s*[*_]{1,2}(?:also called|también llamad[oa]s?):?[*_]{0,2}:?.*$",
                    lambda m: " " * len(m.group(0)), masked)
    # Fold the page once and search it once per variant (folding keeps the line breaks);
    # a variant is reported once per line, in line order, as a contributor reads the page.
    folded = fold(masked)
    found = set()
    for t, term in enumerate(terms):
        for v, variant in enumerate(term.reject):
            if _longest_word(variant) not in folded:     # most variants: not on the page at all
                continue
            for start in _starts(variant, folded):
                found.add((folded.count("\n", 0, start), t, v))
    return [Problem(path, first_line + i, f"'{terms[t].reject[v]}' is not the guide's term: "
                    f"write '{terms[t].es}' (for '{terms[t].en}'; {FILE})")
            for i, t, v in sorted(found)]


def check_glossary(glossary_es: str, glossary_en: str, terms: list[Term], path: str) -> list[Problem]:
    """Each listed term that docs/glossary.md defines must be in docs/glossary.es.md under its
    Spanish term (heading or "También llamado")."""
    from . import glossary
    english, _ = glossary.parse(glossary_en, "docs/glossary.md")
    spanish, _ = glossary.parse(glossary_es, path)
    english_forms = {fold(f) for t in english for f in [t.name, *t.synonyms]}
    spanish_forms = {fold(f) for t in spanish for f in [t.name, *t.synonyms]}
    problems = []
    for term in terms:
        if fold(term.en) in english_forms and fold(term.es) not in spanish_forms \
                and fold(term.es.split(" (")[0]) not in spanish_forms:
            problems.append(Problem(path, 1, f"the Spanish glossary has no entry for '{term.es}' "
                                    f"(the guide's term for '{term.en}', which docs/glossary.md defines; {FILE})"))
    return problems
