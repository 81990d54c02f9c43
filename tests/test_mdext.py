"""Unit tests of the page transforms as Python-Markdown extensions (mildguide.mdext), on small
Markdown snippets: no build. Each snippet is rendered by plain Python-Markdown with a page
context shaped like Zensical's (a `ContextPreprocessor` holding the page and the config), and
the fixture site's sources registry and glossary (tests/fixtures/minisite/docs)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import markdown
import pytest
from markdown.preprocessors import Preprocessor

from mildguide.mdext import page_context, priorities

FIXTURE_DOCS = Path(__file__).parent / "fixtures" / "minisite" / "docs"


class ContextPreprocessor(Preprocessor):      # the name Zensical's context extension uses
    def __init__(self, md, page, config):
        super().__init__(md)
        self.page, self.config = page, config

    def run(self, lines):
        return lines


class FakePage:
    def __init__(self, path, url, meta, title=None):
        self.path, self.url, self.meta, self.title = path, url, meta, title


@pytest.fixture
def docs(tmp_path, monkeypatch):
    dest = tmp_path / "docs"
    shutil.copytree(FIXTURE_DOCS, dest)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MILDGUIDE_TODAY", "2026-06-01")
    monkeypatch.delenv("MILDGUIDE_PROBLEMS", raising=False)
    return dest


def render(docs: Path, src: str, body: str, extensions, *, front="title: T\nreviewed: 2026-01-10\n"
           "next_review: 2027-01-10\n", meta=None, clinic=None, caplog=None):
    """Write docs/<src> (front matter + body), render the body like a generator would."""
    (docs / src).parent.mkdir(parents=True, exist_ok=True)
    (docs / src).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    md = markdown.Markdown(extensions=["attr_list", "admonition", "md_in_html", "tables", "toc", *extensions])
    url = "" if src == "index.md" else src[:-3] + "/"
    config = {"docs_dir": str(docs), "site_url": "https://example.org/g/", "site_name": "Fixture",
              "extra": {"clinic": clinic or {}}}
    md.preprocessors.register(ContextPreprocessor(md, FakePage(src, url, dict(meta or {"title": "T"}), "T"),
                                                  config), "rendering_context", 0)
    return md.convert(body), md


def errors(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]


def test_priorities_are_declared_once_and_ordered():
    pre = [priorities.SAFETY, priorities.FRONT_MATTER, priorities.SPELLING, priorities.KEY_POINTS,
           priorities.FAQ_ANCHORS, priorities.COMPARE_CHECK, priorities.CARE_CHECK, priorities.ICON_ARRAY,
           priorities.WARNING_SIGNS, priorities.CITATIONS]
    post = [priorities.REVIEW, priorities.COMPARE_REGION, priorities.CARE_CARDS, priorities.CITATIONS_FILL,
            priorities.GLOSSARY, priorities.A11Y, priorities.FAQ_JSONLD]
    assert pre == sorted(pre, reverse=True) and min(pre) > 30       # before normalize_whitespace
    assert post == sorted(post, reverse=True) and max(post) < 20     # after raw_html, amp_substitute


def test_page_context_from_zensical_shape(docs):
    _, md = render(docs, "sub/deep.md", "# Deep\n", [])
    ctx = page_context(md)
    assert (ctx.src_uri, ctx.url, ctx.label) == ("sub/deep.md", "sub/deep/", "docs/sub/deep.md")
    assert ctx.href_to("sources.md") == "../sources.md"       # Zensical rewrites it from the source file
    assert ctx.canonical_url == "https://example.org/g/sub/deep/"


def test_citations_number_and_list_sources(docs, caplog):
    html, _ = render(docs, "page.md", "# P\n\nOne.[@beta] Two.[@alpha; @beta]\n", ["mildguide.mdext.citations"])
    assert '<sup class="omg-cite"><a href="sources.md#source-beta" aria-label="Source 1"' in html
    assert 'aria-label="Source 2"' in html and "[@" not in html
    assert 'id="sources-for-this-page"' in html and html.index("Beta clinic page") < html.index("Alpha trial")
    assert errors(caplog) == []


def test_a_citation_split_over_lines_keeps_the_list_and_the_box_around_it(docs, caplog):
    """A marker broken over two lines inside an indented block (a Key points bullet): the text
    after it stays in its bullet and the bullets after it stay in the box (the line kept for the
    line numbers once lost its indent and ended the box there; docs/costs.md lost 2 key points)."""
    body = ('# P\n\n!!! note "Key points"\n    - One.[@alpha]\n    - Two.[@alpha;\n      @beta] Then'
            ' more\n      text.[@beta]\n    - Three.[@alpha]\n\nAfter.[@beta]\n\nBad.[@nope]\n')
    html, _ = render(docs, "page.md", body, ["mildguide.mdext.citations"])
    box = html[html.index('<div class="admonition note">'):html.index("</div>")]
    assert box.count("<li>") == 3 and "Then more" in box and "text." in box and "Three." in box, html
    assert [e.split(": ", 1)[0] for e in errors(caplog)] == ["docs/page.md:18"]   # later lines stay right


def test_unknown_source_id_is_a_file_line_problem(docs, caplog, tmp_path, monkeypatch):
    out = tmp_path / "problems.txt"
    monkeypatch.setenv("MILDGUIDE_PROBLEMS", str(out))
    render(docs, "page.md", "# P\n\nFine.[@alpha]\n\nBad.[@nope]\n", ["mildguide.mdext.citations"])
    message = "docs/page.md:11: unknown source id 'nope' in [@nope] (known ids are listed in docs/sources.md)"
    assert errors(caplog) == [message]
    assert out.read_text().splitlines() == [message]


def test_glossary_tooltip_on_first_use_only(docs, caplog):
    html, _ = render(docs, "page.md", "# P\n\nSpinal stenosis is common. Stenosis again.[@alpha]\n",
                     ["mildguide.mdext.citations", "mildguide.mdext.glossary"])
    assert html.count('class="omg-term"') == 1 and 'href="glossary.md#lss"' in html
    own, _ = render(docs, "glossary.md", (docs / "glossary.md").read_text().split("---\n", 2)[2],
                    ["mildguide.mdext.glossary"])
    assert 'class="omg-term"' not in own


def test_faq_anchors_and_jsonld(docs, caplog):
    body = "# FAQ\n\n## Topic\n\n### Will I be awake?\n\nMostly.[@alpha]\n\n### Will I be awake?\n\nAgain.\n"
    html, md = render(docs, "faq.md", body, ["mildguide.mdext.faq", "mildguide.mdext.citations"])
    assert 'id="faq-will-i-be-awake"' in html
    assert errors(caplog)[0] == "docs/faq.md:15: duplicate question 'Will I be awake?' (first asked on line 11)"
    blocks = [json.loads(b) for b in page_context(md).meta["omg_jsonld"]]
    faq = [b for b in blocks if b["@type"] == "FAQPage"]
    assert len(faq) == 1 and faq[0]["mainEntity"][0]["name"] == "Will I be awake?"
    assert faq[0]["mainEntity"][0]["acceptedAnswer"]["text"].startswith("Mostly")


def test_compare_table_cells_must_cite(docs, caplog):
    body = ('# C\n\nIntro.[@alpha]\n\n<div class="compare-table" markdown>\n\n| | A | B |\n|---|---|---|\n'
            "| Stay | Home[@alpha] | Two days |\n\n</div>\n")
    html, _ = render(docs, "cmp.md", body, ["mildguide.mdext.compare", "mildguide.mdext.citations"])
    assert 'role="region"' in html and 'tabindex="0"' in html
    assert len(errors(caplog)) == 1 and errors(caplog)[0].startswith("docs/cmp.md:15:")


def test_care_cards_label_and_clinic_contact(docs, caplog):
    body = '# R\n\nText.[@alpha]\n\n!!! care-urgent "Call today if"\n    - the wound leaks[@beta]\n'
    html, _ = render(docs, "r.md", body, ["mildguide.mdext.care", "mildguide.mdext.citations"],
                     clinic={"name": "Example Clinic", "phone": "555-0100"})
    assert "Urgent: call today" in html and "555-0100" in html


def test_front_matter_review_dates_and_problems(docs, caplog):
    html, md = render(docs, "p.md", "# P\n\n## Part\n\nText.[@alpha]\n",
                      ["mildguide.mdext.frontmatter", "mildguide.mdext.citations"])
    assert html.count("omg-review") == 1 and "January 10, 2026" in html        # not in the toc's heading runs
    assert any(json.loads(b)["@type"] == "MedicalWebPage" for b in page_context(md).meta["omg_jsonld"])
    render(docs, "q.md", "# Q\n\nText.[@alpha]\n", ["mildguide.mdext.frontmatter"], front="title: Q\n")
    assert any(m.startswith("docs/q.md:") for m in errors(caplog))


def test_safety_scan_reports_source_lines(docs, caplog):
    render(docs, "s.md", "# S\n\nText.\n\n<script>alert(1)</script>\n", ["mildguide.mdext.safety"])
    assert any(m.startswith("docs/s.md:11:") for m in errors(caplog)), errors(caplog)


def test_a11y_labels_permalinks():
    md = markdown.Markdown(extensions=["toc", "mildguide.mdext.a11y"], extension_configs={"toc": {"permalink": True, "permalink_title": ""}})
    assert 'aria-label="Link to this section"' in md.convert("## Part\n")


# --- extensions merged from main: warning signs, icon arrays, trust checks ----------------------

SIGNS = """signs:
  - id: numb
    level: emergency
    text: "numbness in both legs"
    sources: [alpha]
  - id: leak
    level: urgent
    text: "the wound leaks"
    sources: [beta]
sets:
  all: [numb, leak]
"""


def test_warning_signs_become_cited_cards_and_later_lines_stay_right(docs, caplog):
    (docs.parent / "warning-signs.yml").write_text(SIGNS, encoding="utf-8")
    body = "# P\n\nText.[@alpha]\n\n[[warning-signs: all]]\n\nBad.[@nope]\n"
    html, _ = render(docs, "page.md", body, ["mildguide.mdext.warning_signs", "mildguide.mdext.care",
                                             "mildguide.mdext.citations"])
    assert "care-emergency" in html and "care-urgent" in html and "numbness in both legs" in html
    assert "[[warning-signs" not in html and "[@alpha" not in html and "[@beta" not in html
    assert html.index("care-emergency") < html.index("care-urgent")        # emergency first
    # body starts on line 7 of the file; "Bad." is its 7th line, whatever the cards added
    assert [m for m in errors(caplog) if "nope" in m] == [
        "docs/page.md:13: unknown source id 'nope' in [@nope] (known ids are listed in docs/sources.md)"]


def test_hand_written_care_card_and_unknown_set_fail_with_line(docs, caplog):
    (docs.parent / "warning-signs.yml").write_text(SIGNS, encoding="utf-8")
    body = '# P\n\n[[warning-signs: none-such]]\n\n!!! care-urgent "Call"\n    - x[@alpha]\n'
    render(docs, "page.md", body, ["mildguide.mdext.warning_signs"])
    found = errors(caplog)
    assert any(m.startswith("docs/page.md:9: unknown warning-signs set 'none-such'") for m in found), found
    assert any(m.startswith("docs/page.md:11: a care card written by hand") for m in found), found


def test_warning_signs_data_problems_are_reported_once_on_the_registry_page(docs, caplog):
    (docs.parent / "warning-signs.yml").write_text(SIGNS.replace("[beta]", "[betta]"), encoding="utf-8")
    render(docs, "page.md", "# P\n\n[[warning-signs: all]]\n", ["mildguide.mdext.warning_signs"])
    assert not [m for m in errors(caplog) if "betta" in m]
    _, front, body = (docs / "sources.md").read_text(encoding="utf-8").split("---\n", 2)
    render(docs, "sources.md", body, ["mildguide.mdext.warning_signs"], front=front)
    assert [m for m in errors(caplog) if "betta" in m and m.startswith("warning-signs.yml:")]


def test_icon_array_is_a_cited_figure_keeping_line_numbers(docs, caplog):
    fence = ("```icon-array\nper_100: 30\nlabel: people had less pain\nsource: alpha\n"
             "outcome: less pain\ngroup: people in a trial\nfollow_up: 1 year\n"
             "study: a small trial\npercent: 30\n```\n")
    body = "# P\n\n" + fence + "\nBad.[@nope]\n"
    html, _ = render(docs, "page.md", body, ["mildguide.mdext.icon_array", "mildguide.mdext.citations"])
    assert '<figure class="omg-ia" data-per-100="30"' in html and "<svg" in html
    assert 'class="omg-cite"' in html.split("<figcaption>")[1] and "icon-array" not in html
    assert [m for m in errors(caplog) if "nope" in m][0].startswith("docs/page.md:20:")


def test_trust_checks_key_points_spelling_and_clinical_review(docs, caplog):
    body = "# P\n\nThe colour of it.[@alpha]\n\n## Part\n"
    render(docs, "page.md", body, ["mildguide.mdext.trust"])
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert [w for w in warnings if w.startswith("docs/page.md:7: the page has no Key points box")], warnings
    found = errors(caplog)
    assert any(m.startswith("docs/page.md:9:") and "color" in m for m in found), found
    assert any(m.startswith("docs/page.md:1: front matter is missing 'clinical_review'") for m in found), found
    caplog.clear()
    ok = '# P\n\nIntro.\n\n!!! key-points "Key points"\n    - one\n\n## Part\n'
    render(docs, "page.md", ok, ["mildguide.mdext.trust"], front="title: T\nclinical_review: none\n")
    assert [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []
    render(docs, "index.md", "# Home\n", ["mildguide.mdext.trust"], front="title: T\nclinical_review: none\n")
    assert [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []


# --- extensions added with the build checks (issue 14) and the Spanish edition (issue 16) ------

def test_checks_report_contributor_mistakes_with_their_lines(docs, caplog):
    body = ("# C\n\nA paragraph of text.\n\nCall 555-123-4567 today.\n\n## Part\n\n#### Too deep\n\n"
            "![](pic.png)\n")
    render(docs, "c.md", body, ["mildguide.mdext.checks"], caplog=caplog)
    found = errors(caplog)
    # the body starts on line 7 of the file
    assert any(m.startswith("docs/c.md:11:") and "phone number '555-123-4567'" in m for m in found), found
    assert any(m.startswith("docs/c.md:15:") and "skips from h2 to h4" in m for m in found), found
    assert any(m.startswith("docs/c.md:17:") and "no alt text" in m for m in found), found


def render_as_mkdocs(docs: Path, src: str, body: str, extensions, *, locale: str, building: str):
    """Render like MkDocs does under mkdocs-static-i18n: its "relpath" treeprocessor carries
    the File (with the file's own language and the language being built) and the config."""
    from types import SimpleNamespace
    from markdown.treeprocessors import Treeprocessor
    (docs / src).write_text(f"---\ntitle: T\n---\n\n{body}", encoding="utf-8")
    md = markdown.Markdown(extensions=["attr_list", "toc", *extensions])
    relpath = Treeprocessor(md)
    relpath.run = lambda root: None
    relpath.file = SimpleNamespace(src_uri=src, url=src.split(".")[0] + "/", abs_src_path=str(docs / src),
                                   page=SimpleNamespace(meta={"title": "T"}, title="T"),
                                   locale=locale, locale_alternate_of=building)
    relpath.config = SimpleNamespace(config_file_path=str(docs.parent / "mkdocs.yml"), docs_dir=str(docs),
                                     use_directory_urls=True, site_url="", extra={}, site_name="F", nav=None)
    md.treeprocessors.register(relpath, "relpath", 0)
    return md.convert(body)


def test_terminology_warns_on_a_spanish_page_only(docs, caplog):
    (docs.parent / "terminology.yml").write_text(
        "terms:\n  - en: spinal canal\n    es: canal espinal\n    reject: [canal raquídeo]\n", encoding="utf-8")
    ext = ["mildguide.mdext.terminology"]
    render_as_mkdocs(docs, "t.es.md", "# T\n\nEl canal raquídeo es estrecho.\n", ext, locale="es", building="es")
    render_as_mkdocs(docs, "t.md", "# T\n\nThe canal raquídeo, in Spanish.\n", ext, locale="en", building="en")
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    # the body starts on line 5 of the file (2 lines of front matter)
    assert warnings == ["docs/t.es.md:7: 'canal raquídeo' is not the guide's term: write 'canal espinal' "
                        "(for 'spinal canal'; terminology.yml)"], warnings


def test_checks_skip_an_untranslated_page_in_the_spanish_build(docs, caplog):
    """A Spanish page not translated yet is built from the English file, which the English
    build has already checked: the scans that only report (mdext.scan_context: contributor
    checks, safety, front matter, US spelling and clinical_review, care card types) skip it,
    so they neither run twice nor report twice."""
    body = ("# C\n\nCall 555-123-4567 today, see <http://example.org>, in colour.\n\n"
            '!!! care-nonurgnet "Check in"\n    Tell your care team.\n')
    ext = ["mildguide.mdext.checks", "mildguide.mdext.safety", "mildguide.mdext.frontmatter",
           "mildguide.mdext.trust", "mildguide.mdext.care"]
    render_as_mkdocs(docs, "c.md", body, ext, locale="en", building="es")
    assert [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")] == []
    render_as_mkdocs(docs, "c.md", body, ext, locale="en", building="en")
    found = [r.getMessage() for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
    assert any("docs/c.md:7:" in m and "phone number" in m for m in found), found
    assert any("docs/c.md:7:" in m and "http://" in m for m in found), found
    assert any("docs/c.md:7:" in m and "'colour'" in m for m in found), found
    assert any("docs/c.md:9:" in m and "unknown care card type 'care-nonurgnet'" in m for m in found), found
    assert any(m.startswith("docs/c.md:") and "reviewed" in m for m in found), found
    assert any(m.startswith("docs/c.md:") and "clinical_review" in m for m in found), found
