"""MkDocs hook: sources registry (docs/sources.md front matter) and `[@id]` citations.

Thin adapter around mildguide.sources (pure functions).
"""
from mildguide import sources
from mildguide.hooksupport import Reporter, body_line, display_path
from mildguide.problems import Problem

SOURCES_PAGE = "sources.md"
reporter = Reporter("sources and citations")
state = {"registry": {}}


def on_pre_build(config):
    reporter.reset()


def on_files(files, config):
    state["registry"] = {}
    file = files.get_file_from_path(SOURCES_PAGE)
    if file is None:
        return files
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
    result = sources.cite(markdown, state["registry"], path, src, SOURCES_PAGE, first)
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


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
