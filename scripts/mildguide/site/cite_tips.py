"""Citation tooltips kept once, in the page's "Sources for this page" list (issue 27: first load).

The first citation of each source carries the source's title (on a Spanish page, with what the
source is) in a `title`: the title the page's sources list already shows, under the same
address. That repeat costs 0.8 KB gzip on the decision aid and 1.7 KB on its Spanish page. The
built page drops it; what the list does not show (the Spanish note after " — ") goes on the
list's link as `data-omg-note`, and tooltips-on-hover.js puts each title back on its citation
before Material sets up its tooltips. A title not found again in the list stays where it is.
Only pages that load that script lose the titles: an embed keeps them. `restore` undoes `move`:
the post-build pass reads pages through it, so running it again over a built site sees the
pages the first run saw.
Text in, text out, on the HTML the generator wrote (the shapes mildguide.page.sources makes).
"""
from __future__ import annotations

import html
import re

_LIST = re.compile(r'<div class="omg-page-sources">.*?</ol>', re.S)
_ITEM = re.compile(r'<li><a href="([^"]*)"([^>]*)>(.*?)</a>', re.S)
_SUP = re.compile(r'<sup class="omg-cite">.*?</sup>', re.S)
_TIP = re.compile(r'(<a href="([^"]*)" aria-label="[^"]*") title=(?:"([^"]*)"|\'([^\']*)\')')
_TAG = re.compile(r"<[^>]+>")
SEP = " — "
# the script that puts the titles back: a page without it (an embed) keeps them
TIPS_SCRIPT = "tooltips-on-hover.js"


def move(page: str) -> str:
    """`page` without the citation titles its sources list repeats (see the module's note)."""
    found = _LIST.search(page)
    if found is None or 'class="omg-cite"' not in page:
        return page
    titles = {m.group(1): html.unescape(_TAG.sub("", m.group(3))) for m in _ITEM.finditer(found.group(0))}
    notes: dict[str, str] = {}

    def tip(m: re.Match) -> str:
        href, tip_text = m.group(2), html.unescape(m.group(3) if m.group(3) is not None else m.group(4))
        title = titles.get(href)
        if title is None or not (tip_text == title or tip_text.startswith(title + SEP)):
            return m.group(0)
        if tip_text != title:
            note = tip_text[len(title) + len(SEP):]
            if notes.setdefault(href, note) != note:
                return m.group(0)
        return m.group(1)

    head = _SUP.sub(lambda m: _TIP.sub(tip, m.group(0)), page[:found.start()])

    def item(m: re.Match) -> str:
        note = notes.get(m.group(1))
        if not note:
            return m.group(0)
        return f'<li><a href="{m.group(1)}" data-omg-note="{html.escape(note)}"{m.group(2)}>{m.group(3)}</a>'

    return head + _ITEM.sub(item, found.group(0)) + page[found.end():]


_NOTE = re.compile(r' data-omg-note="([^"]*)"')
_UNTITLED = re.compile(r'(<a href="([^"]*)" aria-label="[^"]*")(?= ?/?>)')


def restore(page: str) -> str:
    """`page` as the generator wrote it, from what `move` made of it: the title back on the
    first citation of each source, the note off the list (a page `move` left alone is returned
    as it is). The post-build pass reads pages through this, so running it again over a built
    site (its data steps, in the tests) sees the same pages as the first run did."""
    found = _LIST.search(page)
    if found is None or "data-omg-note" not in page and 'class="omg-cite"' not in page:
        return page
    tips: dict[str, str] = {}
    for m in _ITEM.finditer(found.group(0)):
        note = _NOTE.search(m.group(2))
        title = html.unescape(_TAG.sub("", m.group(3)))
        tips[m.group(1)] = title + (SEP + html.unescape(note.group(1)) if note else "")
    seen: set[str] = set()

    def first(m: re.Match) -> str:
        href = m.group(2)
        if href in seen or href not in tips:
            seen.add(href)
            return m.group(0)
        seen.add(href)
        return f'{m.group(1)} title="{html.escape(tips[href])}"'

    def sup(m: re.Match) -> str:
        # a citation that kept its title counts as its source's first
        for t in _TIP.finditer(m.group(0)):
            seen.add(t.group(2))
        return _UNTITLED.sub(first, m.group(0))

    head = _SUP.sub(sup, page[:found.start()])
    return head + _NOTE.sub("", found.group(0)) + page[found.end():]
