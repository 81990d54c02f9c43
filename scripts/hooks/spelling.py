"""MkDocs hook: fail the build on British spellings from a short list (mildguide.spelling),
naming file:line. Reads each page's file as written (front matter included), like the safety
hook, so the line numbers are the file's own."""
from mildguide import spelling
from mildguide.hooksupport import Reporter, display_path

reporter = Reporter("US spelling")


def on_pre_build(config):
    reporter.reset()


def on_page_markdown(markdown, page, config, files):
    reporter.extend(spelling.check(page.file.content_string, display_path(page.file, config),
                                   registry=page.file.src_uri == "sources.md"))
    return markdown


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
