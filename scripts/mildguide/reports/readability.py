"""Reading grade of a guide page's running prose (Flesch-Kincaid, via textstat), and the
`make readability` report of both editions (the Spanish measure: mildguide.reports.readability_es).

The running prose and its sentences come from mildguide.reports.prose (one walk of the page
serves both languages' measures); textstat runs offline (mildguide.reports.textstat_offline).

Run `python -m mildguide.reports.readability [docs_dir]` (or `make readability`) for a table.
"""
from __future__ import annotations

import re
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

from . import readability_es as ES
from .prose import MAX_SENTENCE_WORDS, first_words, long_sentences, prose, sentences, words_in
from .textstat_offline import offline_textstat, word_count

__all__ = ["MAX_PAGE_GRADE", "MAX_MEDIAN_GRADE", "MAX_SENTENCE_WORDS", "first_words", "grade",
           "grade_or_estimate", "long_sentences", "prose", "score_docs", "score_page", "sentences",
           "table", "word_count", "words_in"]

MAX_PAGE_GRADE = 8.0
MAX_MEDIAN_GRADE = 6.5


def grade_or_estimate(text: str) -> tuple[float, bool]:
    """(Flesch-Kincaid grade, exact). With textstat installed (the test tools, `make
    readability`), its grade; in a build-only venv, the same formula with syllables counted
    as vowel groups (hand-written: close to textstat, marked "about" where shown)."""
    try:
        return grade(text), True
    except ImportError:
        pass
    words = re.findall(r"[A-Za-z0-9'’-]+", text)
    count = len(words)
    if not count:
        return 0.0, False
    ends = max(1, len(re.findall(r"[.!?]+(?:\s|$)", text)))
    syllables = sum(max(1, len(re.findall(r"[aeiouy]+", w.lower())) - (1 if re.search(r"[^aeiou]e$", w.lower()) else 0))
                    for w in words)
    return round(0.39 * count / ends + 11.8 * syllables / count - 15.59, 1), False


def grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text (0.0 for empty text)."""
    if not text.strip():
        return 0.0
    return float(offline_textstat().flesch_kincaid_grade(text))


@dataclass(frozen=True)
class PageScore:
    path: Path
    words: int
    grade: float


def score_page(path: Path) -> PageScore:
    text = prose(Path(path).read_text(encoding="utf-8"))
    return PageScore(Path(path), word_count(text), grade(text))


def score_docs(docs_dir: Path) -> list[PageScore]:
    """Every English page (a Spanish page, `*.es.md`, is measured by mildguide.reports.readability_es)."""
    from ..i18n import is_translation
    return [score_page(p) for p in sorted(Path(docs_dir).rglob("*.md"))
            if not is_translation(p.relative_to(docs_dir).as_posix())]


def table(scores: list[PageScore], docs_dir: Path) -> str:
    rows = [f"Reading grade limit: {MAX_PAGE_GRADE:.0f} for each page (Flesch-Kincaid), "
            f"{MAX_MEDIAN_GRADE} for the median of all pages; sentences of at most {MAX_SENTENCE_WORDS} words.",
            "",
            f"{'page':<28} | {'words':>5} | grade | result"]
    rows.append(f"{'-' * 28}-|-{'-' * 5}-|-------|-------")
    for s in scores:
        flag = f"FAIL (over {MAX_PAGE_GRADE:.0f})" if s.grade > MAX_PAGE_GRADE else "pass"
        rows.append(f"{str(s.path.relative_to(docs_dir)):<28} | {s.words:>5} | {s.grade:5.1f} | {flag}")
    if scores:
        med = statistics.median(s.grade for s in scores)
        flag = f"FAIL (over {MAX_MEDIAN_GRADE})" if med > MAX_MEDIAN_GRADE else "pass"
        rows.append(f"{'all pages: words / median':<28} | {sum(s.words for s in scores):>5} | {med:5.1f} | {flag}")
    return "\n".join(rows)


def longest(paths: list[Path], label_base: Path, n: int = 10) -> str:
    """The `n` longest sentences of all pages, with file:line: where to start shortening."""
    found = []
    for path in paths:
        label = str(Path(label_base.name) / path.relative_to(label_base))
        for line, sentence in sentences(Path(path).read_text(encoding="utf-8")):
            found.append((words_in(sentence), label, line, sentence))
    found.sort(key=lambda f: (-f[0], f[1], f[2]))
    rows = [f"Longest sentences (limit {MAX_SENTENCE_WORDS} words; a longer one is a build warning):"]
    for words, label, line, sentence in found[:n]:
        mark = "  OVER" if words > MAX_SENTENCE_WORDS else ""
        rows.append(f"  {label}:{line}: {words} words{mark}: {first_words(sentence, 12)}")
    return "\n".join(rows)


def english_pages(docs_dir: Path) -> list[Path]:
    """English pages only: the grade formula is for English (docs/page.es.md is skipped)."""
    from ..page.checks import language
    return [p for p in sorted(Path(docs_dir).rglob("*.md")) if language(p.name) == "en"]


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    docs_dir = Path(argv[0]) if argv else Path("docs")
    paths = english_pages(docs_dir)
    scores = [score_page(p) for p in paths]
    print(table(scores, docs_dir))
    print()
    print(longest(paths, docs_dir))
    # The Spanish edition (mildguide.reports.readability_es): reported, each page under target warned.
    spanish = ES.score_docs(docs_dir)
    print("\n" + ES.table(spanish, docs_dir))
    for line in ES.warnings(spanish, docs_dir):
        print(line)
    over = [s for s in scores if s.grade > MAX_PAGE_GRADE]
    med = statistics.median(s.grade for s in scores) if scores else 0.0
    return 1 if over or med > MAX_MEDIAN_GRADE else 0


if __name__ == "__main__":
    raise SystemExit(main())
