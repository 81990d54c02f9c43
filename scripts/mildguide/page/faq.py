"""FAQ page: stable anchors for topics (`##`) and questions (`###`), duplicate checks, and
schema.org FAQPage JSON-LD.

`anchor` works on the Markdown (so MkDocs' own anchor validation sees the ids): a heading
without an explicit `{ #id }` gets `{ #faq-<slug> }` (questions) or `{ #topic-<slug> }`
(topics). `faq_page` reads the rendered HTML for the questions and plain-text answers.
Pure functions; the adapter is scripts/mildguide/mdext/faq.py.
"""
from __future__ import annotations

import re

from lxml import html as lhtml

from ..mdtext import headings, plain, slugify, split_heading
from ..problems import Problem

PREFIX = {2: "topic-", 3: "faq-"}     # the hub (faq.md)
TOPIC_PREFIX = {2: "faq-"}             # a topic page (faq/topic-*.md): each `##` is a question


def question_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", plain(text).casefold()).strip()


def anchor(body: str, path: str, body_line: int = 1, prefix: dict = PREFIX) -> tuple[str, list[Problem]]:
    """Give every heading of a `prefix` level a stable id; report duplicate questions and ids.
    The question level is the deepest in `prefix`."""
    lines = body.split("\n")
    problems: list[Problem] = []
    questions: dict[str, int] = {}
    ids: dict[str, int] = {}
    for no, level, raw in headings(body):
        if level not in prefix:
            continue
        file_line = body_line + no - 1
        text, ident, attrs = split_heading(raw)
        if level == max(prefix):
            key = question_key(text)
            if key in questions:
                problems.append(Problem(path, file_line, f"duplicate question '{plain(text)}' "
                                        f"(first asked on line {questions[key]})"))
            questions.setdefault(key, file_line)
        if not ident:
            slug = slugify(text)
            if not slug:
                problems.append(Problem(path, file_line, "heading needs words or an explicit { #id }"))
                continue
            ident = prefix[level] + slug
            line = lines[no - 1].rstrip()
            if attrs:   # keep the author's classes or attributes, add the id
                lines[no - 1] = re.sub(r"\{:?\s*([^{}]*)\}\s*$", lambda m: "{ #" + ident + " " + m.group(1).strip() + " }", line)
            else:
                lines[no - 1] = re.sub(r"[ \t]*#*[ \t]*$", "", line) + " { #" + ident + " }"
        if ident in ids:
            problems.append(Problem(path, file_line, f"the id '#{ident}' is used twice (first on line {ids[ident]}); "
                                    "give one of the headings its own { #id }"))
        ids.setdefault(ident, file_line)
    return "\n".join(lines), problems


BLOCKS = ("p", "li", "div", "dt", "dd", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "br", "summary")
SKIP_CLASSES = ("headerlink", "omg-cite", "omg-page-sources", "omg-review", "omg-due")


def _text(el) -> str:
    """Plain text of an element without citation numbers, permalinks or derived notes."""
    clone = lhtml.fromstring(lhtml.tostring(el))
    for bad in clone.xpath(" | ".join(f".//*[contains(concat(' ', normalize-space(@class), ' '), ' {c} ')]"
                                      for c in SKIP_CLASSES)):
        bad.drop_tree()
    for block in clone.iter(*BLOCKS):
        block.tail = " " + (block.tail or "")
        block.text = " " + (block.text or "")
    return clone.text_content()


def questions(content: str, level: str = "h3") -> list[tuple[str, str, str]]:
    """(id, question, plain answer) for every `level` heading in the page content, in order."""
    root = lhtml.fragment_fromstring(content, create_parent="div")
    out = []
    current = None
    for el in root:
        if not isinstance(el.tag, str):
            continue
        classes = (el.get("class") or "").split()
        if el.tag in ("h1", "h2", "h3") or {"omg-page-sources", "omg-review", "omg-due"} & set(classes):
            if current:
                out.append(current)
                current = None
            if el.tag == level:
                current = (el.get("id") or "", re.sub(r"\s+", " ", _text(el)).strip(), [])
            continue
        if current is not None:
            current[2].append(_text(el))
    if current:
        out.append(current)
    return [(i, q, re.sub(r"\s+", " ", " ".join(a)).strip()) for i, q, a in out]


def faq_page(content: str, url: str | None, name: str, language: str | None = None,
             level: str = "h3") -> dict:
    data = {"@context": "https://schema.org", "@type": "FAQPage", "name": name, "mainEntity": []}
    if language:                # the Spanish edition's FAQ says so (es-US)
        data["inLanguage"] = language
    if url:
        data["url"] = url
    for ident, question, answer in questions(content, level):
        entry = {"@type": "Question", "name": question,
                 "acceptedAnswer": {"@type": "Answer", "text": answer}}
        if url and ident:
            entry["url"] = f"{url}#{ident}"
        data["mainEntity"].append(entry)
    return data
