"""Accessibility fixes to rendered page HTML (reader issue 7). Pure functions: HTML in, HTML out.

1. `label_checkboxes`: task-list checkboxes get an accessible name.
pymdownx.tasklist renders `- [ ] Ask about X` as

    <li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled/>
    <span class="task-list-indicator"></span></label> Ask about X</li>

The <label> wraps only the box, so screen readers announce "checkbox, unchecked" with no
text (axe rule `label`). `label_checkboxes` copies the item's own text into an aria-label
on the input; anything else is left untouched.

2. `table_semantics`: in every table, an empty top-left header cell becomes an ordinary cell
(axe `empty-table-header`), header cells get `scope="col"`, and in the body the first cell
of each row becomes its row header (`<th scope="row">`), so a screen reader announces
"Anesthesia, MILD: numbing…" instead of a bare cell.

3. `scrollable_regions`: a `<div class="compare-table">` (a wide table a phone scrolls
sideways) becomes a labelled, keyboard-focusable region (axe
`scrollable-region-focusable`): Tab reaches it and the arrow keys scroll it.

4. `label_permalinks`: the "¶" link after each heading (toc `permalink`) has no title, so
Material mounts no tooltip for it: a tooltip costs script time on load, and the FAQ and
Sources pages have 35-45 headings (Lighthouse total-blocking-time on a phone). Screen
readers would say "pilcrow"; an aria-label names the link instead.

5. `decorative_images`: an image marked `{ .decorative }` renders with alt="" and
aria-hidden="true", so assistive tech ignores it.
"""
from __future__ import annotations

import html
import re

from .. import i18n

_ITEM = re.compile(
    r'(<li class="task-list-item">\s*(?:<p>\s*)?<label class="task-list-control">\s*<input type="checkbox")'
    r'([^>]*?)(/?>)(.*?)(?=<li\b|</li>|<ul\b|<ol\b)',
    re.S,
)
_SUP = re.compile(r"<sup\b.*?</sup>", re.S)     # citation / footnote numbers
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def _item_text(fragment: str) -> str:
    text = fragment.split("</label>", 1)[-1]
    text = _TAG.sub("", _SUP.sub("", text))
    return _SPACE.sub(" ", html.unescape(text)).strip()


def label_checkboxes(page_html: str) -> str:
    """Add `aria-label="<item text>"` to every task-list checkbox that has no label."""

    def fix(match: re.Match) -> str:
        start, attrs, close, rest = match.groups()
        if "aria-label" in attrs:
            return match.group(0)
        text = _item_text(rest)
        if not text:
            return match.group(0)
        label = html.escape(text, quote=True)
        return f'{start} aria-label="{label}"{attrs}{close}{rest}'

    return _ITEM.sub(fix, page_html)


_TABLE = re.compile(r"<table\b[^>]*>.*?</table>", re.S)
_EMPTY_TH = re.compile(r"<th\b([^>]*)>(\s|&nbsp;|&#160;)*</th>")
_THEAD_TH = re.compile(r"<th(?![^>]*\bscope=)(\b[^>]*)?>")
_ROW_FIRST_TD = re.compile(r"(<tr\b[^>]*>\s*)<td\b([^>]*)>(.*?)</td>", re.S)


def _fix_table(table: str) -> str:
    head, sep, body = table.partition("<tbody")
    if not sep:
        return table
    head = _EMPTY_TH.sub(lambda m: f"<td{m.group(1)}></td>", head)
    head = _THEAD_TH.sub(lambda m: f'<th{m.group(1) or ""} scope="col">', head)
    body = _ROW_FIRST_TD.sub(lambda m: f'{m.group(1)}<th{m.group(2)} scope="row">{m.group(3)}</th>', body)
    return head + sep + body


def table_semantics(page_html: str) -> str:
    """Row and column headers for every table with a header row and a body."""
    return _TABLE.sub(lambda m: _fix_table(m.group(0)), page_html)


_COMPARE_DIV = re.compile(r'<div(?![^>]*\btabindex=)([^>]*\bclass="[^"]*\bcompare-table\b[^"]*"[^>]*)>')


def scrollable_regions(page_html: str) -> str:
    """Make each compare-table block a named region that Tab can reach."""
    return _COMPARE_DIV.sub(
        lambda m: f'<div{m.group(1)} role="region" tabindex="0" '
                  f'aria-label="Comparison table (scrolls sideways)">', page_html)


_PERMALINK = re.compile(r'<a class="headerlink"(?![^>]*\b(?:aria-label|title)=)([^>]*)>')
def label_permalinks(page_html: str, lang: str = "en") -> str:
    """Name every unnamed heading permalink, in the language of the page's text (i18n.STRINGS)."""
    name = i18n.t(lang, "permalink")
    return _PERMALINK.sub(lambda m: f'<a class="headerlink"{m.group(1)} aria-label="{name}">', page_html)


_DECORATIVE_IMG = re.compile(r'<img\b(?=[^>]*\bclass="[^"]*\bdecorative\b)[^>]*>')
_ALT = re.compile(r'\s+(?:alt|aria-hidden)="[^"]*"')


def decorative_images(page_html: str) -> str:
    """An image marked `{ .decorative }` gets alt="" and aria-hidden="true": screen readers
    skip it (the build requires alt text on every other image, mildguide.page.checks)."""
    def fix(m: re.Match) -> str:
        tag = _ALT.sub("", m.group(0))
        end = 2 if tag.endswith("/>") else 1
        return tag[:-end].rstrip() + ' alt="" aria-hidden="true"' + tag[-end:]
    return _DECORATIVE_IMG.sub(fix, page_html)


def fix_page(page_html: str, lang: str = "en") -> str:
    page_html = scrollable_regions(table_semantics(label_checkboxes(page_html)))
    return decorative_images(label_permalinks(page_html, lang))
