"""Issue 14 §4: a failed `make build` or `make linkcheck` never loses the last good site and
never publishes a rejected one. Runs scripts/build.py and scripts/linkcheck.py exactly as the
Makefile does, on a copy of the small fixture site (fast), and compares every byte of site/."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from machinery import fixture_copy
from sitebuild import mkdocs_env


def run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=project, env=mkdocs_env(),
                          capture_output=True, text=True)


def make_build(project: Path) -> subprocess.CompletedProcess:
    return run(project, "scripts/build.py", "--config", "mkdocs.yml", "--site", "site")


def make_linkcheck(project: Path) -> subprocess.CompletedProcess:
    return run(project, "scripts/linkcheck.py", "--build", "--config", "mkdocs.yml", "--site", "site")


def fingerprint(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


@pytest.fixture(scope="module")
def built_project(tmp_path_factory) -> Path:
    project = fixture_copy(tmp_path_factory.mktemp("lastgood") / "project")
    first = make_build(project)
    assert first.returncode == 0, first.stdout + first.stderr
    return project


@pytest.fixture
def project(built_project, tmp_path) -> Path:
    """A copy of the built fixture project (its site/ is the last good build)."""
    return Path(shutil.copytree(built_project, tmp_path / "project", symlinks=True))


MISTAKES = {
    # found while the pages are converted, before anything is written
    "unknown source id": ("docs/page-a.md", "A claim.[@no-such-source]\n", "no-such-source"),
    # found after the pages are written (MkDocs aborts a strict build at the end)
    "broken link": ("docs/page-a.md", "See [the plan](no-such-page.md).\n", "no-such-page.md"),
    # rejected content must never reach site/
    "raw script": ("docs/page-a.md", "[x](nowhere.md)\n\n<script>alert(1)</script>\n", "nowhere.md"),
}


CASES = [(make_build, mistake) for mistake in MISTAKES] + [(make_linkcheck, "raw script")]


@pytest.mark.parametrize("command,mistake", CASES,
                         ids=[f"{c.__name__.replace('_', ' ')}: {m}" for c, m in CASES])
def test_failed_build_leaves_last_good_site_byte_identical(project, mistake, command):
    page, text, expect = MISTAKES[mistake]
    before = fingerprint(project / "site")
    assert "page-a/index.html" in before
    with (project / page).open("a", encoding="utf-8") as handle:
        handle.write("\n" + text)
    result = command(project)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert expect in output
    assert "the last good site/ is unchanged" in output
    assert fingerprint(project / "site") == before
    assert "alert(1)" not in (project / "site" / "page-a" / "index.html").read_text(encoding="utf-8")
    assert leftovers(project) == []


def test_good_build_replaces_site_and_cleans_up(project):
    page = project / "docs" / "page-a.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA new sentence for the swap test.\n", encoding="utf-8")
    result = make_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    built = (project / "site" / "page-a" / "index.html").read_text(encoding="utf-8")
    assert "A new sentence for the swap test." in built
    assert leftovers(project) == []


def test_first_failed_build_creates_no_site(tmp_path):
    project = fixture_copy(tmp_path / "project")
    with (project / "docs" / "page-a.md").open("a", encoding="utf-8") as handle:
        handle.write("\nSee [the plan](no-such-page.md).\n")
    result = make_build(project)
    assert result.returncode != 0
    assert "the last good site/ was not created" in result.stdout + result.stderr
    assert not (project / "site").exists()
    assert leftovers(project) == []
