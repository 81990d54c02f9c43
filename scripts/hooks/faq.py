"""MkDocs hook: FAQ anchors and duplicate checks (Markdown), FAQPage JSON-LD (from the HTML).

Thin adapter around mildguide.faq (pure functions).
"""
from mildguide import faq
from mildguide.frontmatter import json_script
from mildguide.hooksupport import Reporter, add_jsonld, body_line, display_path

FAQ_PAGE = "faq.md"
reporter = Reporter("the FAQ")


def on_pre_build(config):
    reporter.reset()


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != FAQ_PAGE:
        return markdown
    out, problems = faq.anchor(markdown, display_path(page.file, config), body_line(page, markdown))
    reporter.extend(problems)
    return out


def on_page_context(context, page, config, nav):
    # after every hook's on_page_content, so the answers are final (citations filled in)
    if page.file.src_uri == FAQ_PAGE:
        add_jsonld(page, json_script(faq.faq_page(page.content, page.canonical_url, page.title or "")))
    return context


def on_env(env, config, files):
    reporter.raise_if_any()
    return env
