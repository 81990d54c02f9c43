"""A Spanish page keeps its English page's structure, is stamped, and every nav entry has a
Spanish title (issue 25): the build fails with file:line. The structure check runs only on a
page whose stamp is current; a stale page (its English page changed) shows the stale notice."""
from __future__ import annotations


from lxml import html

from mildguide import i18n
from mildguide.page import structure as S
from pagemistakes import assert_caught
from test_i18n import NEW_SECTION, es_project  # noqa: F401  (the shared stale build)

EN = """---
title: T
---

# Title { #title }

Intro.[@a]

!!! key-points "Key points"
    - One.[@a]

## Part { #part }

Fact.[@b; @c]

!!! sources-differ "Sources differ: x"
    - Y.[@d]
"""
ES = EN.replace('"Key points"', '"Puntos clave"').replace("Sources differ", "Las fuentes no coinciden")


def problems(es: str, en: str = EN) -> list[str]:
    return [str(p) for p in S.compare(es, en, "docs/x.es.md", "docs/x.md")]


def test_same_structure_passes():
    assert problems(ES) == []


def test_heading_level_differs():
    [p] = problems(ES.replace("## Part", "### Part"))
    assert p.startswith("docs/x.es.md:12: heading 2 is level 3 (###) here but level 2 (##) on the English "
                        "page (docs/x.md:12)"), p


def test_heading_id_differs_or_missing():
    [p] = problems(ES.replace("## Part { #part }", "## Parte { #parte }"))
    assert p.startswith("docs/x.es.md:12: heading 2 has the id #parte here but #part") and "{ #part }" in p, p
    [p] = problems(ES.replace("# Title { #title }", "# Título"))
    assert p.startswith("docs/x.es.md:5: heading 1 has the id none here but #title"), p


def test_citation_added_or_dropped_in_a_section():
    [p] = problems(ES.replace("Fact.[@b; @c]", "Fact.[@b]"))
    assert p.startswith("docs/x.es.md:12: section 'Part' lacks [@c] that the English section cites"), p
    [p] = problems(ES.replace("Intro.[@a]", "Intro.[@a; @e]"))
    assert p.startswith("docs/x.es.md:5: section 'Title' cites [@e] that the English section does not"), p


def test_citation_over_two_lines_counts_once():
    assert problems(ES.replace("Fact.[@b; @c]", "Fact.[@b;\n@c]"), EN.replace("Fact.[@b; @c]", "Fact.[@b;\n@c]")) == []


def test_key_points_left_in_english_and_boxes():
    [p] = problems(ES.replace('"Puntos clave"', '"Key points"'))
    assert p.startswith('docs/x.es.md:9: the Key points box is titled "Key points": write !!! key-points "Puntos clave"'), p
    [p] = problems(ES.replace("!!! sources-differ", "!!! note"))
    assert p.startswith("docs/x.es.md:16: the boxes differ from the English page docs/x.md: box 2 is 'note' here, "
                        "'sources-differ' there"), p


def test_untranslated_nav_titles():
    nav = [{"Home": "index.md"}, {"Reference": [{"Glossary": "glossary.md"}, {"New page": "new.md"}]}]
    assert i18n.untranslated_nav_titles(nav, {"Home": "Inicio", "Reference": "Referencia", "Glossary": "Glosario"}) == ["New page"]
    assert i18n.nav_title_line("nav:\n  - Home: index.md\n  - Reference:\n      - \"New page\": new.md\n", "New page") == 4


def test_build_fails_on_each_mistake_with_file_and_line(page_mistakes):
    """Mutations, one per check (a heading level, Key points in English, no stamp, a nav entry
    without its Spanish title), in the shared copy of page-local mistakes (tests/pagemistakes.py):
    each must fail the build at its own file:line."""
    assert_caught(page_mistakes, "Spanish structure mistakes and a nav entry with no Spanish title")
    result, _ = page_mistakes
    assert result.output.count("nav entry 'Glossary' has no es title") == 1, result.output   # said once


def test_stale_page_is_not_compared_and_shows_the_notice(es_project):
    """The English page changes (the Spanish page is now stale) and the two differ in structure
    (test_i18n's shared stale build: recovery.md gains a section its Spanish page lacks): the
    build passes, and the Spanish page shows the stale notice."""
    project, _, stale = es_project
    assert NEW_SECTION in (project / "docs" / "recovery.md").read_text(encoding="utf-8")
    assert "new-english" not in (project / "docs" / "recovery.es.md").read_text(encoding="utf-8")
    assert stale.ok, stale.output[-3000:]
    assert "docs/recovery.es.md: stale translation" in stale.output
    page = html.fromstring((stale.site / "es/recovery/index.html").read_bytes())
    assert page.xpath("//aside[contains(@class, 'omg-i18n-stale')]")
