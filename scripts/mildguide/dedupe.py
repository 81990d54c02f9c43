"""Each problem printed once (issue 14 §3).

Several checks can see one mistake: a `<script>` line is caught in the Markdown (safety) and
again in the built HTML (link check); an `http://` link is "must use https://" in both and
"not in the links registry" too; MkDocs itself warns, without a line, about a broken link
that the link check reports with its file:line. A nav mistake, reported once at its
mkdocs.yml line (mildguide.navcheck), is dropped from MkDocs' nav warnings, the link check
and the Spanish build (`Once.explained`). `Once` is a logging filter for the loggers
that report problems: it lets the first message about a (file:line, subject) through and
drops the rest, and drops MkDocs' own line-less warnings about links the link check reports.
A filter on the logger (not on a handler) runs before MkDocs counts warnings, so the
"Aborted with N errors, M warnings" summary counts exactly the problems shown.
"""
from __future__ import annotations

import logging
import re

WHERE = re.compile(r"^(?P<where>[^\s:][^:]*\.(?:md|ya?ml):\d+): (?P<message>.*)\Z", re.S)
# MkDocs' link validation (mkdocs.structure.pages); the post-build link check reports each
# of these with its file and line.
MKDOCS_LINK = re.compile(r"^Doc file '[^']+' contains a link '[^']*', but (?:the target is not found among "
                         r"documentation files|the doc '[^']*' does not contain an anchor)")
LOGGERS = ("mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.plugins.mildguide.extensions",
           "mkdocs.hooks.postbuild",
           "properdocs.structure.pages", "properdocs.structure.nav")    # ProperDocs' own names


REGISTRY = "not in the links registry"


def key(message: str) -> tuple[str, str, str] | None:
    """(file:line, URL or "", what) of a problem message, or None when it names no line.
    Every problem of an http:// URL is one problem (use https://); any script is one."""
    m = WHERE.match(message)
    if not m:
        return None
    text = m.group("message")
    url = text.rsplit("→", 1)[1].strip() if "→" in text else ""
    if re.search(r"<\s*/?\s*script\b|\bscripts?\b", text, re.I):
        return m.group("where"), "", "script"
    if url.lower().startswith("http://"):
        what = "http"
    elif REGISTRY in text:
        what = "registry"
    else:
        what = text.rsplit("→", 1)[0].strip()
    return m.group("where"), url, what


class Seen:
    """The problems printed so far in one build."""

    def __init__(self):
        self.keys: set = set()
        self.urls: set = set()

    def first(self, message: str) -> bool:
        """True when `message` says something not said yet. "Not in the links registry" is
        left out for a URL already reported on that line (a shortener, an embed…)."""
        k = key(message)
        if k is None:
            return True
        where, url, what = k
        if k in self.keys or (what == "registry" and (where, url) in self.urls):
            return False
        self.keys.add(k)
        if url:
            self.urls.add((where, url))
        return True


def unique(messages: list[str]) -> list[str]:
    """`messages` without the repeats (first one kept, order kept)."""
    seen = Seen()
    return [message for message in messages if seen.first(message)]


class Once(logging.Filter):
    def __init__(self):
        super().__init__()
        self.reset()

    def reset(self) -> None:
        from .navcheck import Explained
        self.seen = Seen()
        self.explained = Explained()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        message = record.getMessage()
        if self.explained.covers(message):
            return False
        if record.name.endswith("structure.pages"):
            return not MKDOCS_LINK.match(message)
        return self.seen.first(message)


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
