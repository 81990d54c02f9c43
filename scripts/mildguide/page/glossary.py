"""Glossary: read terms from docs/glossary.md and add tooltips to other pages' HTML.

Glossary format (CONTRIBUTING.md): `### Term { #id }`, an optional `*Also called:* a, b`
line, then the meaning (first paragraph). `parse` reads that; `Tooltips.apply` links the
first use of each term or synonym on a page (whole word, case-insensitive, singular or
plural in -s/-es or y -> -ies; a written-in-capitals abbreviation such as "CT" only matches as written;
longest match first) to the term's entry, with the plain meaning as the link's title
(Material shows it as a tooltip).
Never inside headings, links, code, abbr, sup, an admonition title or another tooltip.
Pure functions; the adapter is scripts/mildguide/mdext/glossary.py.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from lxml import etree

from .. import frontmatter
from ..mdtext import headings, plain, split_heading
from ..problems import Problem

# "Also called" line; the Spanish glossary (docs/glossary.es.md) writes "También llamado".
ALSO = re.compile(r"^\s*[*_]{1,2}(?:Also called|También llamad[oa]s?):?[*_]{1,2}:?\s*(.*)$", re.I)
BLOCKED_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "abbr",
                "sup", "sub", "script", "style", "svg", "button", "summary", "label", "time",
                "textarea", "select", "title", "dt"}
BLOCKED_CLASSES = {"admonition-title", "omg-page-sources", "omg-review", "omg-due", "omg-term",
                   "headerlink", "omg-source-list", "omg-care-contact", "omg-care-level", "md-nav"}


@dataclass
class Term:
    id: str
    name: str
    synonyms: list[str]
    meaning: str
    line: int
    forms: list[str] = field(default_factory=list)     # name + synonyms


def normal(text: str) -> str:
    """Key used to spot the same term under another spelling."""
    key = re.sub(r"[^a-z0-9]+", "", text.casefold())
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


def parse(text: str, path: str) -> tuple[list[Term], list[Problem]]:
    fm = frontmatter.parse(text, path)
    lines = text.split("\n")
    heads = [h for h in headings(text) if h[1] == 3]
    boundaries = sorted(h[0] for h in headings(text))
    terms: list[Term] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[str, int]] = {}          # normal form -> (spelling, line)
    ids: dict[str, int] = {}
    for line_no, _, raw in heads:
        if line_no < fm.body_line:
            continue
        name, ident, _ = split_heading(raw)
        if not ident:
            problems.append(Problem(path, line_no, f"glossary term '{name}' needs an explicit id: "
                                    f"### {name} {{ #{re.sub(r'[^a-z0-9]+', '-', name.casefold()).strip('-')} }}"))
            continue
        if ident in ids:
            problems.append(Problem(path, line_no, f"glossary id '#{ident}' is used twice (first on line {ids[ident]})"))
            continue
        ids[ident] = line_no
        end = next((b for b in boundaries if b > line_no), len(lines) + 1)
        block = lines[line_no:end - 1]
        synonyms: list[str] = []
        paragraphs: list[list[str]] = [[]]
        for offset, line in enumerate(block):
            m = ALSO.match(line)
            if m:
                synonyms += [s.strip().rstrip(".") for s in m.group(1).split(",") if s.strip().rstrip(".")]
                continue
            if line.strip():
                paragraphs[-1].append(line)
            elif paragraphs[-1]:
                paragraphs.append([])
        meaning = plain(" ".join(next((p for p in paragraphs if p), [])))
        if not meaning:
            problems.append(Problem(path, line_no, f"glossary term '{name}' has no meaning below its heading"))
        term = Term(ident, name, synonyms, meaning, line_no)
        for form in [name, *synonyms]:
            key = normal(form)
            if not key:
                continue
            if key in seen and seen[key][1] != line_no:
                first, first_line = seen[key]
                problems.append(Problem(path, line_no, f"glossary defines '{form}' twice: it is the same as "
                                        f"'{first}' on line {first_line}"))
                continue
            if key not in seen:
                seen[key] = (form, line_no)
                term.forms.append(form)
        terms.append(term)
    return terms, problems


WORD = re.compile(r"\w+")
_PARSER = etree.HTMLParser(remove_comments=False, recover=True)


def parse_fragment(content: str):
    """A <div> holding the HTML fragment `content` (plain lxml.etree: no HtmlElement overhead)."""
    doc = etree.fromstring(f"<html><body><div>{content}</div></body></html>", _PARSER)
    return doc[0][0]


def serialize_fragment(root) -> str:
    out = html.escape(root.text, quote=False) if root.text else ""
    return out + "".join(etree.tostring(child, method="html", encoding="unicode") for child in root)
NEXT_WORD = re.compile(r"[\s\-]+(\w+)")
PLURAL_ENDINGS = ("s", "es")     # "blood clots", "ligaments"; irregular plurals are listed as synonyms


def _same(got: str, want: str, exact: bool, last: bool) -> bool:
    """One word of a form; the last word of an ordinary (not capitals-only) form may also be
    its plural in -s or -es ("blood clots", "ligaments")."""
    if exact:
        return got == want
    got = got.casefold()
    return got == want or (last and (got.startswith(want) and got[len(want):] in PLURAL_ENDINGS
                                     or _y_plural(want) == got))


def _y_plural(word: str) -> str | None:
    """"therapies" for "therapy" (a consonant before the y)."""
    return word[:-1] + "ies" if len(word) > 2 and word.endswith("y") and word[-2] not in "aeiou" else None


def _match_at(text: str, m: re.Match, words: list[str], exact: bool) -> int:
    """End offset if `words` occur at match `m` (gaps of spaces or hyphens), else 0."""
    if not _same(m.group(), words[0], exact, len(words) == 1):
        return 0
    end = m.end()
    for i, word in enumerate(words[1:], 2):
        nxt = NEXT_WORD.match(text, end)
        if nxt is None or not _same(nxt.group(1), word, exact, i == len(words)):
            return 0
        end = nxt.end()
    if end < len(text) and text[end] == "-":
        return 0
    return end


def _words(form: str) -> list[str]:
    return WORD.findall(form)


class Tooltips:
    """Matcher for a glossary; `apply` is linear in the size of the page.

    Matching works on word tokens: an index from a form's first word to the forms that start
    with it (longest first), so the cost per page does not grow with the glossary's size.
    """

    def __init__(self, terms: list[Term]):
        self.index: dict[str, list[tuple[list[str], bool, Term]]] = {}
        for term in terms:
            for form in term.forms:
                words = _words(form)
                if not words:
                    continue
                exact = len(form) > 1 and form.isupper()      # abbreviations match in capitals only
                key = words[0].casefold()
                entry = (words if exact else [w.casefold() for w in words], exact, term)
                plurals = [key + end for end in PLURAL_ENDINGS] + [_y_plural(key)] \
                    if len(words) == 1 and not exact else []
                plurals = [p for p in plurals if p]
                for k in (key, *plurals):
                    self.index.setdefault(k, []).append(entry)
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))

    def apply(self, content: str, href_for) -> str:
        """Return `content` (an HTML fragment) with tooltips; `href_for(term)` gives the link."""
        if not self.index or not content.strip():
            return content
        root = parse_fragment(content)
        used: set[str] = set()
        changed = self._walk(root, False, used, href_for)
        if not changed:
            return content
        return serialize_fragment(root)

    def matches(self, text: str):
        """(start, end, term) for each glossary form in `text`, leftmost-longest, whole words."""
        index, pos = self.index, 0
        while True:
            m = WORD.search(text, pos)
            if m is None:
                return
            pos = m.end()
            entries = index.get(m.group().casefold())
            if not entries or (m.start() and text[m.start() - 1] == "-"):
                continue
            for words, exact, term in entries:
                end = _match_at(text, m, words, exact)
                if end:
                    yield m.start(), end, term
                    pos = end
                    break

    @staticmethod
    def _blocked(el) -> bool:
        if not isinstance(el.tag, str):
            return True
        if el.tag in BLOCKED_TAGS:
            return True
        classes = el.get("class")
        return bool(classes and BLOCKED_CLASSES.intersection(classes.split()))

    def _walk(self, el, blocked: bool, used: set, href_for) -> bool:
        blocked = blocked or self._blocked(el)
        changed = False
        if not blocked and el.text:
            head, links = self._split(el.text, used, href_for)
            if links:
                el.text = head
                for i, a in enumerate(links):
                    el.insert(i, a)
                changed = True
        for child in list(el):
            if isinstance(child.tag, str):
                changed |= self._walk(child, blocked, used, href_for)
            if not blocked and child.tail:
                head, links = self._split(child.tail, used, href_for)
                if links:
                    child.tail = head
                    parent, at = child.getparent(), child.getparent().index(child)
                    for i, a in enumerate(links, 1):
                        parent.insert(at + i, a)
                    changed = True
        return changed

    def _split(self, text: str, used: set, href_for):
        links = []
        head, pos, current = None, 0, None
        for start, end, term in self.matches(text):
            if term.id in used:
                continue
            used.add(term.id)
            a = etree.Element("a", {"href": href_for(term), "class": "omg-term", "title": term.meaning})
            a.text = text[start:end]
            if current is None:
                head = text[:start]
            else:
                current.tail = text[pos:start]
            links.append(a)
            current, pos = a, end
        if current is not None:
            current.tail = text[pos:]
        return head, links
