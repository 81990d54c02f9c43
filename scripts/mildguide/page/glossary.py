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
import os
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
        self.terms = terms
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

    def apply(self, content: str, href_for, used: set | None = None) -> str:
        """Return `content` (an HTML fragment) with tooltips; `href_for(term)` gives the link.
        `used` gets the ids of the terms it links."""
        if not self.index or not content.strip():
            return content
        root = parse_fragment(content)
        used = set() if used is None else used
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


# -- near misses: a glossary term misspelt ("anesthesiolgist"), which silently gets no tooltip --
SPELT = re.compile(r"(?<![\w/#.@-])[^\W\d_][^\W\d_'’-]{5,}(?![\w/-])")
SKIP_LINE = re.compile(r"^\s*(?:#{1,6}\s|\*\[|\[[^\]]+\]:|[*_]{1,2}(?:Also called|También llamad))", re.I)
LINK_TARGET = re.compile(r"\]\([^)\n]*\)|<https?://[^>\s]*>|https?://\S+|\{[:#.][^}\n]*\}|\[@[^\]\n]*\]")


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), or limit + 1 once it is over."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


class Spelling:
    """Words one or two typing slips away from a word of a glossary term. Only words of 6+
    letters are compared (2 slips from 12 letters on), with the same first letter, and the
    slip not only at the end (infection/injection differ in the middle, but invasiva/invasivo
    or arthritic/arthritis are other forms of a word). Known words are
    never near misses: the glossary's own words, its front matter `spelling_ok:` list, and
    (`others`) words used on another page of the same language."""

    def __init__(self, terms: list[Term], glossary_text: str):
        self.targets: dict[str, Term] = {}
        self._closest: dict[str, tuple[str, Term] | None] = {}
        for term in terms:
            for form in term.forms:
                if len(form) > 1 and form.isupper():
                    continue
                for word in _words(form):
                    if len(word) >= 6:
                        self.targets.setdefault(word.casefold(), term)
        try:
            ok = frontmatter.parse(glossary_text, "").meta.get("spelling_ok") or []
        except Problem:
            ok = []
        self.known = ({w.casefold() for w in WORD.findall(glossary_text)} | set(self.targets)
                      | {str(w).casefold() for w in ok})

    def near(self, word: str, others=frozenset()) -> tuple[str, Term] | None:
        low = word.casefold()
        if (low in self.known or low in others or low.rstrip("s") in self.known
                or (low.endswith("es") and low[:-2] in self.known)):
            return None
        if low not in self._closest:        # the same word on many pages, at every rebuild
            self._closest[low] = self._search(low)
        return self._closest[low]

    def _search(self, low: str) -> tuple[str, Term] | None:
        limit = 2 if len(low) >= 12 else 1
        plain_low = _fold(low)
        for target, term in self.targets.items():
            if (target[0] == low[0] and _distance(low, target, limit) <= limit
                    and not _other_form(_fold(target), plain_low)):
                return target, term
        return None

    def misses(self, text: str, first_line: int = 1, others=frozenset()) -> list[tuple[int, str, str, Term]]:
        """(line, word as written, the term's word it is close to, term) in Markdown `text`."""
        from ..mdtext import mask_code
        out = []
        for no, line in enumerate(mask_code(text).split("\n"), first_line):
            if SKIP_LINE.match(line):
                continue
            line = LINK_TARGET.sub(lambda m: " " * len(m.group(0)), line)
            for m in SPELT.finditer(line):
                hit = self.near(m.group(0), others)
                if hit:
                    out.append((no, m.group(0), hit[0], hit[1]))
        return out


def _term_word(term: Term, word: str) -> str:
    """The form of `term` that holds `word` (to name it as the reader would see it)."""
    return next((f for f in term.forms if word in f.casefold()), term.name)


def _other_form(a: str, b: str) -> bool:
    """Another form of the same word: the same but for the last letter (2 in a long word), or
    one more letter at the end (invasiva/invasivo, arthritic/arthritis)."""
    common, short = len(os.path.commonprefix([a, b])), min(len(a), len(b))
    return common >= short - (2 if short >= 12 else 1)     # decompression/decompressive


def _fold(word: str) -> str:
    """`word` without accents (estudió -> estudio)."""
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


def words_of(text: str) -> set[str]:
    """The words of a page's Markdown (casefolded), for Spelling's `others`."""
    return {w.casefold() for w in SPELT.findall(text)}


def misspelt_terms(text: str, path: str, spelling: Spelling, first_line: int = 1,
                   others=frozenset()) -> list[Problem]:
    return [Problem(path, no, f"'{written}' is not a glossary term: did you mean '{_term_word(term, word)}'? "
                    "(as written it gets no tooltip): fix the spelling; if it is another word, add it to "
                    "'spelling_ok:' in the glossary's front matter")
            for no, written, word, term in spelling.misses(text, first_line, others)]
