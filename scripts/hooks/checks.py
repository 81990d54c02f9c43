"""MkDocs hook: checks that must run before MkDocs reads a page, and each problem printed once.

- Every Markdown file must be UTF-8: a file saved in another encoding stops the build with
  one line, `docs/page.md:LINE: … save the file as UTF-8`, instead of MkDocs' traceback.
- The nav in mkdocs.yml: one message per mistake at its mkdocs.yml line (mildguide.navcheck);
  their follow-on messages are dropped.
- mildguide.dedupe filters the problem loggers, so one mistake is reported once and the
  strict-mode summary counts the problems shown. Reset at the start of every build (serve).
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from mildguide import dedupe
from mildguide.encoding import check_utf8
from mildguide.navcheck import nav_problems

_once = dedupe.install()
_problems = logging.getLogger("mkdocs.plugins.mildguide.extensions")    # one of dedupe.LOGGERS


@event_priority(100)
def on_pre_build(config):
    # mkdocs-static-i18n runs the Spanish build inside the English one: keep what the English
    # build printed, so a problem of an English page shown again in Spanish is not printed twice.
    if str(config.theme.get("language") or "en") == "en":
        _once.reset()


@event_priority(100)
def on_files(files, config):
    problems = []
    for file in files.documentation_pages():
        if file.abs_src_path:
            problem = check_utf8(file.abs_src_path, config.config_file_path)
            if problem:
                problems.append(problem)
    if problems:
        raise PluginError("\n".join(str(p) for p in problems))
    if config.nav and str(config.theme.get("language") or "en") == "en":
        in_nav = [f.src_uri for f in files.documentation_pages() if f.inclusion.is_in_nav()]
        for problem in nav_problems(config.config_file_path, in_nav, Path(config.docs_dir), _once.explained):
            _problems.error(str(problem))
    return files
