"""MkDocs hook: care cards get a level label and the contact line from `extra.clinic`;
"Sources differ" boxes must cite at least 2 different sources.

Thin adapter around mildguide.care (pure functions).
"""
from mildguide import care
from mildguide.hooksupport import Reporter, body_line, display_path

reporter = Reporter("care cards and 'Sources differ' boxes")


def on_pre_build(config):
    reporter.reset()


def on_page_markdown(markdown, page, config, files):
    if "sources-differ" in markdown:
        reporter.extend(care.check_sources_differ(markdown, display_path(page.file, config),
                                                  body_line(page, markdown)))
    return markdown


def on_page_content(html, page, config, files):
    return care.label_and_contact(html, dict(config.extra.get("clinic") or {}))


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
