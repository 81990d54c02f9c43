"""MkDocs hook: glossary checks and tooltips on the first use of each term on other pages.

Thin adapter around mildguide.glossary (pure functions).
"""
from mkdocs.utils import get_relative_url

from mildguide import glossary
from mildguide.hooksupport import Reporter, display_path
from mildguide.problems import Problem

GLOSSARY_PAGE = "glossary.md"
reporter = Reporter("the glossary")
state = {"tooltips": None, "url": None}


def on_pre_build(config):
    reporter.reset()


def on_files(files, config):
    state.update(tooltips=None, url=None)
    file = files.get_file_from_path(GLOSSARY_PAGE)
    if file is None:
        return files
    try:
        terms, problems = glossary.parse(file.content_string, display_path(file, config))
    except Problem as problem:      # malformed front matter: the front matter hook reports it too
        terms, problems = [], [problem]
    reporter.extend(problems)
    state.update(tooltips=glossary.Tooltips(terms), url=file.url)
    return files


def on_page_content(html, page, config, files):
    tooltips = state["tooltips"]
    if tooltips is None or page.file.src_uri == GLOSSARY_PAGE:
        return html
    base = get_relative_url(state["url"], page.url)
    return tooltips.apply(html, lambda term: f"{base}#{term.id}")


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
