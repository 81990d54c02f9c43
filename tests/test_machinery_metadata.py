"""Page metadata (issue 3 §5): front matter checks, review dates, due notice, JSON-LD, report."""
from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
import yaml

from machinery import build_on, content, fails_with, fixture_copy, jsonld, page, page_copies_build
from sitebuild import ROOT, build_once

FIXTURE_PAGES = ["index.md", "page-a.md", "sub/deep.md", "sources.md"]


# fixture_site (conftest.py) is built as if today were machinery.FIXED_TODAY, 2026-06-01.


@pytest.fixture(scope="session")
def overdue_site(tmp_path_factory, worker_id):
    """Built once per test run (build_once), however many xdist workers run these tests."""
    result = build_once(tmp_path_factory, worker_id, "fixture-overdue",       # every fixture page
                        lambda dest: build_on(fixture_copy(dest / "project"), today="2027-02-01"))  # is due 2027-01-10
    assert result.ok, "an overdue page must still build:\n" + result.output
    return result.site


def shown_dates(tree) -> tuple[str, str]:
    times = content(tree).xpath(".//p[@class='omg-review']/time/@datetime")
    assert len(times) == 2, times
    return times[0], times[1]


@pytest.mark.parametrize("src", FIXTURE_PAGES)
def test_fixture_pages_show_review_dates_and_medical_webpage_jsonld(fixture_site, src):
    tree = page(fixture_site, src)
    assert shown_dates(tree) == ("2026-01-10", "2027-01-10")
    line = content(tree).xpath("string(.//p[@class='omg-review'])")
    assert line == "Last reviewed January 10, 2026 · Next review due January 10, 2027"
    [data] = jsonld(tree, "MedicalWebPage")
    assert data["@context"] == "https://schema.org"
    assert data["lastReviewed"] == "2026-01-10"
    assert data["name"] == tree.xpath("string(//h1)").replace("¶", "").strip() or data["name"]
    assert not content(tree).xpath(".//*[contains(@class,'omg-due')]")


@pytest.mark.parametrize("src", FIXTURE_PAGES)
def test_overdue_pages_build_and_show_a_due_for_review_notice(overdue_site, src):
    tree = page(overdue_site, src)
    [notice] = content(tree).xpath(".//div[contains(@class,'omg-due')]")
    assert "due for review" in notice.text_content()
    assert notice.xpath("string(.//time/@datetime)") == "2027-01-10"
    # the notice comes straight after the page title
    assert notice.getprevious() is not None and notice.getprevious().tag == "h1"


FRONT_MATTER_MISTAKES = [
    ("title: Page A\n", "", 1, ["missing 'title'"]),
    ("description: A fixture page that cites sources and uses glossary terms.",
     "description: " + "x" * 161, 3, ["161 characters", "160"]),
    ("reviewed: 2026-01-10", "reviewed: 2026-13-10", 4, ["'reviewed'", "no such date"]),
    ("reviewed: 2026-01-10", "reviewed: soon", 4, ["'reviewed'", "YYYY-MM-DD"]),
    ("next_review: 2027-01-10", "next_review: 2029-01-11", 5, ["more than 3 years"]),
    ("next_review: 2027-01-10", "next_review: 2025-01-10", 5, ["after 'reviewed'"]),
    ("next_review: 2027-01-10", "next_review: 2027-01-10\ncitations: some", 6, ["'citations' may only be 'none'"]),
    # malformed YAML: MkDocs by itself silently drops such front matter and builds anyway
    ("description: A fixture page that cites sources and uses glossary terms.",
     "description: Why: this colon breaks YAML.", 3, ["not valid YAML"]),
    ("title: Page A\n", "title: [Page A\n", 3, ["not valid YAML"]),
]


@pytest.fixture(scope="session")
def front_matter_mistakes(tmp_path_factory, worker_id):
    """Every front matter mistake below in one copy of the fixture site, each in a copy of
    page-a.md of its own (page-a-N.md: machinery.page_copies_build), and sub/deep.md without
    its front matter; built once per test run instead of one build each."""
    def no_front_matter(project):
        deep = project / "docs" / "sub" / "deep.md"
        deep.write_text(deep.read_text(encoding="utf-8").split("---\n", 2)[2], encoding="utf-8")

    return page_copies_build(tmp_path_factory, worker_id, "fixture-front-matter",
                             {str(n): ("page-a.md", old, new) for n, (old, new, _, _)
                              in enumerate(FRONT_MATTER_MISTAKES, 1)}, no_front_matter)


@pytest.mark.parametrize("n, old, new, line, words", [(n, *case) for n, case in enumerate(FRONT_MATTER_MISTAKES, 1)])
def test_bad_front_matter_fails_with_file_and_line(front_matter_mistakes, n, old, new, line, words):
    fails_with(front_matter_mistakes, f"docs/page-a-{n}.md:{line}:", *words)


def test_page_without_front_matter_fails(front_matter_mistakes):
    assert not (front_matter_mistakes.project / "docs" / "sub" / "deep.md").read_text().startswith("---")
    fails_with(front_matter_mistakes, "docs/sub/deep.md:1:", "no front matter")


def test_review_report_lists_every_page_with_days_left(tmp_path):
    docs = fixture_copy(tmp_path / "project") / "docs"
    out = subprocess.run([sys.executable, str(ROOT / "scripts" / "review_report.py"),
                          "--today", "2027-01-20", "--docs", str(docs)],
                         capture_output=True, text=True, check=True).stdout
    for md in docs.rglob("*.md"):
        line = next(l for l in out.splitlines() if l.startswith(f"docs/{md.relative_to(docs).as_posix()} "))
        assert "2026-01-10" in line and "2027-01-10" in line and " -10 " in line and "OVERDUE" in line
    assert "7 page(s) overdue" in out


# --- the real site -------------------------------------------------------------------------

def _front(md):
    return yaml.safe_load(md.read_text().split("---\n", 2)[1])


def test_real_pages_show_their_front_matter_dates_and_jsonld(site_dir):
    today = dt.date.today()
    for md in sorted((ROOT / "docs").rglob("*.md")):
        src = md.relative_to(ROOT / "docs").as_posix()
        if not (site_dir / ("index.html" if src == "index.md" else src[:-3] + "/index.html")).exists():
            continue
        meta = _front(md)
        tree = page(site_dir, src)
        assert shown_dates(tree) == (str(meta["reviewed"]), str(meta["next_review"])), src
        [data] = jsonld(tree, "MedicalWebPage")
        assert data["lastReviewed"] == str(meta["reviewed"]) and data["description"] == meta["description"]
        overdue = meta["next_review"] < today
        assert bool(content(tree).xpath(".//div[contains(@class,'omg-due')]")) == overdue, src
