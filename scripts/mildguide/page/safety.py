"""No scripts in Markdown: raw <script>, on…= handlers, javascript: URLs; and no http:// links.

`find_unsafe(text, label)` scans a whole Markdown file (front matter included, so line numbers
are the file's own), skipping fenced code blocks and inline code spans, and returns messages
`label:LINE: what is wrong`.
"""
from __future__ import annotations

import re

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*(?:>[ \t]*)*)(?P<fence>`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")
SCRIPT_TAG = re.compile(r"<\s*/?\s*script\b", re.I)
# an on…= attribute inside an HTML tag, or inside an attr_list `{ … }`
HTML_TAG = re.compile(r"<[A-Za-z][^<>]*>|<[A-Za-z][^<>]*$")
ATTR_LIST = re.compile(r"\{[:\s][^{}]*\}")
HANDLER = re.compile(r"(?:^|[\s\"'/{:])(on[a-z]{3,})\s*=", re.I)
JS_URL = re.compile(r"(?:j|&#0*106;|&#x0*6a;)(?:\s|&#\w+;)*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)
HTTP_URL = re.compile(r"\bhttp://[^\s)\]>\"'`]+", re.I)


def _code_free_lines(text: str):
    """Yield (line number, line with inline code blanked) outside fenced code blocks."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        match = FENCE_OPEN.match(line)
        if fence is not None:
            if match and match.group("fence")[0] == fence[0] and len(match.group("fence")) >= len(fence) \
                    and not line[match.end():].strip():
                fence = None
            continue
        if match:
            fence = match.group("fence")
            continue
        if "<" not in line and "{" not in line and ":" not in line:
            continue            # nothing below can match: every check needs one of these
        yield number, INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line)


def find_unsafe(text: str, label: str) -> list[str]:
    problems: list[str] = []
    for number, line in _code_free_lines(text):
        where = f"{label}:{number}"
        if SCRIPT_TAG.search(line):
            problems.append(f"{where}: raw <script> is not allowed in pages (no scripts in the guide)")
        for chunk in HTML_TAG.findall(line) + ATTR_LIST.findall(line):
            for handler in HANDLER.findall(chunk):
                problems.append(f"{where}: inline event handler `{handler}=` is not allowed (no scripts)")
        if JS_URL.search(line):
            problems.append(f"{where}: javascript: URL is not allowed (no scripts)")
        for url in HTTP_URL.findall(line):
            problems.append(f"{where}: external link must use https:// → {url}")
    return problems
