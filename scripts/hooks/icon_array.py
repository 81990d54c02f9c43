"""MkDocs hook: ```icon-array blocks become icon arrays of 100 figures (inline SVG) with
their sentence and citation, before the citations hook numbers the citations.

Thin adapter around mildguide.icon_array (pure functions; its docstring says why this
runs on on_page_markdown and not as a superfences formatter).
"""
from mildguide import icon_array, sources
from mildguide.hooksupport import Reporter, body_line, display_path
from mildguide.problems import Problem

SOURCES_PAGE = "sources.md"
reporter = Reporter("icon arrays")
state = {"known": set()}


def on_pre_build(config):
    reporter.reset()


def on_files(files, config):
    state["known"] = set()
    file = files.get_file_from_path(SOURCES_PAGE)
    if file is not None:
        try:
            registry, _ = sources.parse_registry(file.content_string, display_path(file, config))
        except Problem:         # the citations hook reports a malformed registry
            registry = {}
        state["known"] = set(registry)
    return files


def on_page_markdown(markdown, page, config, files):
    if "icon-array" not in markdown:
        return markdown
    out, _, problems = icon_array.expand(markdown, display_path(page.file, config),
                                         body_line(page, markdown), state["known"])
    reporter.extend(problems)
    return out


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
