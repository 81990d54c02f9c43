"""Issue 14 §1: correct work passes. A contributor adds a page that uses every feature
CONTRIBUTING describes (a new registry source and citations, a glossary term, a link to a
FAQ question's anchor, a Sources differ box, a Key points box, a warning-signs marker,
review front matter), puts it in the nav, and the strict build and the link check pass.

The widget fixture site (tests/embedfixture.py) that the embed tests build must not read
the real docs/ pages, so such a link can never break the suite there.
"""
from __future__ import annotations

import re
from pathlib import Path
from embedfixture import PAGES, write_widget_site
from linkcheck_helpers import build_and_check
from sitebuild import ROOT, BuildResult, build_once, copy_project

NEW_SOURCE = """  - id: contributor-test-source
    group: care
    title: "A source added by the contributor-flow test"
    kind: Test source added in a project copy.
    used_for: The contributor-flow test page.
    caveats: None; it exists only in the test's copy.
    verified: false
"""


def faq_question_id() -> str:
    """A question anchor the real FAQ hub keeps on its list of questions
    (`- [Question](faq/topic-….md#faq-…){ #faq-… }`): old links to faq.md#faq-… land there."""
    ids = re.findall(r"^- \[.*\{ *#(faq-[\w-]+) *\}$", (ROOT / "docs" / "faq.md").read_text(), re.M)
    assert ids, "docs/faq.md has no question with its own { #faq-… } id"
    return ids[0]


def glossary_term() -> str:
    """The first term heading of the real glossary (`### Term { #id }`)."""
    terms = re.findall(r"^### (.+?) *\{ *#[\w-]+ *\}", (ROOT / "docs" / "glossary.md").read_text(), re.M)
    assert terms, "docs/glossary.md has no term heading"
    return terms[0]


def new_page(faq_id: str, term: str) -> str:
    return f"""---
title: Walking after MILD
description: A page added by the contributor-flow test, using every feature.
reviewed: 2026-11-23
next_review: 2027-11-23
clinical_review: none
---

# Walking after MILD

This page is a test. It uses each thing a writer can use.

!!! key-points "Key points"
    - Most people go home the same day.[@src-001]
    - Ask your care team when you may walk more.[@contributor-test-source]

## Going home {{ #going-home }}

Most people go home the same day.[@src-001] A {term.lower()} is explained in the glossary.
Ask your care team when you may walk more.[@contributor-test-source]
See [the question in the FAQ](faq.md#{faq_id}).

!!! sources-differ "Sources differ: a test"
    - One source says one thing.[@src-000]
    - Another source says another thing.[@contributor-test-source]

## When to get help {{ #when-to-get-help }}

[[warning-signs: nerve-emergency]]
"""


def contributor_build(tmp_path_factory, worker_id) -> BuildResult:
    """A copy with the new page of this module and, independent of it, test_mistakes.py's side
    page kept out of the nav on purpose and linked from a page (`side_page`): two pieces of
    correct work, each of which must pass the strict build and the link check. Built and checked
    once per test run (build_once); returncode 0 only if both pass, output holds both."""
    def make(dest: Path) -> BuildResult:
        project = copy_project(dest / "project")
        add_new_page(project)
        from test_mistakes import side_page
        side_page(project)
        result = build_and_check(project)
        return BuildResult(1 if result.failed else 0, result.all_output, result.build.site, project)

    return build_once(tmp_path_factory, worker_id, "contributor-flow", make)


def add_new_page(project: Path) -> None:
    docs = project / "docs"
    (docs / "walking-after-mild.md").write_text(new_page(faq_question_id(), glossary_term()), encoding="utf-8")
    sources = docs / "sources.md"
    text = sources.read_text(encoding="utf-8")
    assert "\nsources:\n" in text
    sources.write_text(text.replace("\nsources:\n", "\nsources:\n" + NEW_SOURCE, 1), encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    anchor = "      - Looking after yourself at home: home-care.md\n"
    assert anchor in text, "mkdocs.yml nav changed: update the test's anchor line"
    text = text.replace(anchor, anchor + "      - Walking after MILD: walking-after-mild.md\n", 1)
    es_anchor = "            Home: Inicio\n"          # a new nav entry needs its Spanish title (CONTRIBUTING)
    assert es_anchor in text, "mkdocs.yml nav_translations changed: update the test's anchor line"
    config.write_text(text.replace(es_anchor, es_anchor + "            Walking after MILD: Caminar después de MILD\n", 1),
                      encoding="utf-8")


def test_new_page_with_every_feature_builds_and_passes_the_link_check(tmp_path_factory, worker_id):
    result = contributor_build(tmp_path_factory, worker_id)
    faq_id = faq_question_id()
    assert result.ok, result.output
    assert "walking-after-mild" not in result.output, result.output   # no warning about it either
    built = (result.site / "walking-after-mild" / "index.html").read_text(encoding="utf-8")
    # Every feature really turned into its built form.
    assert f'href="../faq/#{faq_id}"' in built
    assert "omg-term" in built                             # the glossary tooltip link
    assert "#source-contributor-test-source" in built      # the new source's citation
    assert "sources-differ" in built and "key-points" in built
    assert "Call 911" in built                             # the care cards from the marker
    assert (result.site / "embed" / "walking-after-mild" / "index.html").is_file()


def test_widget_fixture_site_reads_no_page_of_the_real_docs(tmp_path):
    """write_widget_site removes every real page and writes its own, with its own nav: a
    contributor's new page or link in docs/ never reaches the widget fixture build."""
    project = copy_project(tmp_path / "project")
    # A real page the fixture does not define, holding a link that would break there.
    (project / "docs" / "contributor-page.md").write_text(
        "---\ntitle: X\n---\n\nSee [a question](faq.md#faq-only-in-the-real-faq).\n", encoding="utf-8")
    real_faq = (project / "docs" / "faq.md").read_text(encoding="utf-8")
    write_widget_site(project)
    docs = project / "docs"
    pages = sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*.md")
                   if "assets" not in p.relative_to(docs).parts)
    assert pages == sorted(PAGES), pages
    assert (docs / "faq.md").read_text(encoding="utf-8") != real_faq
    for name, (_, _, body) in PAGES.items():
        assert body.splitlines()[0] in (docs / name).read_text(encoding="utf-8"), name
    # The nav names only fixture pages.
    nav = re.search(r"^nav:\n((?:[ \t].*\n)*)", (project / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert nav and set(re.findall(r":\s*(\S+\.md)\s*$", nav.group(1), re.M)) == set(PAGES)
