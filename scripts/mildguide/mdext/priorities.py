"""The order of the guide's page transforms, declared once.

Each transform is a Python-Markdown extension (mildguide.mdext.*) that registers its
processors at these priorities; Python-Markdown runs higher priorities first, whatever the
order of `markdown_extensions:` in mkdocs.yml.

Preprocessors see the page's Markdown text (front matter removed) before Python-Markdown's
own (normalize_whitespace is 30, so ours are above it). Any MkDocs hook's `on_page_markdown`
runs before all of them (so a hook that expands a marker into Markdown is cited and checked).
Postprocessors see the finished HTML after raw HTML is restored (raw_html 30,
amp_substitute 20, so ours are below 20); a hook's `on_page_content` runs after all of them.
Python-Markdown's toc also runs every postprocessor on each heading's text: a postprocessor
that must see the whole page checks mildguide.mdext.whole_page(md).
"""

# -- Markdown text, in order ------------------------------------------------------------------
SAFETY = 45           # scans the source file itself; order does not matter
PAGE_CHECKS = 44.5    # contributor mistakes (mildguide.page.checks): scans the source file itself
FRONT_MATTER = 44     # checks the source file's front matter (and that it says clinical_review)
SPELLING = 43.5       # US spelling: scans the source file itself
KEY_POINTS = 43       # one Key points box before the first ## heading; reports lines (a warning)
FAQ_ANCHORS = 42      # FAQ heading ids; reports lines
TERMINOLOGY = 41      # Spanish pages: rejected terminology variants (a warning); reports lines
COMPARE_CHECK = 40    # reports lines of table cells
CARE_CHECK = 38       # "Sources differ" boxes cite 2+ sources; reports lines
ICON_ARRAY = 37       # ```icon-array blocks -> figures with [@id]s (keeps the line count)
WARNING_SIGNS = 36    # [[warning-signs: SET]] -> care cards with [@id]s: ADDS lines (ctx.line_map),
                      # so it comes after every reporter that does not map lines
CITATIONS = 35        # joins lines (after everything that reports lines); maps lines through ctx


# -- HTML, in order ---------------------------------------------------------------------------
REVIEW = 18           # review dates / due notice; MedicalWebPage JSON-LD (queued first)
COMPARE_REGION = 17   # table wrapper -> focusable region
CARE_CARDS = 16       # care cards: level label and the clinic's contact line
CITATIONS_FILL = 15   # the finished citation superscripts in place of their placeholders
GLOSSARY = 10         # tooltips on the first use of each term (after citations are filled in)
A11Y = 5              # accessibility fixes to the finished HTML
FAQ_JSONLD = 1        # last: FAQPage JSON-LD from the finished answers

# A new transform: pick a number between its neighbours here, register its processors with it
# (see mdext/citations.py), and list the extension under `markdown_extensions:` in mkdocs.yml.
