"""MkDocs hook: the post-build pass (mildguide.site.postbuild) after `mkdocs build` and each `serve` rebuild.

Embed pages, the JSON export, the stylesheet bundle, page weight, robots.txt, `_headers` and
the link check, over each built page parsed once. Runs last (priority -110), after the search
plugin has written its index and mkdocs-static-i18n has built the Spanish edition. Each problem is logged as a warning, so `mkdocs build --strict`
fails and `mkdocs serve` shows the same `docs/page.md:LINE: …` messages as the command.
Keeps no state: every build makes a new Site.
"""
from __future__ import annotations

import logging

from mkdocs.plugins import event_priority

from mildguide.site.postbuild import run
from mildguide.settings import Settings

log = logging.getLogger("mkdocs.hooks.postbuild")


@event_priority(-110)
def on_post_build(config, **kwargs):
    # Spanish edition: mkdocs-static-i18n (-100) runs the Spanish build from inside the English
    # build's on_post_build; this hook fires in both. Run the pass once, after the Spanish
    # build, over the whole site (both languages, merged search index).
    i18n_plugin = config.plugins.get("i18n")
    if i18n_plugin is not None and getattr(i18n_plugin, "building", False):
        return
    for message in run(Settings.from_mkdocs(config)).problems:
        log.warning(message)
