"""`make glossary-report`: which glossary terms each page links, and near misses.

A near miss is a word that looks like a term but is not linked: "physical therapist" next to
the term "Physical therapy", "anesthetic" next to "Anesthesia". Plurals in -s/-es and
y -> -ies already match (mildguide.page.glossary); other variants are listed here with file:line,
so a contributor can add the variant to the term's `*Also called:*` line or leave it.

    python -m mildguide.reports.glossary_report [docs_dir]     # English pages; exits 0 (a report)
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from ..page import glossary
from . import readability
from ..page.checks import language

# Endings stripped to find a word's stem: therapy / therapist / therapies -> therap.
ENDINGS = ("ically", "ical", "ists", "ist", "ies", "ic", "al", "y", "es", "s", "e")


def stem(word: str) -> str:
    word = word.casefold()
    for end in ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


def _near_pattern(form: str) -> re.Pattern | None:
    words = glossary._words(form)
    if not words or (len(form) > 1 and form.isupper()):
        return None
    head = r"[\s-]+".join(re.escape(w) for w in words[:-1])
    last = re.escape(stem(words[-1])) + r"\w*"
    return re.compile(r"(?<![\w-])" + (head + r"[\s-]+" if head else "") + last + r"(?![\w-])", re.I)


def page_report(text: str, tooltips: glossary.Tooltips, terms: list[glossary.Term]):
    """(linked terms in order of first use, near misses as (line, words, term name))."""
    linked: list[str] = []
    near = []
    patterns = [(t, p) for t in terms for p in map(_near_pattern, t.forms) if p]
    starts = [0] + [m.end() for m in re.finditer("\n", text)]
    for line, sentence in readability.sentences(text):
        hits = list(tooltips.matches(sentence))
        for _, _, term in hits:
            if term.name not in linked:
                linked.append(term.name)
        spans = [(a, b) for a, b, _ in hits]
        for term, pattern in patterns:
            for m in pattern.finditer(sentence):
                if not any(a <= m.start() and m.end() <= b for a, b in spans):
                    near.append((_line_of(text, starts, line, m.group(0)), m.group(0), term.name))
    return linked, sorted(set(near))


def _line_of(text: str, starts: list[int], line: int, words: str) -> int:
    """The line where `words` (found in the sentence that starts on `line`) begin in the source."""
    rx = re.compile(r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", words)), re.I)
    m = rx.search(text, starts[line - 1]) if line - 1 < len(starts) else None
    return text.count("\n", 0, m.start()) + 1 if m else line


def report(docs_dir: Path, glossary_page: str = "glossary.md") -> str:
    source = docs_dir / glossary_page
    terms, _ = glossary.parse(source.read_text(encoding="utf-8"), str(source))
    tooltips = glossary.Tooltips(terms)
    rows = [f"Glossary report: {len(terms)} terms in {docs_dir.name}/{glossary_page}. Each page links "
            "the first use of each term; near misses are words like a term that are not linked "
            "(add them to the term's *Also called:* line, or reword)."]
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel == glossary_page or language(rel) != "en":
            continue
        linked, near = page_report(path.read_text(encoding="utf-8"), tooltips, terms)
        label = f"{docs_dir.name}/{rel}"
        rows.append("")
        rows.append(f"{label}: links {len(linked)} term(s): {', '.join(linked) or '(none)'}")
        for line, words, name in near:
            rows.append(f"  {label}:{line}: near miss: '{words}' is not the term '{name}'")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    print(report(Path(argv[0]) if argv else Path("docs")))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
