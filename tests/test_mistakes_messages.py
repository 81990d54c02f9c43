"""Mistake suite, issue 23 §5: one message per problem, naming the file the contributor must
change. A nav typo, a page missing from the nav and a broken registry entry share one copy
of the project and one `make build` (with test_mistakes_data.py's bad `extra.embed_redirects`
path, a post-build message about another setting); a YAML error in mkdocs.yml stops the build before any
page is read, so it gets a copy of its own. Helpers from tests/test_mistakes*.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild import build_once, copy_project
from test_mistakes import _new_page
from test_mistakes_checks import _edit, make_build


def _line(project: Path, file: str, marker: str) -> int:
    text = (project / file).read_text(encoding="utf-8")
    assert text.count(marker) == 1, marker
    return text[: text.index(marker)].count("\n") + 1


def _about(output: str, word: str) -> list[str]:
    """The problem lines (not the build's own summary lines) that mention `word`."""
    return [l for l in output.splitlines() if word in l and re.match(r"^(ERROR|WARNING) +- ", l)]


@pytest.fixture(scope="session")
def nav_mistakes(tmp_path_factory, worker_id):
    """Built once per test run (build_once), whichever xdist worker asks first: a module
    fixture was built once per worker, i.e. twice under `make test`."""
    result = build_once(tmp_path_factory, worker_id, "nav-mistakes", _nav_mistakes_build)
    assert not result.ok, result.output
    return result.project, result


def _nav_mistakes_build(dest: Path):
    project = copy_project(dest / "project")
    _edit(project, "mkdocs.yml", "      - Glossary: glossary.md\n", "      - Glossary: glosary.md\n")
    _new_page(project, "forgotten.md", "A page nobody added to the nav. See [the FAQ](faq.md).")
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSee [the new page](forgotten.md).\n", encoding="utf-8")
    # a broken registry entry whose Spanish description exists
    _edit(project, "docs/sources.md", "    kind: Clinic marketing page. It cites one book chapter, which was not "
          "checked.\n", "")
    _edit(project, "docs/sources.es.md", "clinical_review: none\n", "clinical_review: none\nsource_translations:\n"
          "  src-002:\n    kind: Una página web.\n")
    _edit(project, "mkdocs.yml", "\nextra:\n", "\nextra:\n" + BAD_EMBED_REDIRECTS)   # tests/test_mistakes_data.py
    return make_build(project)


# A bad path next to a redirect to a missing embed: the bad path stops the redirect check, so
# only its message comes (tests/test_mistakes_data.py). It is checked in the post-build pass
# and names no page, so it shares the nav mistakes' copy instead of a full build of its own.
BAD_EMBED_REDIRECTS = ("  embed_redirects:\n"
                       "    embed/faq/topic-gone/: embed/no-such-page/\n"
                       "    faq/: embed/faq/\n")


def test_nav_typo_is_one_message_at_its_mkdocs_yml_line(nav_mistakes):
    project, result = nav_mistakes
    line = _line(project, "mkdocs.yml", "glosary.md")
    hits = _about(result.output, "glosary")
    assert len(hits) == 1, "\n".join(hits) + "\n\n" + result.output
    assert f"mkdocs.yml:{line}: " in hits[0] and "did you mean 'glossary.md'?" in hits[0], hits
    follow_on = [l for l in _about(result.output, "glossary.md") if "glosary" not in l]
    assert not follow_on, result.output     # nothing more about the file it meant


def test_page_missing_from_the_nav_is_one_message_at_mkdocs_yml(nav_mistakes):
    project, result = nav_mistakes
    hits = _about(result.output, "forgotten")
    assert len(hits) == 1, "\n".join(hits) + "\n\n" + result.output
    nav = _line(project, "mkdocs.yml", "\nnav:\n") + 1
    assert f"mkdocs.yml:{nav}: docs/forgotten.md is not in the nav" in hits[0], hits


def test_broken_registry_entry_is_called_broken_not_unknown(nav_mistakes):
    project, result = nav_mistakes
    assert "is not a source id in the registry" not in result.output, result.output
    hits = _about(result.output, "'src-002'")
    assert len(hits) == 1 and "docs/sources.md:" in hits[0] and "missing 'kind'" in hits[0], hits


@pytest.mark.parametrize("old, new, expect", [
    ("      - Glossary: glossary.md\n", "    - Glossary: glossary.md\n", "check the indentation"),
    ("      - Glossary: glossary.md\n", "      - Glossary: the words: glossary.md\n", "put it in quotes"),
], ids=["nav entry indented wrongly", "nav title with an unquoted colon"])
def test_yaml_error_in_mkdocs_yml_is_plain_words_with_the_line(tmp_path, old, new, expect):
    project = copy_project(tmp_path / "project")
    _edit(project, "mkdocs.yml", old, new)
    line = _line(project, "mkdocs.yml", new.strip())
    result = make_build(project)
    assert not result.ok
    hits = [l for l in result.output.splitlines() if l.startswith(f"mkdocs.yml:{line}: ")]
    assert len(hits) == 1 and expect in hits[0], result.output
    assert "while parsing" not in result.output and "mapping values" not in result.output, result.output


def test_nav_check_sees_each_save_of_mkdocs_yml(tmp_path):
    """`make serve` checks the nav at every rebuild and keeps the parsed config per text
    (navcheck._compose): an edited nav is checked as it now is, a file saved back as it was
    gives the first answer again."""
    from mildguide.navcheck import nav_problems
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.md", "b.md"):
        (docs / name).write_text(f"# {name}\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"

    def problems(nav: str) -> list[str]:
        config.write_text(f"site_name: X\nnav:\n{nav}", encoding="utf-8")
        return [p.message.split(":")[0] for p in nav_problems(config, ["a.md", "b.md"], docs)]

    both = "  - A: a.md\n  - B: b.md\n"
    assert problems(both) == []
    assert problems("  - A: a.md\n") == ["docs/b.md is not in the nav"]
    assert problems("  - A: a.md\n  - B: bb.md\n") == ["the nav names 'bb.md', which is not a file in docs/"]
    assert problems(both) == []
