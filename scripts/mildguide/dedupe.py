"""Each problem printed once (issue 14 §3).

Several checks can see one mistake: a `<script>` line is caught in the Markdown (safety) and
again in the built HTML (link check); an `http://` link is "must use https://" in both and
"not in the links registry" too; MkDocs itself warns, without a line, about a broken link
that the link check reports with its file:line. `Once` is a logging filter for the loggers
that report problems: it lets the first message about a (file:line, subject) through and
drops the rest, and drops MkDocs' own line-less warnings about links the link check reports.
A filter on the logger (not on a handler) runs before MkDocs counts warnings, so the
"Aborted with N errors, M warnings" summary counts exactly the problems shown.
"""
from __future__ import annotations

import logging
import re

WHERE = re.compile(r"^(?P<where>[^\s:][^:]*\.md:\d+): (?P<message>.*)\Z", re.S)
# MkDocs' link validation (mkdocs.structure.pages); the post-build link check reports each
# of these with its file and line.
MKDOCS_LINK = re.compile(r"^Doc file '[^']+' contains a link '[^']*', but (?:the target is not found among "
                         r"documentation files|the doc '[^']*' does not contain an anchor)")
LOGGERS = ("mkdocs.structure.pages", "mkdocs.plugins.mildguide.extensions", "mkdocs.hooks.postbuild")


def key(message: str) -> tuple[str, str] | None:
    """(file:line, subject) of a problem message, or None when it names no line."""
    m = WHERE.match(message)
    if not m:
        return None
    text = m.group("message")
    if re.search(r"<\s*/?\s*script\b|\bscripts?\b", text, re.I):
        subject = "script"
    elif "→" in text:
        subject = text.rsplit("→", 1)[1].strip()
    else:
        subject = text
    return m.group("where"), subject


def unique(messages: list[str]) -> list[str]:
    """`messages` without the repeats `key` finds (first one kept, order kept)."""
    seen, out = set(), []
    for message in messages:
        k = key(message)
        if k is not None and k in seen:
            continue
        if k is not None:
            seen.add(k)
        out.append(message)
    return out


class Once(logging.Filter):
    def __init__(self):
        super().__init__()
        self.seen: set = set()

    def reset(self) -> None:
        self.seen.clear()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if record.name == "mkdocs.structure.pages":
            return not MKDOCS_LINK.match(message)
        k = key(message)
        if k is None:
            return True
        if k in self.seen:
            return False
        self.seen.add(k)
        return True


def install() -> Once:
    """The one filter on every problem logger (installed once per process; reset it per build)."""
    for name in LOGGERS:
        for f in logging.getLogger(name).filters:
            if isinstance(f, Once):
                return f
    once = Once()
    for name in LOGGERS:
        logging.getLogger(name).addFilter(once)
    return once
