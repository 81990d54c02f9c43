"""MkDocs hook: after the build, check every written file's links (mildguide.linkcheck).

Runs last (priority -100) so files other hooks write in on_post_build (embeds, JSON exports)
are checked too. Each problem is logged as a warning, so `mkdocs build --strict` fails and
`mkdocs serve` shows the same `docs/page.md:LINE: …` messages as `make linkcheck`.
"""
from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from mildguide.linkcheck import check_site, site_info_from_config

log = logging.getLogger("mkdocs.hooks.linkcheck")
_files = None


def on_files(files, config, **kwargs):
    global _files
    _files = files
    return files


@event_priority(-100)
def on_post_build(config, **kwargs):
    info = site_info_from_config(config, _files)
    for problem in check_site(info):
        log.warning(str(problem))
