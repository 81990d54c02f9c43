"""MkDocs hook: sources registry (docs/sources.md front matter) and `[@id]` citations.

Thin adapter around mildguide.sources (pure functions).
"""
from mkdocs.utils import get_relative_url

from mildguide import sources
from mildguide.hooksupport import Reporter, body_line, display_path
from mildguide.problems import Problem

SOURCES_PAGE = "sources.md"
reporter = Reporter("sources and citations")
state = {"registry": {}, "url": None, "html": {}}


def on_pre_build(config):
    reporter.reset()


def on_files(files, config):
    state.update(registry={}, url=None, html={})
    file = files.get_file_from_path(SOURCES_PAGE)
    if file is None:
        return files
    state["url"] = file.url
    try:
        registry, problems = sources.parse_registry(file.content_string, display_path(file, config))
    except Problem as problem:     # malformed front matter: the front matter hook reports it too
        registry, problems = {}, [problem]
    reporter.extend(problems)
    state["registry"] = registry
    return files


def on_page_markdown(markdown, page, config, files):
    path = display_path(page.file, config)
    first = body_line(page, markdown)
    src = page.file.src_uri
    href = None
    if state["url"] is not None:
        base = "" if src == SOURCES_PAGE else get_relative_url(state["url"], page.url)
        href = lambda ident: f"{base}#source-{ident}"   # noqa: E731
    result = sources.cite(markdown, state["registry"], path, src, SOURCES_PAGE, first, html_href=href)
    state["html"][src] = result.html
    reporter.extend(result.problems)
    opted_out = str(page.meta.get("citations", "")).strip().lower() == "none"
    if src == SOURCES_PAGE:
        try:
            return sources.render_registry(result.markdown, state["registry"], path, first)
        except Problem as problem:
            reporter.add(problem)
            return result.markdown
    if opted_out and result.order:
        reporter.add(Problem(path, 1, "the page cites sources but its front matter says "
                             "'citations: none': remove that line"))
    elif not opted_out and not result.order and not result.problems:
        reporter.add(Problem(path, 1, "the page cites no source: cite each fact with [@id], or add "
                             "'citations: none' to the front matter if the page states no facts"))
    return result.markdown


def on_page_content(html, page, config, files):
    return sources.fill(html, state["html"].pop(page.file.src_uri, None))


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
