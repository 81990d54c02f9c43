"""Trust made visible (issue 11 §4-§5): US spelling check, Key points box, clinical review
line, "Report a problem with this page" link; clinic reviewer and report address."""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from lxml import html

from mildguide import clinic as K
from mildguide import frontmatter
from mildguide.page import spelling, trust
from pagemistakes import assert_caught
from sitebuild import ROOT, build

REPO = "https://github.com/open-mild-guide/guide"
NO_REVIEW = "No clinician has reviewed this page yet."


def nav_pages() -> list[str]:
    """Every Markdown page in the real nav."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    out = []

    def walk(items):
        for item in items:
            for value in (item.values() if isinstance(item, dict) else [item]):
                if isinstance(value, list):
                    walk(value)
                elif str(value).endswith(".md"):
                    out.append(str(value))
    walk(config["nav"])
    return out


def content_pages() -> list[str]:
    """Nav pages that must have a Key points box: not the home page, not `embed: false`."""
    out = []
    for src in nav_pages():
        meta = frontmatter.parse((ROOT / "docs" / src).read_text(), src).meta
        if src != "index.md" and meta.get("embed", True) is not False:
            out.append(src)
    return out


def built(site, src: str):
    return html.fromstring((site / ("index.html" if src == "index.md" else src[:-3] + "/index.html")).read_bytes())


# --- US spelling -------------------------------------------------------------------------

def test_spelling_finds_british_words_with_their_line():
    text = "# T\n\nOur licence.\nThe colour and centre.\nAn anaesthetist, a haematoma, oedema.\nTick the box.\n"
    found = [(line, word.lower()) for line, word, _ in spelling.find(text)]
    assert (3, "licence") in found and (4, "colour") in found and (4, "centre") in found
    assert (5, "anaesthetist") in found and (5, "haematoma") in found and (5, "oedema") in found
    assert (6, "tick the") in found


def test_spelling_spares_code_urls_quotes_and_registry_titles():
    text = ('Use `colour` here. See https://example.org/centre and [x](licence.md).\n'
            'The leaflet says "anaesthetic" in its own words.\n```\ncolour\n```\n'
            'A license, a center, a color, a ticket, a tickle.\n')
    assert spelling.find(text) == []
    registry = ('---\nsources:\n  - id: x\n    title: "Anaesthesia leaflet"\n    details: Centre for X.\n'
                '    used_for: The colour of the thing.\n---\n\nBody.\n')
    problems = spelling.check(registry, "docs/sources.md", registry=True)
    assert [(p.line, "colour" in p.message) for p in problems] == [(6, True)]


def test_real_docs_use_us_spelling():
    for md in sorted((ROOT / "docs").rglob("*.md")):
        problems = spelling.check(md.read_text(), md.name, registry=md.name == "sources.md")
        assert problems == [], "\n".join(map(str, problems))


def test_british_spelling_in_a_copy_fails_with_file_and_line(page_mistakes):
    """"The colour …" appended to benefits.md, in the shared copy of page-local mistakes
    (tests/pagemistakes.py)."""
    assert_caught(page_mistakes, "British spelling")


# --- Key points, clinical review, report link: units -------------------------------------

def test_key_points_check():
    ok = '# T\n\nIntro.\n\n!!! key-points "Key points"\n    - One.\n\n## A\n'
    assert trust.check_key_points(ok, "docs/x.md", 5) == []
    missing = trust.check_key_points("# T\n\nIntro.\n\n## A\n", "docs/x.md", 5)
    assert [p.line for p in missing] == [5] and "no Key points box" in missing[0].message
    two = trust.check_key_points(ok + '\n!!! key-points "Again"\n    - Two.\n', "docs/x.md", 5)
    assert any(p.line == 14 and "more than one" in p.message for p in two)
    late = trust.check_key_points('# T\n\n## A\n\n!!! key-points "Key points"\n    - One.\n', "docs/x.md", 1)
    assert [p.line for p in late] == [5] and "before the first ##" in late[0].message
    assert trust.check_key_points('# T\n\n```\n!!! key-points "x"\n```\n', "docs/x.md")[0].line == 1


@pytest.mark.parametrize("value,ok", [
    ("none", True), ({"by": "Dr. A, MD", "date": "2026-01-02"}, True),
    ({"by": "Dr. A", "date": "2099-01-01"}, False), ({"by": "", "date": "2026-01-02"}, False),
    ({"by": "Dr. A", "date": "soon"}, False), ({"by": "Dr. A", "date": "2026-01-02", "x": 1}, False),
    ("yes", False), (None, False),
])
def test_clinical_review_values(value, ok):
    assert (frontmatter.clinical_review(value, dt.date(2026, 12, 1)) is None) == ok


def test_review_text():
    assert trust.review_text({"clinical_review": "none"}, {}) == NO_REVIEW
    assert trust.review_text({"clinical_review": {"by": "Dr. A, MD", "date": "2026-01-02"}}, {}) == \
        "Clinically reviewed by Dr. A, MD, January 2, 2026."
    clinic = {"name": "X Clinic", "reviewer": {"name": "Dr. B", "date": "2026-11-01"}}
    assert trust.review_text({"clinical_review": "none"}, clinic) == "Reviewed for X Clinic by Dr. B, November 1, 2026."


def test_report_url_is_a_prefilled_new_issue_link():
    url = trust.report_url(REPO, "docs/risks.md", "Risks & side effects", "https://g.org/risks/", {})
    parts = urlsplit(url)
    assert url.startswith(REPO + "/issues/new?") and " " not in url and "&side" not in url
    query = parse_qs(parts.query)
    assert query["title"] == ["Problem on the page: Risks & side effects"]
    assert "docs/risks.md" in query["body"][0] and "https://g.org/risks/" in query["body"][0]
    assert trust.report_url(REPO, "docs/x.md", "X", None, {"report_url": "mailto:a@b.org"}) == "mailto:a@b.org"
    assert trust.report_url(REPO, "docs/x.md", "X", None, {"report_url": False}) is None
    assert trust.report_url(None, "docs/x.md", "X", None, {}) is None


@pytest.mark.parametrize("field,value,words", [
    ("reviewer", {"name": "Dr. A", "date": "2099-01-01"}, "in the future"),
    ("reviewer", {"name": "", "date": "2026-01-01"}, "needs 'name'"),
    ("reviewer", {"name": "Dr. A", "date": "last week"}, "YYYY-MM-DD"),
    ("report_url", "http://example.org/report", "https:// or mailto:"),
    ("report_url", "javascript:alert(1)", "https:// or mailto:"),
    ("report_url", True, "https:// or mailto:"),
])
def test_bad_clinic_reviewer_or_report_url(field, value, words):
    with pytest.raises(K.ClinicError, match=re.escape(words)):
        K.validate({"name": "X", field: value}, None, str(ROOT / "docs"))


def test_clinic_reviewer_and_report_url_are_normalised():
    out = K.validate({"name": "X", "reviewer": {"name": " Dr. A ", "date": dt.date(2026, 1, 2)},
                      "report_url": False}, None, str(ROOT / "docs"))
    assert out["reviewer"] == {"name": "Dr. A", "date": "2026-01-02"} and out["report_url"] is False


# --- the real build ------------------------------------------------------------------------

def test_every_content_page_has_key_points_review_line_and_report_link(site_dir):
    pages = content_pages()
    assert len(pages) >= 12
    for src in pages:
        tree = built(site_dir, src)
        boxes = tree.xpath("//article//div[contains(concat(' ', @class, ' '), ' key-points ')]")
        assert len(boxes) == 1, src
        assert 3 <= len(boxes[0].xpath("./ul/li")) <= 5, src
    for src in nav_pages():
        tree = built(site_dir, src)
        assert tree.xpath("string(//p[@class='omg-review-status'])") == NO_REVIEW, src
        links = tree.xpath("//p[@class='omg-report']/a")
        assert len(links) == 1 and links[0].text_content() == "Report a problem with this page", src
        href = links[0].get("href")
        assert href.startswith(REPO + "/issues/new?title="), src
        assert f"docs/{src}" in parse_qs(urlsplit(href).query)["body"][0], src


def test_every_page_says_clinical_review_none():
    for md in sorted((ROOT / "docs").rglob("*.md")):
        meta = frontmatter.parse(md.read_text(), md.name).meta
        assert meta.get("clinical_review") == "none", md.name    # never invent a reviewer


def test_key_points_style_prints():
    css = (ROOT / "docs/assets/stylesheets/content.css").read_text()
    assert ".md-typeset .admonition.key-points" in css and '[data-md-color-scheme="slate"] .md-typeset .admonition.key-points' in css
    printing = css[css.index("@media print", css.index(".admonition.key-points")):]
    assert ".admonition.key-points" in printing.split("}")[0] + printing
    reader = (ROOT / "docs/assets/stylesheets/reader.css").read_text()
    hidden = re.findall(r"([^{}]*)\{\s*display:\s*none", reader)
    assert not any("admonition" in block or "key-points" in block for block in hidden)


# --- mistakes and clinic builds in a project copy ------------------------------------------

def test_missing_key_points_and_clinical_review_fail_with_file_and_line(page_mistakes):
    """risks.md without its Key points box, glossary.md without clinical_review, evidence.md
    reviewed in 2099: in the shared copy of page-local mistakes (tests/pagemistakes.py)."""
    assert_caught(page_mistakes, "no Key points box, clinical_review missing or in the future")


def test_clinic_build_shows_its_reviewer_and_report_address_escaped(tmp_path_factory, worker_id,
                                                                    clinic_variant_site):
    """The example clinic's report address (the shared clinic build); a reviewer's name with
    markup, escaped, and report_url: false hiding the link (the shared build of
    clinicbuild.VARIANTS)."""
    from clinicbuild import REVIEWER, clinic_build
    example = html.fromstring((clinic_build(tmp_path_factory, worker_id) / "risks/index.html").read_bytes())
    assert example.xpath("//p[@class='omg-report']/a/@href") == ["mailto:guide-feedback@clinic.example.org"]
    raw = (clinic_variant_site / "risks/index.html").read_text()
    assert REVIEWER == "Dr. <b>Alex</b> & Co"
    assert "Dr. &lt;b&gt;Alex&lt;/b&gt; &amp; Co" in raw and "<b>Alex</b>" not in raw
    tree = html.fromstring(raw)
    assert tree.xpath("string(//p[@class='omg-review-status'])") == \
        "Reviewed for Example Spine Clinic (fictional) by Dr. <b>Alex</b> & Co, November 1, 2026."
    assert not tree.xpath("//p[@class='omg-report']")            # report_url: false hides the link


def test_review_report_lists_clinical_review(tmp_path):
    import subprocess
    import sys
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "review_report.py"), "--today", "2026-12-01",
                          "--config", str(ROOT / "mkdocs.clinic-example.yml")],
                         capture_output=True, text=True, check=True).stdout
    assert "clinical review" in out and "Reviewed for Example Spine Clinic (fictional) by" in out
    assert re.search(r"^docs/risks\.md .* none +ok$", out, re.M)


def test_clinic_schema_matches_the_validator_and_the_example():
    import json

    import jsonschema
    schema = json.loads((ROOT / "schemas" / "clinic.schema.json").read_text())
    assert set(schema["properties"]) == set(K.FIELDS)
    example = yaml.load((ROOT / "mkdocs.clinic-example.yml").read_text(), Loader=yaml.BaseLoader)["extra"]["clinic"]
    example["report_url"] = example["report_url"] if example["report_url"] != "false" else False
    jsonschema.validate(example, schema)
    for bad in ({"name": "X", "report_url": "http://x.org"}, {"name": "X", "reviewer": {"name": "A"}},
                {"name": "X", "report_url": True}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)
