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

from ..mdtext import mask_code
from ..problems import Problem
from .sources import CITATION

LEVELS = {
    "care-nonurgent": "Non-urgent",
    "care-urgent": "Urgent: call today",
    "care-emergency": "Emergency",
}
NEUTRAL = {
    "care-nonurgent": "Contact your care team.",
    "care-urgent": "Contact your care team today.",
    "care-emergency": "Call 911 or go to the nearest emergency room. Do not drive yourself.",
}
# Urgent cards say what to do when the team cannot be reached (evenings, weekends); emergency
# cards say not to drive (leg weakness, fainting). Clinician-editor read 2026-12-07, §2.
FALLBACK = "If you cannot reach them, go to an urgent care center or an emergency room."
# The Spanish edition's words (a clinic's name and phone appear in both languages).
LEVELS_ES = {
    "care-nonurgent": "No urgente",
    "care-urgent": "Urgente: llame hoy",
    "care-emergency": "Emergencia",
}
NEUTRAL_ES = {
    "care-nonurgent": "Comuníquese con su equipo de atención médica.",
    "care-urgent": "Comuníquese hoy con su equipo de atención médica.",
    "care-emergency": "Llame al 911 o vaya a la sala de emergencias más cercana. No maneje usted mismo.",
}
FALLBACK_ES = "Si no puede comunicarse con ellos, vaya a un centro de atención de urgencias o a una sala de emergencias."
BOX = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+sources-differ\b")


def contact_html(level: str, clinic: dict | None, lang: str = "en") -> str:
    """Inner HTML of the contact line for a care card of `level` (`lang="es"`: in Spanish)."""
    clinic = clinic or {}
    name, phone = str(clinic.get("name") or "").strip(), str(clinic.get("phone") or "").strip()
    booking = str(clinic.get("booking_url") or "").strip()
    fallback = " " + (FALLBACK_ES if lang == "es" else FALLBACK) if level == "care-urgent" else ""
    if level == "care-emergency" or not (name or phone):
        return html.escape((NEUTRAL_ES if lang == "es" else NEUTRAL)[level] + fallback)
    from ..clinic import tel_uri          # one tel: link for both languages (extensions too)
    if lang == "es":
        who = html.escape(name) if name else "su equipo de atención médica"
        call = f' al <a href="{html.escape(tel_uri(phone))}">{html.escape(phone)}</a>' if phone else ""
        if level == "care-urgent":
            return f"Llame hoy a {who}{call}.{html.escape(fallback)}"
        text = f"Comuníquese con {who}{call}"
        if booking.startswith("https://"):
            text += f', o <a href="{html.escape(booking)}">pida una cita en línea</a>'
        return text + "."
    who = html.escape(name) if name else "your care team"
    call = f' at <a href="{html.escape(tel_uri(phone))}">{html.escape(phone)}</a>' if phone else ""
    if level == "care-urgent":
        return f"Call {who} today{call}.{html.escape(fallback)}"
    text = f"Contact {who}{call}"
    if booking.startswith("https://"):
        text += f', or <a href="{html.escape(booking)}">book an appointment online</a>'
    return text + "."


PHONE_SLOT = re.compile(r'<span class="omg-phone" data-phone="care-team"></span>')


def fill_phone_slots(content: str, clinic: dict | None, lang: str = "en") -> str:
    """A discharge sheet's `<span class="omg-phone" data-phone="care-team"></span>`: the clinic's
    name and phone on a clinic build; otherwise a blank line to write the number on (print),
    with words for screen readers."""
    if "omg-phone" not in content:
        return content
    clinic = clinic or {}
    name, phone = str(clinic.get("name") or "").strip(), str(clinic.get("phone") or "").strip()
    if phone:
        from ..clinic import tel_uri
        inner = (f'{html.escape(name)}, ' if name else "") + \
            f'<a href="{html.escape(tel_uri(phone))}">{html.escape(phone)}</a>'
        filled = f'<span class="omg-phone omg-phone--filled" data-phone="care-team">{inner}</span>'
    else:
        words = "espacio para escribir el número" if lang == "es" else "space to write the number"
        filled = (f'<span class="omg-phone" data-phone="care-team">'
                  f'<span class="omg-visually-hidden">{words}</span></span>')
    return PHONE_SLOT.sub(lambda _m: filled, content)


def label_and_contact(content: str, clinic: dict | None, lang: str = "en") -> str:
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
        label.text = (LEVELS_ES if lang == "es" else LEVELS)[level]
        if title:
            t = title[0]
            label.tail = " " + (t.text or "")
            t.text = None
            t.insert(0, label)
        else:
            p = etree.Element("p", {"class": "admonition-title"})
            p.append(label)
            card.insert(0, p)
        contact = lhtml.fragment_fromstring(f'<p class="omg-care-contact">{contact_html(level, clinic, lang)}</p>')
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


CARD = re.compile(r"^[ \t>]*(?:!!!|\?\?\?\+?)[ \t]+(care[-_][\w-]*)")


def check_card_types(text: str, path: str, first_line: int = 1) -> list[Problem]:
    """A care card whose type is misspelled (`care-nonurgnet`) would silently render as a
    plain box, without its level label or contact line."""
    import difflib
    problems = []
    for i, line in enumerate(mask_code(text).split("\n")):
        m = CARD.match(line)
        if m and m.group(1) not in LEVELS:
            near = difflib.get_close_matches(m.group(1), list(LEVELS), n=1)
            hint = f"did you mean '{near[0]}'? " if near else ""
            problems.append(Problem(path, first_line + i, f"unknown care card type '{m.group(1)}': {hint}"
                                    f"use one of {', '.join(LEVELS)}"))
    return problems
