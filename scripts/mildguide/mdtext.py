"""Small helpers for reading Markdown source without a full parser.

`mask_code` blanks out fenced code, inline code spans and HTML comments (keeping every
character offset and newline), so a regex run on the masked text never matches inside
code, and a match's offset is also valid in the original text.
"""
from __future__ import annotations

import functools
import re

FENCE = re.compile(r"^[ \t>]*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(?<!\\)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
COMMENT = re.compile(r"<!--.*?-->", re.S)
ATX = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
ATTR_LIST = re.compile(r"\s*\{:?\s*([^{}]*)\}\s*$")


NOT_NEWLINE = re.compile(r"[^\n]")


def _blank(match: re.Match) -> str:
    return NOT_NEWLINE.sub(" ", match.group(0))


@functools.lru_cache(maxsize=256)
def mask_code(text: str) -> str:
    """Return `text` with code and HTML comments replaced by spaces (same length).
    Memoised on the text (pure): several checks of one page mask the same text, and `make
    serve` masks every page's text again at each rebuild (a check asks again: 256 holds both
    languages' pages)."""
    out: list[str] = []
    fence: str | None = None
    for line in text.splitlines(keepends=True):
        if fence is None and "`" not in line and "~" not in line:
            out.append(line)             # no fence, no code span: most lines
            continue
        m = FENCE.match(line)
        if fence is None and m:
            fence = m.group(1)
            out.append(NOT_NEWLINE.sub(" ", line))
            continue
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence) \
                    and not line[m.end():].strip():
                fence = None
            out.append(NOT_NEWLINE.sub(" ", line))
            continue
        out.append(CODE_SPAN.sub(_blank, line))
    joined = "".join(out)
    return COMMENT.sub(_blank, joined) if "<!--" in joined else joined


def line_of(text: str, offset: int) -> int:
    """1-based line number of character `offset` in `text`."""
    return text.count("\n", 0, offset) + 1


def split_heading(raw: str) -> tuple[str, str | None, str]:
    """Split an ATX heading's text into (text, explicit id or None, attr_list body)."""
    m = ATTR_LIST.search(raw)
    if not m:
        return raw.strip(), None, ""
    attrs = m.group(1)
    ident = re.search(r"(?:^|\s)#([\w:.-]+)", attrs)
    return raw[: m.start()].strip(), ident.group(1) if ident else None, attrs.strip()


def headings(text: str) -> list[tuple[int, int, str]]:
    """(1-based line, level, raw heading text) for every ATX heading outside code."""
    masked = mask_code(text)
    out = []
    for no, (line, mline) in enumerate(zip(text.split("\n"), masked.split("\n")), 1):
        if not mline.strip():
            continue
        m = ATX.match(line)
        if m and ATX.match(mline):
            out.append((no, len(m.group(1)), m.group(2)))
    return out


def plain(markdown: str) -> str:
    """Rough plain text of a Markdown snippet: no citations, links, emphasis or code marks."""
    text = re.sub(r"\[@[^\]]*\]", "", markdown)
    text = re.sub(r"\[\^[^\]]*\]", "", text)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[:#.][^}]*\}", "", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*\*|__|\*|_|`)", "", text)
    return re.sub(r"\s+", " ", text).strip()


def slugify(text: str, limit: int = 60) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", plain(text).casefold()).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug
