"""Plain text that keeps block boundaries, and the structured blocks of the JSON export.

`block_text()` turns content HTML into text a CMS can show without our CSS: every block
(paragraph, list item, table cell, heading, a care card's level label) on its own line, so
"Non-urgent" and "Tell your care team soon…" never run together. `structured_blocks()` finds
the boxes a reader must not miss — care cards, Key points, FAQ questions, Sources differ — and
gives each as {type, id, level, label, title, text, html, sources}.

Hand-written on lxml: html2text and similar turn HTML into Markdown, not into the plain lines
a CMS field wants, and know nothing of our boxes.
"""
from __future__ import annotations

import copy
import re
from urllib.parse import urlsplit

from .. import content as C
from .html_space import collapse   # as the built page has it: the same export before or after the cut

# Elements that start and end a line of text.
BLOCK_TAGS = frozenset("""
    address article aside blockquote caption dd details div dl dt fieldset figcaption figure
    footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody
    td tfoot th thead tr ul
""".split())
SKIP_TAGS = frozenset({"script", "style", "template", "svg", "noscript"})
BREAK = "\x00"

CARE_LEVELS = ("emergency", "urgent", "nonurgent")      # care-<level> classes (mildguide.page.care)
CITATION_MARKS = ".//sup[.//a[contains(@href, 'source-')]] | .//sup[contains(@class, 'cite')]"


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _walk(el, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else None
    if tag is None or tag in SKIP_TAGS:          # comments, processing instructions, drawings
        if el.tail:
            out.append(el.tail)
        return
    block = tag in BLOCK_TAGS or "omg-care-level" in _classes(el)
    if tag == "br" or block:
        out.append(BREAK)
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
    if block:
        out.append(BREAK)
    if el.tail:
        out.append(el.tail)


def block_lines(element) -> list[str]:
    """The text of `element` as lines, one per block, whitespace collapsed, empty ones left out."""
    out: list[str] = []
    if element.text:
        out.append(element.text)
    for child in element:
        _walk(child, out)
    lines = (re.sub(r"\s+", " ", part).strip() for part in "".join(out).split(BREAK))
    return [line for line in lines if line]


def drop_citation_marks(element):
    """A copy of `element` without citation superscripts (their numbers mean nothing as text)."""
    el = copy.deepcopy(element)
    for sup in el.xpath(CITATION_MARKS):
        sup.drop_tree()
    return el


def block_text(element) -> str:
    """Readable text: citation marks dropped; top-level blocks apart by a blank line, the
    blocks inside them (list items, table cells, a care card's label and body) by a line break."""
    el = drop_citation_marks(element)
    parts = []
    lead = re.sub(r"\s+", " ", el.text or "").strip()
    if lead:
        parts.append(lead)
    for child in el:
        lines = block_lines(_holder(child))
        if lines:
            parts.append("\n".join(lines))
        tail = re.sub(r"\s+", " ", child.tail or "").strip()
        if tail:
            parts.append(tail)
    return "\n\n".join(parts)


def _holder(child):
    """`child` without its tail, inside a <div> (block_lines reads a container's children)."""
    box = C.fragment("")
    clone = copy.deepcopy(child)
    clone.tail = None
    box.append(clone)
    return box


def cited_ids(element) -> list[str]:
    """Source ids the element cites, first-cited first; works on absolute and relative links."""
    seen: list[str] = []
    for a in element.iter("a"):
        parts = urlsplit(a.get("href") or "")
        if parts.fragment.startswith("source-") and C.SOURCES_PATH.search(parts.path):
            ident = parts.fragment[len("source-"):]
            if ident and ident not in seen:
                seen.append(ident)
    return seen


# --------------------------------------------------------------------------- structured blocks

def _admonition_kind(el) -> tuple[str, str | None] | None:
    classes = _classes(el)
    if "admonition" not in classes and el.tag != "details":
        return None
    for level in CARE_LEVELS:
        if f"care-{level}" in classes:
            return "care-card", level
    if "key-points" in classes:
        return "key-points", None
    if "sources-differ" in classes:
        return "sources-differ", None
    return None


def _block(kind: str, ident, level, label, title: str, body) -> dict:
    return {"type": kind, "id": ident, "level": level, "label": label, "title": title,
            "text": block_text(body), "html": collapse(C.to_html(body)).strip(), "sources": cited_ids(body)}


def _box_block(el, kind: str, level: str | None) -> dict:
    body = C.fragment("")
    title_el = None
    for child in el:
        is_title = child.tag == "summary" or (child.tag == "p" and "admonition-title" in _classes(child))
        if title_el is None and is_title:
            title_el = child
            continue
        body.append(copy.deepcopy(child))
    label = None
    title = ""
    if title_el is not None:
        title_el = drop_citation_marks(title_el)
        for span in title_el.xpath(".//*[contains(concat(' ', normalize-space(@class), ' '), ' omg-care-level ')]"):
            label = C.text_of(span)
            span.drop_tree()
        title = C.text_of(title_el)
    return _block(kind, el.get("id"), level, label, title, body)


def structured_blocks(root) -> list[dict]:
    """Care cards, Key points, Sources differ boxes (anywhere in `root`) and FAQ questions
    (an `h3` with a `faq-` id, or an `h2` on a one-topic FAQ page, and what follows it up to the
    next heading), in page order."""
    found: list[tuple[object, dict]] = []
    for el in root.iter("div", "details", "aside"):
        kind = _admonition_kind(el)
        if kind:
            found.append((el, _box_block(el, *kind)))
    for h3 in root.iter("h2", "h3"):
        ident = h3.get("id") or ""
        if not ident.startswith("faq-"):
            continue
        body = C.fragment("")
        for sib in h3.itersiblings():
            if sib.tag in ("h1", "h2", "h3"):
                break
            clone = copy.deepcopy(sib)
            body.append(clone)
        question = drop_citation_marks(h3)
        found.append((h3, _block("faq-item", ident, None, None, C.text_of(question), body)))
    order = {el: i for i, el in enumerate(root.iter())}
    return [block for el, block in sorted(found, key=lambda pair: order[pair[0]])]
