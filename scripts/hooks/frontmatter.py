"""MkDocs hook: front matter checks, review dates, due-for-review notice, MedicalWebPage JSON-LD.

Thin adapter around mildguide.frontmatter (pure functions).
"""
from mildguide import frontmatter
from mildguide.hooksupport import Reporter, add_jsonld, display_path, today
from mildguide.problems import Problem

reporter = Reporter("front matter")


def on_pre_build(config):
    reporter.reset()


def on_page_markdown(markdown, page, config, files):
    path = display_path(page.file, config)
    try:
        fm = frontmatter.parse(page.file.content_string, path)
    except Problem as problem:
        reporter.add(problem)
        return markdown
    reporter.extend(frontmatter.validate(fm, path, today()))
    return markdown


def on_page_content(html, page, config, files):
    add_jsonld(page, frontmatter.json_script(
        frontmatter.medical_webpage(page.meta, page.canonical_url, config.site_name)))
    review = frontmatter.review(page.meta, today())
    return frontmatter.add_review_html(html, review) if review else html


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
