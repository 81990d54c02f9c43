"""`make translation-stamp` (issue 25): stamps only the Spanish pages named, refuses with usage
when none is named, and refuses while the English page has uncommitted changes, so a stamp
always names a real English commit and never turns a stale page "current" by accident."""
from __future__ import annotations

import subprocess
import sys

import pytest

from mildguide import translation as T
from sitebuild import mkdocs_env

SPANISH = "---\ntitle: {t}\ntranslation:\n  of: {n}.md\n  source_hash: null\n  source_commit: null\n---\n\n# {t}\n"


def git(project, *args):
    return subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, text=True,
                          env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "HOME": str(project),
                               "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
                               "PATH": "/usr/bin:/bin"}).stdout


@pytest.fixture
def project(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("recovery", "faq"):
        (docs / f"{name}.md").write_text(f"# {name}\n\nEnglish.\n", encoding="utf-8")
        (docs / f"{name}.es.md").write_text(SPANISH.format(t=name, n=name), encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "start")
    return tmp_path


def run(project, *pages):
    proc = subprocess.run([sys.executable, "-m", "mildguide.translation", "stamp", "--docs", "docs", *pages],
                          cwd=project, env=mkdocs_env(), capture_output=True, text=True)
    return proc.returncode, proc.stdout + proc.stderr


def states(project):
    return {n: T.state(project / "docs", f"{n}.md").state for n in ("recovery", "faq")}


def test_no_page_named_refuses_with_usage(project):
    code, out = run(project)
    assert code == 2 and "make translation-stamp PAGES=" in out, out
    assert states(project) == {"recovery": "unstamped", "faq": "unstamped"}


def test_only_the_named_page_is_stamped(project):
    code, out = run(project, "recovery.es.md")
    assert code == 0, out
    assert states(project) == {"recovery": "current", "faq": "unstamped"}
    commit = git(project, "log", "-1", "--format=%H").strip()
    assert f"source_commit: {commit}" in (project / "docs/recovery.es.md").read_text()
    code, out = run(project, "docs/recovery.es.md")          # again: nothing to change, and it says so
    assert code == 0 and "already current: docs/recovery.es.md" in out, out


def test_uncommitted_english_page_refuses(project):
    run(project, "recovery.es.md", "faq.es.md")
    english = project / "docs/recovery.md"
    english.write_text(english.read_text() + "\nA new English sentence.\n")
    before = (project / "docs/recovery.es.md").read_text()
    code, out = run(project, "recovery.es.md")
    assert code == 2 and "docs/recovery.md has uncommitted changes" in out, out
    assert (project / "docs/recovery.es.md").read_text() == before
    assert states(project)["recovery"] == "stale"              # still stale: the notice stays


def test_unknown_page_refuses(project):
    code, out = run(project, "anesthesia.es.md")
    assert code == 2 and "docs/anesthesia.es.md: no such Spanish page" in out, out
