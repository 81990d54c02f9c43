"""White-label clinic builds (issue 6): branded from config alone; bad profiles fail clearly."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from lxml import html

from browser import serve
from sitebuild import ROOT, build, build_once

CONFIG = "mkdocs.clinic-example.yml"
NAME = "Example Spine Clinic (fictional)"


@pytest.fixture(scope="session")
def clinic_site(tmp_path_factory, worker_id) -> Path:
    """The example clinic build, once per test run."""
    result = build_once(tmp_path_factory, worker_id, "clinic-site",
                        lambda dest: build(ROOT, dest / "site", config=CONFIG))
    assert result.ok, result.output
    return result.site


def test_example_clinic_says_it_is_fictional():
    text = (ROOT / CONFIG).read_text()
    assert "FICTIONAL" in text and "555-0100" in text and "example.org" in text
    assert "INHERIT: mkdocs.yml" in text


def test_branded_build_shows_the_clinic_on_every_page_and_embed(clinic_site):
    pages = [p for p in clinic_site.rglob("index.html")]
    assert len(pages) > 20
    for page in pages:
        tree = html.fromstring(page.read_bytes())
        box = tree.xpath("//aside[contains(@class, 'omg-clinic')]")
        assert len(box) == 1, page
        text = box[0].text_content()
        assert NAME in text and "555-0100" in text, page
        assert box[0].xpath(".//a[@href='tel:5550100']"), page
        assert box[0].xpath(".//a[@href='https://clinic.example.org/appointments']"), page
        logo = box[0].xpath(".//img/@src")[0]
        assert (page.parent / logo).resolve() == (clinic_site / "assets/clinic-example/logo.svg").resolve()
        sheets = tree.xpath("//link[@rel='stylesheet']/@href")
        assert any(s.endswith("assets/stylesheets/clinic.css") for s in sheets), page
    header = html.fromstring((clinic_site / "stenosis/index.html").read_bytes())
    assert header.xpath("//header//img[contains(@src, 'clinic-example/logo.svg')]")
    assert "MILD guide · Example Spine Clinic (fictional)" in header.xpath("string(//title)")


def test_neutral_build_has_no_clinic(site_dir):
    for page in site_dir.rglob("index.html"):
        assert b"omg-clinic" not in page.read_bytes(), page
    assert not (site_dir / "assets/stylesheets/clinic.css").exists()


def test_branded_colours_show_in_the_browser(browser, clinic_site):
    with serve(clinic_site) as base:
        context = browser.new_context(color_scheme="light")
        page = context.new_page()
        page.goto(base + "stenosis/")
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") \
            == "rgb(11, 93, 75)"
        assert page.evaluate("getComputedStyle(document.querySelector('.md-content sup a[href*=\"#source-\"]')).color") \
            == "rgb(11, 93, 75)"
        page.goto(base + "embed/recovery/")
        assert page.evaluate("getComputedStyle(document.querySelector('.omg-clinic')).borderTopColor") \
            == "rgb(11, 93, 75)"
        assert page.evaluate("getComputedStyle(document.querySelector('.omg-embed__from a')).color") \
            == "rgb(11, 93, 75)"
        context.close()


def _comparable(record: dict) -> dict:
    """A page export without clinic-specific parts: care cards carry the clinic's contact line."""
    sections = []
    for s in record["sections"]:
        root = html.fragment_fromstring(s["html"] or "<p></p>", create_parent="div")
        for card in root.xpath(".//*[contains(@class, 'care-')]"):
            card.drop_tree()
        for slot in root.xpath(".//*[contains(@class, 'omg-phone')]"):   # the care team's number:
            slot.drop_tree()                                               # a blank, or the clinic's
        sections.append((s["id"], s["heading"], " ".join(root.text_content().split())))
    return {"title": record["title"], "sections": sections,
            "sources": [(x["id"], x["title"], x["url"]) for x in record["sources"]]}


def test_guide_text_and_citations_are_unchanged(site_dir, clinic_site):
    neutral = json.loads((site_dir / "api/index.json").read_text())
    for entry in neutral["pages"]:
        a = json.loads((site_dir / "api" / entry["json"]).read_text())
        b = json.loads((clinic_site / "api" / entry["json"]).read_text())
        assert _comparable(a) == _comparable(b), entry["slug"]


BAD = {
    "missing name": ("    phone: 555-0100\n", "extra.clinic.name", "missing"),
    "invalid colour": ("    name: Test Clinic\n    primary: not-a-colour\n", "extra.clinic.primary", "not a colour"),
    "low contrast": ("    name: Test Clinic\n    primary: '#ffcc00'\n", "extra.clinic.primary", "WCAG AA"),
    "low contrast accent": ("    name: Test Clinic\n    accent: '#9e9e9e'\n", "extra.clinic.accent", "WCAG AA"),
    "unreadable logo": ("    name: Test Clinic\n    logo: assets/no-such-logo.svg\n", "extra.clinic.logo", "cannot read"),
    "http booking": ("    name: Test Clinic\n    booking_url: http://example.org/book\n", "extra.clinic.booking_url", "https://"),
    "typo": ("    name: Test Clinic\n    phon: 555-0100\n", "extra.clinic.phon", "unknown field"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_profile_fails_naming_file_and_field(project_copy, case):
    body, field, words = BAD[case]
    (project_copy / "mkdocs.bad-clinic.yml").write_text(
        "INHERIT: mkdocs.yml\nextra:\n  clinic:\n" + body)
    result = build(project_copy, config="mkdocs.bad-clinic.yml")
    assert not result.ok, f"{case}: the build should fail"
    line = next((l for l in result.output.splitlines() if field in l), "")
    assert "mkdocs.bad-clinic.yml:" in line and words in line, result.output
    assert not (project_copy / "site" / "index.html").exists()     # nothing half-written
