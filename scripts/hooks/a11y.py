"""MkDocs hook: accessibility fixes to each page's HTML (see mildguide.a11y)."""
from mildguide.a11y import fix_page


def on_page_content(html, page, config, files):
    return fix_page(html)
