"""The guide builds with MkDocs, ProperDocs and Zensical with the same features (issue 13).

Each generator builds the real project from its own venv (`make build GENERATOR=…` installs
it on first use from its lock), and the same markers are checked on the same pages. A copy of
the project with a broken link and an unknown source id must fail each build with file:line.
Also pins what Zensical cannot do (ARCHITECTURE.md, "What Zensical does not do").
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from sitebuild import ROOT, BuildResult, build_once, copy_project, mkdocs_env
from test_mistakes_checks import mistakes  # noqa: F401  (the shared copy of build-check mistakes)

GENERATORS = ("mkdocs", "properdocs", "zensical")


def generator_python(generator: str) -> Path:
    if generator == "mkdocs":
        return Path(sys.executable)
    venv = ROOT / f".venv-{generator}"
    proc = subprocess.run(["make", "-s", f"{venv.name}/.installed-lock", f"GENERATOR={generator}"],
                          cwd=ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        pytest.fail(f"cannot install {generator}:\n{proc.stdout}{proc.stderr}")
    return venv / "bin" / "python"


def build_with(generator: str, project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(generator_python(generator)), str(project / "scripts" / "build.py"),
                           "--generator", generator, "--config", str(project / "mkdocs.yml"),
                           "--site", str(project / "site")],
                          cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=900)


def generator_build(generator: str, tmp_path_factory, worker_id) -> BuildResult:
    """`generator`'s build of an unchanged project copy, once per test run (build_once), however
    many xdist workers ask: this module and tests/test_i18n_generators.py read the same build."""
    def make(dest: Path) -> BuildResult:
        project = copy_project(dest / "project")
        proc = build_with(generator, project)
        return BuildResult(proc.returncode, proc.stdout + proc.stderr, project / "site", project)

    result = build_once(tmp_path_factory, worker_id, f"generator-{generator}", make)
    assert result.ok, f"{generator} build failed:\n{result.output}"
    return result


@pytest.fixture(scope="module", params=GENERATORS)
def built(request, tmp_path_factory, worker_id):
    """MkDocs: the shared `unmodified_copy` (conftest.py), built by scripts/build.py as `make
    build` does, which is build_with("mkdocs", …): the same build."""
    if request.param == "mkdocs":
        result = request.getfixturevalue("unmodified_copy")
        assert result.ok, result.output
    else:
        result = generator_build(request.param, tmp_path_factory, worker_id)
    return request.param, result.site, result.output


def page(site: Path, name: str):
    return html.fromstring((site / name / "index.html").read_bytes())


def test_build_says_which_generator_and_version(built):
    generator, _, output = built
    assert re.search(rf"^build: {generator} \d+\.\d+\.\d+ ", output, re.M), output


def test_numbered_citations_and_page_sources(built):
    _, site, _ = built
    tree = page(site, "recovery")
    marks = tree.xpath("//sup[@class='omg-cite']/a")
    assert len(marks) > 10 and marks[0].text == "1"
    assert "[@" not in tree.text_content()
    assert tree.xpath("//*[@id='sources-for-this-page']")
    href = marks[0].get("href")
    assert re.fullmatch(r"\.\./sources/[a-z-]+/#source-[\w.-]+", href), href     # the entry's group page


def test_glossary_tooltips_care_cards_and_review_dates(built):
    _, site, _ = built
    tree = page(site, "recovery")
    terms = tree.xpath("//a[contains(@class, 'omg-term')]")
    assert terms and all(t.get("href").startswith("../glossary/#") and t.get("title") for t in terms)
    assert tree.xpath("//*[contains(@class, 'care-emergency')]")
    assert "Emergency" in tree.xpath("string(//*[contains(@class, 'care-emergency')])")
    assert tree.xpath("//*[contains(@class, 'omg-review')]//time[@datetime]")


def test_warning_signs_icon_arrays_and_key_points(built):
    """The extensions merged from main: `[[warning-signs: SET]]` care cards (cited), icon
    arrays (cited, and found as a decision-aid embed), the Key points box."""
    _, site, _ = built
    recovery = page(site, "recovery")
    for level in ("care-emergency", "care-urgent", "care-nonurgent"):
        card = recovery.xpath(f"//div[contains(concat(' ', @class, ' '), ' {level} ')]")
        assert len(card) == 1 and card[0].xpath(".//li//sup[@class='omg-cite']"), level
    assert "[[warning-signs" not in recovery.text_content()
    assert len(recovery.xpath("//div[contains(concat(' ', @class, ' '), ' key-points ')]")) == 1
    aid = page(site, "other-treatments")
    figures = aid.xpath("//figure[@class='omg-ia']")
    assert len(figures) >= 3 and all(f.xpath(".//svg") and f.xpath(".//figcaption//sup[@class='omg-cite']")
                                     for f in figures)
    assert "icon-array" not in aid.text_content()
    assert (site / "embed/other-treatments/what-might-happen/index.html").is_file()


def test_zensical_gap_trust_line_is_pinned(built):
    """ARCHITECTURE.md "What Zensical does not do": the clinical-review line and the "Report a problem
    with this page" link are template context from a MkDocs hook (scripts/hooks/trust.py),
    so Zensical, which runs no hooks, leaves them out. The checks behind them (Key points,
    clinical_review, US spelling) are extensions and run under every generator. If a
    Zensical release runs hooks, this test fails: update ARCHITECTURE.md."""
    generator, site, _ = built
    tree = page(site, "risks")
    shown = tree.xpath("//p[@class='omg-review-status']")
    if generator == "zensical":
        assert not shown                                                       # the gap
    else:
        assert len(shown) == 1 and len(tree.xpath("//p[@class='omg-report']/a")) == 1


def test_jsonld(built):
    _, site, _ = built
    def blocks(name):
        return [json.loads(s) for s in page(site, name).xpath("//head/script[@type='application/ld+json']/text()")]
    assert [b["@type"] for b in blocks("faq")] == ["MedicalWebPage"]       # the hub: links, no answers
    topic = blocks("faq/topic-about-mild")                                  # a topic page: its answers
    assert sorted(b["@type"] for b in topic) == ["FAQPage", "MedicalWebPage"], topic
    faq = next(b for b in topic if b["@type"] == "FAQPage")
    assert len(faq["mainEntity"]) >= 8


def test_site_steps(built):
    _, site, _ = built
    assert (site / "embed/recovery/index.html").is_file()
    assert (site / "embed/faq").is_dir() and any((site / "embed/faq").iterdir())
    index = json.loads((site / "api/index.json").read_text())
    assert {p["slug"] for p in index["pages"]} >= {"recovery", "faq"}
    assert "Content-Security-Policy" in (site / "_headers").read_text()
    assert (site / "robots.txt").is_file()
    sheets = page(site, "faq").xpath("//link[@rel='stylesheet']/@href")
    ours = [s for s in sheets if "assets/stylesheets/" in s and "/main." not in s and "/palette." not in s
            and "/modern/" not in s and "/classic/" not in s]
    assert ours == ["../assets/stylesheets/guide.css"], sheets


BROKEN = "A claim.[@no-such-source] See [gone](no-such-page.md)."


def plant_broken_link_and_unknown_source(project: Path) -> None:
    """BROKEN, a paragraph of its own below risks.md's first section heading."""
    risks = project / "docs" / "risks.md"
    lines = risks.read_text().splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("## ")) + 2
    lines.insert(at, BROKEN)
    risks.write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("generator", GENERATORS)
def test_broken_link_and_unknown_source_fail_with_file_line(generator, tmp_path, request):
    """MkDocs: planted in test_mistakes_checks' shared copy (`mistakes`), built by scripts/build.py
    with its default generator, mkdocs, as build_with("mkdocs", …) does; the others: a copy each."""
    if generator == "mkdocs":
        project, result = request.getfixturevalue("mistakes")
        code, output = result.returncode, result.output
    else:
        project = copy_project(tmp_path / "project")
        plant_broken_link_and_unknown_source(project)
        proc = build_with(generator, project)
        code, output = proc.returncode, proc.stdout + proc.stderr
    at = (project / "docs" / "risks.md").read_text().splitlines().index(BROKEN)
    assert code != 0
    assert f"docs/risks.md:{at + 1}: unknown source id 'no-such-source'" in output, output
    assert re.search(rf"docs/risks\.md:{at + 1}: .*(does not exist|no-such-page)", output), output


def test_zensical_gap_clinic_branding_is_pinned(tmp_path):
    """ARCHITECTURE.md "What Zensical does not do": Zensical runs no MkDocs hooks, and the clinic
    profile's site-wide changes need one (scripts/hooks/clinic.py: validate extra.clinic, the
    branded site title and logo, the generated clinic.css, the contact box above every page).
    Under Zensical a clinic build gets the clinic on its embeds and care cards (the post-build
    pass and the care extension read extra.clinic) but not on its pages. If a Zensical release
    runs hooks, this test fails: update ARCHITECTURE.md."""
    project = copy_project(tmp_path / "project")
    proc = subprocess.run([str(generator_python("zensical")), str(project / "scripts" / "build.py"),
                           "--generator", "zensical", "--config", str(project / "mkdocs.clinic-example.yml"),
                           "--site", str(project / "site")],
                          cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = project / "site"
    faq = page(site, "faq")
    assert not faq.xpath("//aside[contains(@class, 'omg-clinic')]")          # the gap
    assert "Example Spine Clinic" not in faq.xpath("string(//title)")         # the gap
    embed = html.fromstring((site / "embed/faq/index.html").read_bytes())
    assert embed.xpath("//aside[contains(@class, 'omg-clinic')]")             # what still works
