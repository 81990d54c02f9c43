"""Contributor mistakes in one page's Markdown source, reported as file:line (issue 14 §2).

Each check reads the page's source file (front matter included, so line numbers are the
file's own) with code and HTML comments masked out (mildguide.mdtext.mask_code), and returns
Problems. Pure functions; the adapter is scripts/mildguide/mdext/checks.py.

Language-neutral (every page): phone numbers and tel: links, heading levels and ids, alt
text, embeds from other hosts, empty pages, tab-indented list items, file names.
English pages only (docs/page.md, not docs/page.es.md): promotional phrases (and, in their
own modules, US spelling and sentence length).
Clinic contact details are never in docs/: the clinic profile (`extra.clinic`) puts them in
the built page (mildguide.page.care, mildguide.site.embed), after these checks read the source.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from ..mdtext import headings, mask_code, plain, split_heading
from ..problems import Problem

# A page for another language: docs/recovery.es.md (mkdocs-static-i18n suffix layout).
LANGUAGE_SUFFIX = re.compile(r"\.([a-z]{2})(?:[-_][A-Za-z]{2,4})?\.md\Z")


def language(src_uri: str) -> str:
    m = LANGUAGE_SUFFIX.search(src_uri)
    return m.group(1) if m else "en"


def _lines(text: str):
    """(1-based line, masked line) for every line of `text`."""
    return enumerate(mask_code(text).split("\n"), 1)


# -- phone numbers and promotion ------------------------------------------------------------
# US formats: 555-123-4567, 555.123.4567, (555) 123-4567, 555 123 4567, +1 555 123 4567,
# 1-800-555-0199, and a local 555-0100. Digits in groups of 3-3-4 or 3-4 with separators;
# dates (2026-11-23), years and ranges like 10-20 do not match.
PHONE = re.compile(r"(?<![\w/.#-])(?:(?:\+?1[\s.-])?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}"
                   r"|\d{3}[.-]\d{4})(?![\w-])")
TEL = re.compile(r"\btel:", re.I)
PROMOTION = re.compile(
    r"\b(?:book (?:now|today|online|your (?:procedure|appointment|consultation)|an appointment)"
    r"|call (?:now|today|us)"
    r"|schedule (?:a|an|your) (?:consultation|appointment|visit|procedure)|schedule (?:now|today)"
    r"|request (?:a|an|your) (?:consultation|appointment)"
    r"|free consultation|limited[- ]time offer|same-day appointments?"
    r"|(?:best|top|leading) (?:doctors?|clinic|surgeons?|provider|specialists?)"
    r"|world[- ]class)\b", re.I)


def contact_and_promotion(text: str, path: str, english: bool = True) -> list[Problem]:
    problems = []
    for no, line in _lines(text):
        for m in PHONE.finditer(line):
            problems.append(Problem(path, no, f"phone number '{m.group(0)}': the guide has no phone numbers; "
                                    "a clinic build adds the clinic's own (extra.clinic.phone)"))
        if TEL.search(line):
            problems.append(Problem(path, no, "tel: link: the guide has no phone numbers; "
                                    "a clinic build adds the clinic's own (extra.clinic.phone)"))
        if english:
            for m in PROMOTION.finditer(line):
                problems.append(Problem(path, no, f"promotional phrase '{m.group(0)}': the guide informs, it does "
                                        "not sell; a clinic build adds its own booking link (extra.clinic.booking_url)"))
    return problems


# -- headings -------------------------------------------------------------------------------

def _slug(text: str) -> str:
    """The id Python-Markdown's toc gives a heading with this text."""
    from markdown.extensions.toc import slugify
    return slugify(plain(text), "-")


def heading_problems(text: str, path: str, check_ids: bool = True) -> list[Problem]:
    """A heading that skips a level (## then ####), and two headings with one id."""
    problems = []
    level_before = 1                    # the page title is the h1
    ids: dict[str, int] = {}
    for no, level, raw in headings(text):
        if level > level_before + 1:
            problems.append(Problem(path, no, f"heading level skips from h{level_before} to h{level}: "
                                    f"use {'#' * (level_before + 1)} here (one level deeper at most)"))
        level_before = level
        if not check_ids:
            continue
        words, ident, _ = split_heading(raw)
        ident = ident or _slug(words)
        if not ident:
            continue
        if ident in ids:
            problems.append(Problem(path, no, f"heading id '#{ident}' is used twice on this page (first on line "
                                    f"{ids[ident]}); give one heading other words or its own {{ #id }}"))
        ids.setdefault(ident, no)
    return problems


# -- images ---------------------------------------------------------------------------------
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)]*)\)(?P<attrs>\{[^{}]*\})?")
HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
ALT_ATTR = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
DECORATIVE = re.compile(r"(?:\.|\bclass\s*=\s*[\"'][^\"']*\b)decorative\b")
ALT_HELP = ("describe what it shows in the [ ] of ![ ](…) (alt text for readers who cannot see it), "
            "or mark a purely decorative image ![](…){ .decorative }")


def image_problems(text: str, path: str) -> list[Problem]:
    problems = []
    for no, line in _lines(text):
        for m in MD_IMAGE.finditer(line):
            if not m.group("alt").strip() and not DECORATIVE.search(m.group("attrs") or ""):
                src = m.group("src").split()[0] if m.group("src").strip() else ""
                problems.append(Problem(path, no, f"image {src} has no alt text: {ALT_HELP}".replace("  ", " ")))
        for m in HTML_IMG.finditer(line):
            alt = ALT_ATTR.search(m.group(0))
            value = next((g for g in alt.groups() if g is not None), "") if alt else ""
            if not value.strip() and not DECORATIVE.search(m.group(0)):
                problems.append(Problem(path, no, "<img> has no alt text: add alt=\"what it shows\", or "
                                        "class=\"decorative\" for a purely decorative image"))
    return problems


# -- embeds from other hosts ----------------------------------------------------------------
EMBED = re.compile(r"<(iframe|embed|object|frame|portal|video|audio|source)\b[^>]*>", re.I)
EMBED_URL = re.compile(r"""\b(?:src|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def embed_problems(text: str, path: str, own_host: str | None = None) -> list[Problem]:
    """An <iframe>, <embed>, <object> … that loads from another host (links.yml does not
    allow it: a built page makes no requests to other hosts)."""
    problems = []
    for no, line in _lines(text):
        for m in EMBED.finditer(line):
            for u in EMBED_URL.finditer(m.group(0)):
                url = next(g for g in u.groups() if g is not None).strip()
                host = urlsplit(url).hostname if re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I) else None
                if host and host != own_host:
                    problems.append(Problem(path, no, f"<{m.group(1).lower()}> loads from another host ({host}): "
                                            "a page of the guide makes no requests to other hosts (even for "
                                            f"links.yml addresses); link to it instead → {url}"))
    return problems


# -- an empty page --------------------------------------------------------------------------
_NOT_TEXT = re.compile(r"^\s*(?:#{1,6}(?:\s.*)?|\{[:#.][^}]*\}|-{3,}|\*{3,}|_{3,})?\s*$")


# A line that a build step replaces with content (`<!-- source-list -->`, `<!-- embed-widgets -->`).
GENERATOR_MARKER = re.compile(r"^\s*<!--\s*[a-z]+(?:-[a-z]+)+\s*-->\s*$", re.M)


def empty_page(body: str, path: str, body_line: int) -> list[Problem]:
    """A page whose body has no text (nothing, or headings only)."""
    if GENERATOR_MARKER.search(body):
        return []
    masked = mask_code(body)
    if any(not _NOT_TEXT.match(line) for line in masked.split("\n")) or "```" in body or "~~~" in body:
        return []
    return [Problem(path, body_line, "the page has no text below its heading: write the page "
                    "(even a page with 'citations: none' needs text), or remove the file")]


# -- tabs -----------------------------------------------------------------------------------
TAB_ITEM = re.compile(r"^ {0,3}\t+[ \t]*(?:[-*+]|\d+[.)])(?:[ \t]|$)")


def tab_problems(text: str, path: str) -> list[Problem]:
    return [Problem(path, no, "list item indented with a tab: Markdown may show it as a code block; "
                    "indent with 4 spaces instead")
            for no, line in _lines(text) if TAB_ITEM.match(line)]


# -- file names -----------------------------------------------------------------------------

def file_name_problems(src_uri: str, path: str) -> list[Problem]:
    if not re.search(r"[A-Z\s]", src_uri):
        return []
    better = re.sub(r"[\s_]+", "-", src_uri.strip()).lower()
    return [Problem(path, 1, f"file name '{src_uri}' has spaces or capitals, so its web address would be "
                    f"awkward (like my%20page/): rename it '{better}' (lower case, words joined by -)")]


def page_problems(text: str, path: str, src_uri: str, body: str, body_line: int,
                  own_host: str | None = None, check_ids: bool = True) -> list[Problem]:
    """Every check above for one page's source `text` (front matter included)."""
    english = language(src_uri) == "en"
    # The body alone, on its own lines (YAML comments in the front matter are not headings).
    only_body = "\n" * (body_line - 1) + body
    problems = (file_name_problems(src_uri, path) + contact_and_promotion(text, path, english)
                + heading_problems(only_body, path, check_ids) + image_problems(only_body, path)
                + embed_problems(only_body, path, own_host) + tab_problems(only_body, path)
                + empty_page(body, path, body_line))
    return sorted(problems, key=lambda p: p.line or 0)
