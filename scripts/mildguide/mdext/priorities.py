"""The order of the guide's page transforms, declared once.

Each transform is a Python-Markdown extension (mildguide.mdext.*) that registers its
processors at these priorities; Python-Markdown runs higher priorities first.

Preprocessors see the page's Markdown text before Python-Markdown's own (normalize_whitespace
is 30, so ours are above it). Postprocessors see the finished HTML after raw HTML is restored
(raw_html 30, amp_substitute 20, so ours are below 20).
"""

# -- Markdown text, in order ------------------------------------------------------------------
SAFETY = 45          # reads the source file itself; order does not matter
# (hooks still: front matter, compare, care, FAQ anchors; they run in on_page_markdown, before any of these)
CITATIONS = 35       # after the hooks' FAQ anchors (they report lines; citations joins lines)

# -- HTML, in order ---------------------------------------------------------------------------
CITATIONS_FILL = 15  # put the finished citation superscripts in place
A11Y = 5             # last: accessibility fixes to the finished HTML
