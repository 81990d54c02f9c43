"""MkDocs hook: fail the build on scripts in Markdown (raw <script>, on…= handlers,
javascript: URLs) and on http:// links. The checks live in mildguide.safety."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError

from mildguide.safety import find_unsafe

log = logging.getLogger("mkdocs.hooks.safety")
_found: list[str] = []


def on_pre_build(config, **kwargs):
    _found.clear()


def on_page_markdown(markdown, page, config, files, **kwargs):
    project = Path(config.config_file_path).resolve().parent
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    try:
        label = source.resolve().relative_to(project).as_posix() if source else page.file.src_uri
    except ValueError:
        label = page.file.src_uri
    text = source.read_text(encoding="utf-8-sig") if source and source.is_file() else markdown
    for message in find_unsafe(text, label):
        log.error(message)
        _found.append(message)
    return markdown


def on_post_build(config, **kwargs):
    # Under `strict: true` the logged errors already abort the build; without it, fail here.
    if _found and not config.strict:
        raise PluginError(f"{len(_found)} unsafe construct(s) in Markdown; see the errors above")
