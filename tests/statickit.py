"""Keyboard and name checks read from a built HTML file, without a browser (issue 23).

What the Tab walk proves in Chromium for the gallery holds on every page when the markup
gives it the same footing: no positive tabindex (so the Tab order is the document order),
the skip link first and landing in the content, every control named, and nothing focusable
hidden from assistive technology.
"""
from __future__ import annotations

FOCUSABLE = ("a[@href] | button | input[not(@type='hidden')] | select | textarea | summary | iframe"
             " | *[@tabindex and not(@tabindex='-1') and not(@tabindex='')]")


def focusables(tree) -> list:
    body = tree.find(".//body")
    return [el for el in body.xpath(".//" + FOCUSABLE.replace(" | ", " | .//"))
            if not el.xpath("ancestor-or-self::*[@hidden] | ancestor::template")
            and el.get("disabled") is None
            and "md-toggle" not in (el.get("class") or "").split()]   # Material: display: none


def accessible_name(el, tree) -> str:
    """A simplified accessible name: aria-labelledby, aria-label, a label, the text with image
    alt text, or title (the sources browsers fall back to, in that order)."""
    if el.get("aria-labelledby"):
        parts = [tree.xpath(f"//*[@id='{i}']") for i in el.get("aria-labelledby").split()]
        text = " ".join(p[0].text_content() for p in parts if p)
        if text.strip():
            return text.strip()
    if (el.get("aria-label") or "").strip():
        return el.get("aria-label").strip()
    if el.tag in ("input", "select", "textarea"):
        labels = tree.xpath(f"//label[@for='{el.get('id')}']") if el.get("id") else []
        labels += el.xpath("ancestor::label")
        text = " ".join(lb.text_content() for lb in labels).strip()
        if text or (el.get("placeholder") or "").strip():
            return text or el.get("placeholder").strip()
    else:
        text = " ".join([el.text_content(), *(img.get("alt") or "" for img in el.iter("img"))])
        if text.strip():
            return " ".join(text.split())
    return (el.get("title") or "").strip()


def problems(tree, where: str, needs_skip_link: bool) -> list[str]:
    """What is wrong with one built file; `needs_skip_link`: a reader's page (in the sitemap),
    or a 404, where the exhaustive walk also asks for the skip link (Material leaves it out of
    a page without headings; overrides/404.html adds it)."""
    out = []
    for el in tree.xpath("//*[@tabindex]"):
        value = (el.get("tabindex") or "").strip()
        if value.lstrip("-").isdigit() and int(value) > 0:
            out.append(f"{where}: positive tabindex {value} changes the Tab order: {describe(el)}")
    stops = focusables(tree)
    for el in stops:
        if el.xpath("ancestor-or-self::*[@aria-hidden='true'] | ancestor-or-self::*[@inert]"):
            out.append(f"{where}: focusable inside a hidden region: {describe(el)}")
        elif el.tag == "summary" and el.getparent().tag != "details":
            continue
        elif not accessible_name(el, tree):
            out.append(f"{where}: control without a name: {describe(el)}")
    skip = tree.xpath("//a[contains(concat(' ', @class, ' '), ' md-skip ')]")
    if tree.xpath("//body[@data-md-color-scheme]"):          # a Material page (not an embed)
        if not skip:
            if needs_skip_link:
                out.append(f"{where}: no skip link")
        elif stops and stops[0] is not skip[0]:
            out.append(f"{where}: the first Tab stop is {describe(stops[0])}, not the skip link")
        else:
            target = skip[0].get("href", "").lstrip("#")
            if not tree.xpath(f"//*[contains(@class, 'md-content')]//*[@id='{target}']"):
                out.append(f"{where}: the skip link's target #{target} is not in the page content")
    return out


def describe(el) -> str:
    from lxml import html
    return html.tostring(el, encoding="unicode")[:120]
