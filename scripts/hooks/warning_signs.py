"""MkDocs hook: `[[warning-signs: SET]]` becomes that set's care cards, from warning-signs.yml
(the one definition of every warning sign and its level). Fails the build, with file:line,
on a bad data file, an unknown set, or a care card written by hand in docs/.

Thin adapter around mildguide.warning_signs (pure functions). Runs before the care,
FAQ and citations hooks, so they see the generated cards as ordinary Markdown.
"""
import os

from mildguide import sources
from mildguide import warning_signs as W
from mildguide.hooksupport import Reporter, body_line, clear_line_maps, display_path, set_line_map
from mildguide.problems import Problem

reporter = Reporter("warning signs")
state = {"defs": W.Definitions()}


def on_pre_build(config):
    reporter.reset()
    clear_line_maps()


def on_files(files, config):
    base = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
    path = os.path.join(base, W.FILE)
    ids = None
    registry = files.get_file_from_path("sources.md")
    if registry is not None:
        try:
            ids = set(sources.parse_registry(registry.content_string, "docs/sources.md")[0])
        except Problem:
            ids = None          # the citations hook reports a broken registry
    if not os.path.isfile(path):
        state["defs"] = W.Definitions()
        reporter.add(Problem(W.FILE, None, "not found next to the config file: every warning sign "
                             "and its level is defined there"))
        return files
    with open(path, encoding="utf-8") as f:
        defs, problems = W.load(f.read(), W.FILE, ids)
    state["defs"] = defs
    reporter.extend(problems)
    return files


def on_page_markdown(markdown, page, config, files):
    path, first = display_path(page.file, config), body_line(page, markdown)
    defs = state["defs"]
    reporter.extend(W.check(markdown, defs, path, first))
    if not W.markers(markdown):
        return markdown
    lines, origin = W.expand_lines(markdown.split("\n"), defs)
    set_line_map(path, first, origin)
    return "\n".join(lines)


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
