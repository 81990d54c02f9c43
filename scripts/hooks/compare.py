"""MkDocs hook: comparison tables must cite every cell after the first column; the table
wrapper becomes a focusable scroll region (styles: machinery.css).

Thin adapter around mildguide.compare (pure functions).
"""
from mildguide import compare
from mildguide.hooksupport import Reporter, body_line, display_path

reporter = Reporter("comparison tables")


def on_pre_build(config):
    reporter.reset()


def on_page_markdown(markdown, page, config, files):
    if "compare-table" in markdown:
        reporter.extend(compare.check(markdown, display_path(page.file, config), body_line(page, markdown)))
    return markdown


def on_page_content(html, page, config, files):
    return compare.scroll_region(html) if "compare-table" in html else html


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
