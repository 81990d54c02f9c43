"""Care cards (`!!! care-nonurgent|care-urgent|care-emergency`) and "Sources differ" boxes.

`label_and_contact` (HTML -> HTML) gives each care card a text label for its level (so the
level never depends on colour) and appends the contact line: the clinic's name, phone and
booking link on a clinic build (`extra.clinic`), a neutral line otherwise. Emergency cards
always send readers to 911. `check_sources_differ` (Markdown) requires each
`!!! sources-differ` box to cite at least 2 different sources.
Pure functions; the adapter is scripts/hooks/care.py.
"""
from __future__ import annotations

import html
import re

from lxml import etree, html as lhtml

from .mdtext import mask_code
from .problems import Problem
from .sources import CITATION

LEVELS = {
    "care-nonurgent": "Non-urgent",
    "care-urgent": "Urgent: call today",
    "care-emergency": "Emergency",
}
NEUTRAL = {
    "care-nonurgent": "Contact your care team.",
    "care-urgent": "Contact your care team today.",
    "care-emergency": "Call 911 or go to the nearest emergency room.",
}
BOX = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+sources-differ\b")


def contact_html(level: str, clinic: dict | None) -> str:
    """Inner HTML of the contact line for a care card of `level`."""
    clinic = clinic or {}
    name, phone = str(clinic.get("name") or "").strip(), str(clinic.get("phone") or "").strip()
    booking = str(clinic.get("booking_url") or "").strip()
    if level == "care-emergency" or not (name or phone):
        return html.escape(NEUTRAL[level])
    who = html.escape(name) if name else "your care team"
    from .clinic import tel_uri
    call = f' at <a href="{html.escape(tel_uri(phone))}">{html.escape(phone)}</a>' if phone else ""
    if level == "care-urgent":
        return f"Call {who} today{call}."
    text = f"Contact {who}{call}"
    if booking.startswith("https://"):
        text += f', or <a href="{html.escape(booking)}">book an appointment online</a>'
    return text + "."


def label_and_contact(content: str, clinic: dict | None) -> str:
    if "care-" not in content:
        return content
    root = lhtml.fragment_fromstring(content, create_parent="div")
    changed = False
    for card in root.xpath(".//*[self::div or self::details][contains(concat(' ', normalize-space(@class), ' '), ' admonition ') "
                           "or self::details]"):
        level = next((c for c in (card.get("class") or "").split() if c in LEVELS), None)
        if not level or card.xpath("./*[contains(@class,'omg-care-contact')]"):
            continue
        title = card.xpath("./p[contains(@class,'admonition-title')] | ./summary")
        label = etree.Element("span", {"class": "omg-care-level"})
        label.text = LEVELS[level]
        if title:
            t = title[0]
            label.tail = " " + (t.text or "")
            t.text = None
            t.insert(0, label)
        else:
            p = etree.Element("p", {"class": "admonition-title"})
            p.append(label)
            card.insert(0, p)
        contact = lhtml.fragment_fromstring(f'<p class="omg-care-contact">{contact_html(level, clinic)}</p>')
        card.append(contact)
        changed = True
    if not changed:
        return content
    out = html.escape(root.text, quote=False) if root.text else ""
    return out + "".join(lhtml.tostring(child, encoding="unicode") for child in root)


def check_sources_differ(text: str, path: str, first_line: int = 1) -> list[Problem]:
    """Each sources-differ box must cite at least 2 different sources."""
    masked = mask_code(text)
    lines = masked.split("\n")
    problems = []
    for i, line in enumerate(lines):
        m = BOX.match(line)
        if not m:
            continue
        indent = len(m.group(1).expandtabs(4))
        j = i + 1
        while j < len(lines) and (not lines[j].strip() or len(lines[j]) - len(lines[j].lstrip()) > indent):
            j += 1
        block = "\n".join(lines[i:j])
        ids = set()
        for c in CITATION.finditer(block):
            ids.update(p.strip().lstrip("@") for p in c.group(1).split(";"))
        if len(ids) < 2:
            problems.append(Problem(path, first_line + i, "a 'Sources differ' box must cite at least 2 different "
                                    f"sources (this one cites {len(ids)})"))
    return problems
