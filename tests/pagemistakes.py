"""One copy of the project holding several independent, page-local mistakes, built once per
test run and shared by the tests that plant them (issue 23: fewer builds, no fewer checks).

Each mistake sits in files of its own, is found while its page is converted, and names its own
file:line. None touches the nav, a data file (warning-signs.yml, the glossary's terms, the
registry) or mkdocs.yml other than one Spanish menu title (nav_translations: checked once before
any page, never stopping the build), so none stops the build early or changes what another
page's check sees
(an edited English page makes its Spanish page stale, whose structure is then not compared:
so no planted Spanish page has an edited English page).
A test asks for its own mistake by name and asserts each of its messages exactly once, at its
own file:line (`assert_caught`). tests/test_mistakes_shared.py proves the grouping: every
planted message once, no message about any other file, and the same copy without the mistakes
builds clean (the shared `unmodified_copy`).
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Callable

from sitebuild import BuildResult, build, build_once, copy_project

# An expected message: (file, line, words the message must hold).
Expect = tuple[str, int, tuple[str, ...]]


def _line_of(text: str, marker: str) -> int:
    assert text.count(marker) == 1, f"{marker!r} is not unique"
    return text[: text.index(marker)].count("\n") + 1


def _appended(project: Path, rel: str, added: str, words: str) -> list[Expect]:
    """`added` (a blank line, then the mistake) at the end of the page; its message is expected
    at the mistake's first line."""
    page = project / rel
    text = page.read_text()
    page.write_text(text + added)
    return [(rel, text.count("\n") + 2, (words,))]


def british_spelling(project: Path) -> list[Expect]:            # tests/test_trust.py
    return _appended(project, "docs/benefits.md", "\nThe colour of the wound may change.[@src-002]\n",
                     "British spelling 'colour'")


def key_points_and_clinical_review(project: Path) -> list[Expect]:   # tests/test_trust.py
    risks = project / "docs" / "risks.md"
    text = risks.read_text()
    start = text.index('!!! key-points "Key points"')
    end = text.index("\n\n", start) + 2
    h1 = text[:text.index("# Risks")].count("\n") + 1
    risks.write_text(text[:start] + text[end:])
    glossary = project / "docs" / "glossary.md"
    glossary.write_text(glossary.read_text().replace("clinical_review: none\n", "", 1))
    evidence = project / "docs" / "evidence.md"
    ev = evidence.read_text()
    review_line = _line_of(ev, "clinical_review:")
    evidence.write_text(ev.replace("clinical_review: none", "clinical_review: {by: Dr. Nobody, date: 2099-01-01}", 1))
    return [("docs/risks.md", h1, ("no Key points box",)),
            ("docs/glossary.md", 1, ("missing 'clinical_review'",)),
            ("docs/evidence.md", review_line, ("in the future",))]


def hand_written_care_card(project: Path) -> list[Expect]:      # tests/test_warning_signs.py
    return _appended(project, "docs/before.md",
                     '\n!!! care-urgent "Call your care team today if"\n    - the wound is leaking[@src-002]\n',
                     "care cards come from warning-signs.yml")


def citation_error_after_a_marker(project: Path) -> list[Expect]:   # tests/test_warning_signs.py
    page = project / "docs" / "recovery.md"
    text = page.read_text()
    assert "[[warning-signs: " in text           # the marker expands to many lines before this one
    text = text.rstrip("\n") + "\n\nOne more fact.[@no-such-source]\n"
    page.write_text(text)
    return [("docs/recovery.md", text.count("\n"), ("no-such-source",))]


def broken_icon_arrays(project: Path) -> list[Expect]:         # tests/test_decision_aid.py
    from test_decision_aid import BROKEN_FIGURES, PAGE
    page = project / PAGE
    lines = page.read_text().rstrip("\n").split("\n")
    expects = []
    for block, words in BROKEN_FIGURES.values():
        lines += [""]
        expects.append((PAGE, len(lines) + 1, ("icon array:", words)))
        lines += block.rstrip("\n").split("\n")
    page.write_text("\n".join(lines) + "\n")
    return expects


def spanish_page_without_the_warning_signs(project: Path) -> list[Expect]:   # tests/test_i18n.py
    from test_i18n import spanish_copy
    docs = project / "docs"
    spanish_copy(docs / "home-care.md", docs / "home-care.es.md", "Cuidados en casa")
    page = docs / "home-care.es.md"
    text = page.read_text(encoding="utf-8")
    assert text.count("[[warning-signs: after-procedure]]") == 1
    page.write_text(text.replace("[[warning-signs: after-procedure]]", "", 1), encoding="utf-8")
    h1 = next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith("# "))
    # the copy's own stamp is null (as in the test this came from): that is said too, once
    return [("docs/home-care.es.md", h1, ("warning signs differ from the English page docs/home-care.md",)),
            ("docs/home-care.es.md", _line_of(text, "translation:"), ("the translation has no stamp",))]


def _edit(path: Path, old: str, new: str) -> str:
    """Replace the one `old` in `path`; return the text before the edit."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text


def spanish_structure_and_nav_title(project: Path) -> list[Expect]:   # tests/test_i18n_structure.py
    """A Spanish heading one level down, a Key points box titled in English, a Spanish page
    without its stamp (their English pages unedited here), and a nav entry with no Spanish title."""
    docs = project / "docs"
    heading = "## Cómo se hace, paso a paso"           # the second h2: one level down skips none
    level = _line_of(_edit(docs / "what-is-mild.es.md", "\n" + heading, "\n#" + heading), heading)
    box = '!!! key-points "Puntos clave"'
    key_points = _line_of(_edit(docs / "stenosis.es.md", box, '!!! key-points "Key points"'), box)
    costs = docs / "costs.es.md"
    text = costs.read_text(encoding="utf-8")
    costs.write_text(re.sub(r"source_hash: \S+", "source_hash: null", text, count=1), encoding="utf-8")
    # mkdocs.yml, in nav_translations only: checked once, before any page, and not stopping the
    # build (scripts/hooks/i18n.py); the nav itself stays as it is
    _edit(project / "mkdocs.yml", "            Glossary: Glosario\n", "")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    return [("docs/what-is-mild.es.md", level, ("level 3 (###) here but level 2 (##)",)),
            ("docs/stenosis.es.md", key_points, ('the Key points box is titled "Key points"',)),
            ("docs/costs.es.md", _line_of(text, "translation:"), ("the translation has no stamp", "PAGES=costs.es.md")),
            ("mkdocs.yml", _line_of(config, "- Glossary: glossary.md"), ("nav entry 'Glossary' has no es title",
                                                                       "nav_translations"))]


PLANTED: dict[str, Callable[[Path], list[Expect]]] = {
    "British spelling": british_spelling,
    "no Key points box, clinical_review missing or in the future": key_points_and_clinical_review,
    "hand-written care card": hand_written_care_card,
    "citation error after a warning-signs marker": citation_error_after_a_marker,
    "broken icon arrays": broken_icon_arrays,
    "Spanish page without the English page's warning signs": spanish_page_without_the_warning_signs,
    "Spanish structure mistakes and a nav entry with no Spanish title": spanish_structure_and_nav_title,
}

PROBLEM = re.compile(r"^(ERROR|WARNING) +- ")


def problems(output: str) -> list[str]:
    return [l for l in output.splitlines() if PROBLEM.match(l)]


def shared_build(tmp_path_factory, worker_id) -> tuple[BuildResult, dict[str, list[Expect]]]:
    """(the strict build of the copy with every planted mistake, each mistake's expected messages)."""
    def make(dest: Path) -> BuildResult:
        project = copy_project(dest / "project")
        expects = {name: plant(project) for name, plant in PLANTED.items()}
        (dest / "expects.json").write_text(json.dumps(expects))
        return build(project)

    result = build_once(tmp_path_factory, worker_id, "page-mistakes", make)
    expects = json.loads((result.project.parent / "expects.json").read_text())
    return result, {name: [(f, n, tuple(w)) for f, n, w in e] for name, e in expects.items()}


def assert_caught(shared: tuple[BuildResult, dict[str, list[Expect]]], name: str) -> None:
    """The build failed, and each of `name`'s messages is there once, at its own file:line."""
    result, expects = shared
    assert not result.ok, "the build should have failed:\n" + result.output
    for file, line, words in expects[name]:
        hits = [l for l in problems(result.output) if f"{file}:{line}:" in l and all(w in l for w in words)]
        assert len(hits) == 1, f"{name}: want one message at {file}:{line} with {words}, got {hits}\n{result.output}"
