"""MkDocs hook: checks that must run before MkDocs reads a page, and each problem printed once.

- Every Markdown file must be UTF-8: a file saved in another encoding stops the build with
  one line, `docs/page.md:LINE: … save the file as UTF-8`, instead of MkDocs' traceback.
- mildguide.dedupe filters the problem loggers, so one mistake is reported once and the
  strict-mode summary counts the problems shown. Reset at the start of every build (serve).
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from mildguide import dedupe
from mildguide.encoding import check_utf8

_once = dedupe.install()


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
    return files
