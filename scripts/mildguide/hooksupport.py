"""Glue shared by the MkDocs hook adapters in scripts/hooks/ (the only module here that
knows about MkDocs). Problems are logged as errors as they are found, so a contributor sees
all of them at once, and the hook then fails the build in `on_env` (before any page is
written), whether or not the build is strict."""
from __future__ import annotations

import datetime as dt
import logging
import os

from .problems import Problem

TODAY_ENV = "MILDGUIDE_TODAY"   # YYYY-MM-DD: pretend today is this date (tests, previews)


def today() -> dt.date:
    value = os.environ.get(TODAY_ENV, "").strip()
    return dt.date.fromisoformat(value) if value else dt.date.today()


def display_path(file, config) -> str:
    """The path a contributor knows, relative to the project: docs/risks.md."""
    base = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    if file.abs_src_path:
        return os.path.relpath(file.abs_src_path, base).replace(os.sep, "/")
    return f"{os.path.basename(config.docs_dir)}/{file.src_uri}"


def body_line(page, markdown: str) -> int:
    """1-based line in the source file where `markdown` (the page body) starts."""
    raw = page.file.content_string
    if raw.endswith(markdown):
        return raw.count("\n", 0, len(raw) - len(markdown)) + 1
    from . import frontmatter
    try:
        return frontmatter.parse(raw, "").body_line
    except Problem:
        return 1


def add_jsonld(page, data: str) -> None:
    """Queue a JSON-LD block (already serialised) for overrides/main.html's extrahead."""
    blocks = getattr(page, "jsonld", None)
    if blocks is None:
        blocks = page.jsonld = []
    blocks.append(data)


class Reporter:
    def __init__(self, concern: str):
        self.concern = concern
        self.log = logging.getLogger(f"mkdocs.plugins.mildguide.{concern}")
        self.count = 0

    def reset(self) -> None:
        self.count = 0

    def add(self, problem: Problem) -> None:
        self.count += 1
        self.log.error(str(problem))

    def extend(self, problems) -> None:
        for p in problems:
            self.add(p)

    def raise_if_any(self) -> None:
        if self.count:
            from mkdocs.exceptions import PluginError
            n, self.count = self.count, 0
            raise PluginError(f"{n} problem(s) with {self.concern} (each is listed above with its file and line)")
