"""Glossary tooltips, FAQ anchors + JSON-LD, comparison tables and care cards (issue 3 §2-4, §6)
on the fixture site and the real site, and each failure mode with file and line."""
from __future__ import annotations

import re

import pytest

from machinery import FIXTURE, build_on, content, edit, fails_with, jsonld, page
from mildguide.page import glossary
from sitebuild import ROOT

FORBIDDEN = ("ancestor::h1 or ancestor::h2 or ancestor::h3 or ancestor::h4 or ancestor::h5 or ancestor::h6 "
             "or ancestor::code or ancestor::pre or ancestor::abbr or ancestor::sup or ancestor::a "
             "or ancestor::*[contains(@class,'admonition-title')]")


def tooltips(tree):
    return [(a.text, a.get("href"), a.get("title")) for a in content(tree).xpath(".//a[@class='omg-term']")]


# --- glossary ------------------------------------------------------------------------------

def test_tooltips_mark_the_first_use_of_each_term_only(fixture_site):
    found = tooltips(page(fixture_site, "page-a.md"))
    assert [(t, h) for t, h, _ in found] == [
        ("spinal canal", "../glossary/#spinal-canal"),     # first use, in the first paragraph
        ("Spinal stenosis", "../glossary/#lss"),           # longest match wins over "stenosis"
        ("laminae", "../glossary/#lamina"),                # a synonym counts as the term
        ("CT scan", "../glossary/#ct-scan"),               # "ct" in lower case is not the abbreviation
    ]
    assert found[0][2] == "The tunnel in the spine that holds the nerves."
    deep = tooltips(page(fixture_site, "sub/deep.md"))
    assert [(t, h) for t, h, _ in deep] == [("Stenosis", "../../glossary/#lss"),
                                           ("spinal canal", "../../glossary/#spinal-canal")]


def test_no_tooltips_in_headings_links_code_or_on_the_glossary(fixture_site):
    tree = page(fixture_site, "page-a.md")
    assert not content(tree).xpath(f".//a[@class='omg-term'][{FORBIDDEN}]")
    assert "Stenosis and the lamina" in tree.xpath("string(//h2[@id='stenosis-and-the-lamina'])")
    assert not tooltips(page(fixture_site, "glossary.md"))
    ids = page(fixture_site, "glossary.md").xpath("//h3/@id")
    assert ids == ["ct-scan", "lamina", "lss", "spinal-canal"]


@pytest.mark.parametrize("old, new, line, words", [
    ("### Spinal canal { #spinal-canal }", "### Laminas { #laminas }", 37, ["'Laminas' twice", "'Lamina' on line 23"]),
    ("### Spinal canal { #spinal-canal }\n", "### Spinal canal { #spinal-canal }\n\n*Also called:* CT\n", 37,
     ["'CT' twice"]),
    ("### Spinal canal { #spinal-canal }", "### Spinal canal { #lamina }", 37, ["'#lamina' is used twice"]),
    ("### Spinal canal { #spinal-canal }", "### Spinal canal", 37, ["needs an explicit id"]),
])
def test_bad_glossary_fails_with_file_and_line(broken, old, new, line, words):
    edit(broken, "glossary.md", old, new)
    fails_with(build_on(broken), f"docs/glossary.md:{line}:", *words)


def test_real_site_tooltips(site_dir):
    text = (ROOT / "docs" / "glossary.md").read_text()
    terms, problems = glossary.parse(text, "docs/glossary.md")
    assert not problems and terms
    meaning = {t.id: t.meaning for t in terms}
    total = 0
    for html_file in site_dir.glob("*/index.html"):
        src = f"{html_file.parent.name}.md"
        if not (ROOT / "docs" / src).is_file():
            continue
        tree = page(site_dir, src)
        found = tooltips(tree)
        if src == "glossary.md":
            assert not found
            continue
        assert not content(tree).xpath(f".//a[@class='omg-term'][{FORBIDDEN}]"), src
        targets = [h.split("#")[1] for _, h, _ in found]
        assert len(targets) == len(set(targets)), f"{src}: a term is linked twice"
        for text_, href, title in found:
            assert href.startswith("../glossary/#") and title == meaning[href.split("#")[1]], (src, text_)
        total += len(found)
    assert total > 0


# --- FAQ -----------------------------------------------------------------------------------

def test_faq_anchors_are_derived_unless_given(fixture_site):
    tree = page(fixture_site, "faq.md")
    assert tree.xpath("//h2/@id")[:2] == ["topic-before", "topic-after"]
    assert tree.xpath("//h3/@id") == ["faq-will-i-be-awake", "faq-cut", "faq-when-can-i-go-home"]
    # page-a links to a derived anchor and MkDocs' own anchor validation accepted it
    assert page(fixture_site, "page-a.md").xpath("//a[@href='../faq/#faq-will-i-be-awake']")


def test_faq_jsonld_holds_every_question_with_a_plain_answer(fixture_site):
    tree = page(fixture_site, "faq.md")
    [data] = jsonld(tree, "FAQPage")
    entries = data["mainEntity"]
    assert [e["name"] for e in entries] == ["Will I be awake?", "How big is the cut?", "When can I go home?"]
    assert entries[0]["acceptedAnswer"]["text"] == 'Most people are awake. Some "sleep" fully. It is short.'
    assert entries[1]["url"].endswith("/faq/#faq-cut")


def test_duplicate_question_fails_with_file_and_line(broken):
    edit(broken, "faq.md", "### When can I go home?", "### Will I be  awake")
    fails_with(build_on(broken), "docs/faq.md:26:", "duplicate question", "line 14")


def test_real_faq_jsonld(site_dir):
    """A one-topic FAQ page: each `##` is a question (the hub faq.md only links to them)."""
    source = (ROOT / "docs" / "faq" / "topic-getting-ready.md").read_text()
    questions = [re.sub(r"\s*\{[^}]*\}\s*$", "", q).strip() for q in re.findall(r"^## (.+)$", source, re.M)]
    tree = page(site_dir, "faq/topic-getting-ready.md")
    [data] = jsonld(tree, "FAQPage")
    assert len(questions) >= 5 and [e["name"] for e in data["mainEntity"]] == questions
    h2_ids = tree.xpath("//article//h2[starts-with(@id, 'faq-')]/@id")
    assert len(h2_ids) == len(questions)
    for entry in data["mainEntity"]:
        answer = entry["acceptedAnswer"]["text"]
        assert answer and "[@" not in answer and "¶" not in answer, entry


# --- comparison tables -----------------------------------------------------------------------

def test_compare_table_is_a_focusable_scroll_region(fixture_site):
    [wrapper] = content(page(fixture_site, "compare.md")).xpath(".//div[@id='cmp']")
    assert wrapper.get("tabindex") == "0" and wrapper.get("role") == "region" and wrapper.get("aria-label")
    assert len(wrapper.xpath(".//tbody/tr")) == 2


@pytest.mark.parametrize("key, line", [
    ("not-stated", 16),     # "| Not stated in the sources |" -> "| Two nights |"
    ("code-cite", 17),      # a citation inside code does not count
    ("empty", 16),          # "| Home the same day[@alpha] |" -> "|  |"
])
def test_uncited_compare_cell_fails_with_the_row_line(fixture_page_mistakes, key, line):
    """In the shared copy of page-local mistakes (machinery.PAGE_MISTAKES), a copy of compare.md each."""
    fails_with(fixture_page_mistakes, f"docs/compare-{key}.md:{line}:", "comparison table row",
               "not stated in the sources")


# --- care cards and sources-differ -----------------------------------------------------------

def care_cards(tree):
    out = {}
    for card in content(tree).xpath(".//div[contains(@class,'admonition')]"):
        level = [c for c in card.get("class").split() if c.startswith("care-")]
        if level:
            out[level[0]] = (card.xpath("string(.//span[@class='omg-care-level'])"),
                             card.xpath("string(./p[@class='omg-care-contact'])"), card)
    return out


def test_care_cards_have_a_text_label_and_a_neutral_contact_line(fixture_site):
    cards = care_cards(page(fixture_site, "page-a.md"))
    assert {k: v[:2] for k, v in cards.items()} == {
        "care-nonurgent": ("Non-urgent", "Contact your care team."),
        "care-urgent": ("Urgent: call today", "Contact your care team today. If you cannot reach them, "
                                              "go to an urgent care center or an emergency room."),
        "care-emergency": ("Emergency", "Call 911 or go to the nearest emergency room. Do not drive yourself."),
    }


def test_clinic_build_puts_the_clinic_in_the_contact_line(broken):
    cfg = broken / "mkdocs.yml"
    cfg.write_text(cfg.read_text().replace("  clinic: {}", "  clinic:\n    name: Example Spine Clinic\n"
                                           "    phone: (555) 010-0199\n    booking_url: https://example.org/book"))
    result = build_on(broken)
    assert result.ok, result.output
    cards = care_cards(page(result.site, "page-a.md"))
    assert cards["care-nonurgent"][1] == ("Contact Example Spine Clinic at (555) 010-0199, "
                                          "or book an appointment online.")
    assert cards["care-nonurgent"][2].xpath(".//a[@href='tel:+15550100199']")
    assert cards["care-nonurgent"][2].xpath(".//a[@href='https://example.org/book']")
    assert cards["care-urgent"][1] == ("Call Example Spine Clinic today at (555) 010-0199. If you cannot "
                                       "reach them, go to an urgent care center or an emergency room.")
    assert cards["care-emergency"][1] == "Call 911 or go to the nearest emergency room. Do not drive yourself."


def test_sources_differ_box_citing_one_source_fails(fixture_page_mistakes):
    fails_with(fixture_page_mistakes, "docs/page-a-one-source.md:40:", "at least 2 different sources", "cites 1")


def test_real_care_cards_are_labelled(site_dir):
    # care cards come from warning-signs.yml through `[[warning-signs: SET]]` markers
    seen = set()
    for md in (ROOT / "docs").rglob("*.md"):                  # faq/topic-recovery.md too
        if "[[warning-signs:" not in md.read_text():
            continue
        rel = md.relative_to(ROOT / "docs").as_posix()
        built = f"es/{rel[:-len('.es.md')]}.md" if rel.endswith(".es.md") else rel
        for level, (label, contact, _) in care_cards(page(site_dir, built)).items():
            assert label and contact, (md.name, level)
            seen.add(level)
    assert seen == {"care-nonurgent", "care-urgent", "care-emergency"}
