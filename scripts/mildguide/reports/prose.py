"""A guide page's running prose, as the readability measures read it (English and Spanish).

`_blocks()` walks the page once: it keeps what a reader reads as sentences — paragraphs and
list items — and drops what is not running prose: front matter, headings, tables, code, HTML
tags, images, citation markers `[@…]`, admonition titles, link URLs, attribute lists,
abbreviation definitions and glossary "Also called" lines. `prose()` (the text a measure
scores) and `sentences()` (each sentence with its line, for the long-sentence warning) are
built on that one walk.
"""
from __future__ import annotations

import html
import re

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
_HTML_PRE = re.compile(r"<pre\b.*?</pre>", re.S | re.I)


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
