"""MkDocs hook: trust made visible on every content page (see mildguide.trust).

- Each content page in the nav (not the home page, not pages with `embed: false`) must have
  exactly one Key points box before its first `##` heading: a WARNING with file:line, which
  `strict: true` turns into a failed build (a `mkdocs serve` preview still shows the page).
- Every page's front matter must say `clinical_review:` (an ERROR with file:line).
- overrides/main.html shows `omg_trust`: the clinical-review line and the "Report a problem
  with this page" link (both plain strings, escaped by the template).
"""
import logging

from mildguide import frontmatter, trust
from mildguide.hooksupport import Reporter, body_line, display_path
from mildguide.problems import Problem

reporter = Reporter("clinical review status")
warn = logging.getLogger("mkdocs.plugins.mildguide.key_points")
state = {"nav": set()}


def on_pre_build(config):
    reporter.reset()


def on_nav(nav, config, files):
    state["nav"] = {p.file.src_uri for p in nav.pages}
    return nav


def _needs_key_points(page) -> bool:
    if page.is_homepage or page.file.src_uri not in state["nav"]:
        return False
    return page.meta.get("embed", True) is not False


def on_page_markdown(markdown, page, config, files):
    path = display_path(page.file, config)
    if "clinical_review" not in page.meta:
        try:
            start = frontmatter.parse(page.file.content_string, path).start_line
        except Problem:
            start = 1
        reporter.add(Problem(path, start, "front matter is missing 'clinical_review': write "
                             "'clinical_review: none' until a clinician has reviewed the page"))
    if _needs_key_points(page):
        for problem in trust.check_key_points(markdown, path, body_line(page, markdown)):
            warn.warning(str(problem))
    return markdown


def on_page_context(context, page, config, nav):
    clinic = dict(config.extra.get("clinic") or {})
    title = (page.meta.get("title") if page.meta else None) or page.title or ""
    context["omg_trust"] = {
        "review": trust.review_text(page.meta or {}, clinic),
        "report_url": trust.report_url(config.repo_url, f"docs/{page.file.src_uri}", str(title),
                                       page.canonical_url, clinic),
        "report_label": trust.REPORT_LABEL,
    }
    return context


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
