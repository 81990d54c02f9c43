"""A translated page keeps its English page's structure (issue 25; CONTRIBUTING "Spanish pages").

`compare(es_raw, en_raw, es_path, en_path)` lists, with the Spanish page's file:line:
- headings: the same levels, in the same order, with the same ids (an English heading's
  `{ #id }`; the Spanish page must write the same id, since links and embeds use it);
- citations: each section (the text under one heading) cites the same source ids;
- boxes: the same admonition types in the same order, the Key points box titled "Puntos clave".
(The same warning-sign sets: mildguide.page.warning_signs.check_same_sets.)

Only for a translation whose stamp says it is current: after the English page changes, the
two differ until the translation is updated, and the page shows the stale notice instead
(mildguide.mdext.checks). Pure functions.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import frontmatter
from ..mdtext import mask_code
from ..problems import Problem

HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
ATTRS = re.compile(r"\{[^{}]*\}[ \t]*$")
ID = re.compile(r"#([\w-]+)")
BOX = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+\"([^\"]*)\")?")
CITATION = re.compile(r"\[@([^\[\]]*)\](?![(\[])")
KEY_POINTS = {"es": "Puntos clave"}
# Pages whose translation is laid out differently by design: the glossary is sorted in the
# page language's alphabetical order (terminology.check_glossary checks its terms).
EXEMPT = {"glossary.md"}


@dataclass(frozen=True)
class Heading:
    line: int          # file line
    level: int
    id: str | None     # explicit { #id }, or None
    text: str


def _outline(raw: str, path: str):
    """(headings, citations per section, boxes) of a page's body; section 0 is before the first heading."""
    fm = frontmatter.parse(raw, path)
    lines = mask_code(fm.body).split("\n")
    headings, texts, boxes = [], [[]], []
    for i, line in enumerate(lines):
        at = fm.body_line + i
        m = HEADING.match(line)
        if m:
            attrs = ATTRS.search(m.group(2))
            ident = ID.search(attrs.group(0)) if attrs else None
            text = m.group(2)[: attrs.start()].strip() if attrs else m.group(2).strip()
            headings.append(Heading(at, len(m.group(1)), ident.group(1) if ident else None, text))
            texts.append([])
            continue
        box = BOX.match(line)
        if box:
            boxes.append((at, box.group(1), box.group(2)))
        texts[-1].append(line)
    sections = [{p.strip().lstrip("@") for c in CITATION.finditer("\n".join(t)) for p in c.group(1).split(";")
                 if p.strip()} for t in texts]          # a citation may run over 2 lines
    return headings, sections, boxes


def compare(es_raw: str, en_raw: str, es_path: str, en_path: str, lang: str = "es") -> list[Problem]:
    try:
        es_h, es_c, es_b = _outline(es_raw, es_path)
        en_h, en_c, en_b = _outline(en_raw, en_path)
    except Problem:                      # a front matter mistake: reported on its own
        return []
    problems = []
    for n, (mine, theirs) in enumerate(zip(es_h, en_h), 1):
        where = f"{en_path}:{theirs.line}"
        if mine.level != theirs.level:
            problems.append(Problem(es_path, mine.line, f"heading {n} is level {mine.level} ({'#' * mine.level}) here "
                                    f"but level {theirs.level} ({'#' * theirs.level}) on the English page ({where}): "
                                    "keep the English page's heading levels"))
            break
        if theirs.id and mine.id != theirs.id:
            problems.append(Problem(es_path, mine.line, f"heading {n} has the id "
                                    f"{'#' + mine.id if mine.id else 'none'} here but #{theirs.id} on the English "
                                    f"page ({where}): write {{ #{theirs.id} }} (links and embeds use it)"))
            break
    if len(es_h) != len(en_h) and not problems:
        n = min(len(es_h), len(en_h))
        line = es_h[n].line if n < len(es_h) else (es_h[-1].line if es_h else 1)
        extra = (f"has a heading the English page lacks: '{es_h[n].text}'" if n < len(es_h) else
                 f"lacks the English heading '{en_h[n].text}' ({en_path}:{en_h[n].line})")
        problems.append(Problem(es_path, line, f"the page has {len(es_h)} headings, the English page "
                                f"{len(en_h)}: it {extra}"))
    if not problems:                     # same outline: compare each section's citations
        for n, (mine, theirs) in enumerate(zip(es_c, en_c)):
            if mine == theirs:
                continue
            line = es_h[n - 1].line if n else 1
            name = f"section '{es_h[n - 1].text}'" if n else "the text before the first heading"
            added, dropped = sorted(mine - theirs), sorted(theirs - mine)
            said = "; ".join(filter(None, [
                f"cites {', '.join('[@' + i + ']' for i in added)} that the English section does not" if added else "",
                f"lacks {', '.join('[@' + i + ']' for i in dropped)} that the English section cites" if dropped else ""]))
            en_line = en_h[n - 1].line if n else 1
            problems.append(Problem(es_path, line, f"{name} {said} ({en_path}:{en_line}): "
                                    "cite the same sources as the English page"))
    want = KEY_POINTS.get(lang)
    for line, kind, title in es_b:
        if kind == "key-points" and want and title != want:
            problems.append(Problem(es_path, line, f'the Key points box is titled "{title or ""}": write '
                                    f'!!! key-points "{want}"'))
    mine, theirs = [k for _, k, _ in es_b], [k for _, k, _ in en_b]
    if mine != theirs:
        n = next((i for i, (a, b) in enumerate(zip(mine, theirs)) if a != b), min(len(mine), len(theirs)))
        line = es_b[n][0] if n < len(es_b) else (es_b[-1][0] if es_b else 1)
        problems.append(Problem(es_path, line, f"the boxes differ from the English page {en_path}: box {n + 1} is "
                                f"'{mine[n] if n < len(mine) else 'missing'}' here, "
                                f"'{theirs[n] if n < len(theirs) else 'none'}' there "
                                "(keep the same !!! boxes in the same order)"))
    return problems


def check_translation(docs_dir, src_uri: str, raw: str, path: str, en_path: str) -> tuple[list[Problem], str | None]:
    """A translated page (docs/x.es.md): (problems, note). No stamp fails the build; a current
    page must match its English page's structure; a stale one is not compared (its English page
    changed, so it differs until updated) and gets `note` instead, for the build log, while the
    page shows the stale notice."""
    from pathlib import Path

    from .. import i18n, translation
    norm, lang = i18n.split(src_uri)
    st = translation.state(Path(docs_dir), norm, lang)
    if st.state == "unstamped":
        line = next((i for i, l in enumerate(raw.split("\n"), 1) if l.startswith("translation:")), 1)
        return [Problem(path, line, "the translation has no stamp (translation: source_hash), so readers "
                        "would get no notice when the English page changes: commit the English page, then "
                        f"run make translation-stamp PAGES={Path(src_uri).name}")], None
    if st.state == "stale":
        return [], (f"{path}: stale translation (the English page {en_path} changed on "
                    f"{st.since.isoformat()}): structure not compared; the page shows the stale notice "
                    "(make translation-report shows the English diff)")
    if st.state != "current" or norm in EXEMPT:
        return [], None
    english = Path(docs_dir) / norm
    return compare(raw, english.read_text(encoding="utf-8-sig"), path, en_path, lang), None
