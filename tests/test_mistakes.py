"""Contributor-mistake suite: copy the real project, inject mistakes, build and run the
link checker (as `make linkcheck` does), and assert that it fails with a message naming the
right file — and the line, where the Markdown has one — for each mistake.

A build of the whole project takes seconds, so independent mistakes share one copy and one
build (GROUPS): mistakes found while the pages are converted ("before": front matter,
citations, glossary, FAQ, tables, boxes) in one, carried by tests/test_mistakes_checks.py's
copy of the build's own checks (`checks_build`, one build for both), those found in the built
site ("after": links, scripts, the nav) in another, each page edited by at most one mistake
that rewrites it. Every message is an error under `--strict`, so a mistake whose own message is there
fails the build on its own too. Each mistake stays its own test.

The unmodified copy must pass the same build + check, so this suite cannot pass by failing
everything.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
import yaml

from linkcheck_helpers import build_and_check
from sitebuild import ROOT, BuildResult, build_once, copy_project


@dataclass
class Mistake:
    page: str                          # docs/… file the mistake goes into (and the message must name)
    text: str                          # appended to the page (a new paragraph) …
    expect: str                        # … and a phrase the message must contain
    line: bool | int | str = True      # True: the injected (first) line; an int: that line; "any": some
                                       # line; "row": the line holding the edited table row;
                                       # False: the file only (the mistake has no line)
    setup: Callable[[Path], None] | None = None   # extra change to the project (nav, not_in_nav …)
    setup_edits_page: bool = True      # False: `setup` only adds files, `page` stays as it is
    edit: Callable[[str], str] | None = None      # instead of appending: rewrite the page's text
    stage: str = "after"               # "before": found while the pages are converted (grouped
                                       # apart, in test_mistakes_checks.py's copy: `mistake_build`)


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"the mistake suite expected {old!r} in the page"
        return text.replace(old, new, 1)
    return edit


def _resub(pattern: str, new: str) -> Callable[[str], str]:
    """Like _replace, for text that page edits change (review dates, a cell's wording)."""
    def edit(text: str) -> str:
        changed, n = re.subn(pattern, new, text, count=1, flags=re.M)
        assert n, f"the mistake suite expected a match for {pattern!r} in the page"
        return changed
    return edit


def _drop_from_nav(project: Path, page: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text()
    new = re.sub(rf"^\s*- [^\n]*: {re.escape(page)}\n", "", text, count=1, flags=re.M)
    assert new != text, f"{page} is not in the nav"
    config.write_text(new)


def _edit_config(project: Path, old: str, new: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(_replace(old, new)(config.read_text()))


def _new_page(project: Path, name: str, body: str) -> None:
    (project / "docs" / name).write_text(
        "---\ntitle: Extra page\ndescription: A page added by the mistake suite.\n"
        "reviewed: 2026-11-23\nnext_review: 2027-11-23\nclinical_review: none\ncitations: none\n---\n\n# Extra page\n\n" + body + "\n")


def _not_in_nav(project: Path, pattern: str) -> None:
    """Add `pattern` to mkdocs.yml's not_in_nav (a second not_in_nav key would replace the first)."""
    config = project / "mkdocs.yml"
    text = config.read_text()
    if "\nnot_in_nav: |\n" in text:
        config.write_text(text.replace("\nnot_in_nav: |\n", f"\nnot_in_nav: |\n  /{pattern}\n", 1))
    else:
        config.write_text(text + f"\nnot_in_nav: |\n  /{pattern}\n")


MISTAKES: dict[str, Mistake] = {
    "broken page link": Mistake("docs/candidates.md", "See [the plan](no-such-page.md).", "no-such-page"),
    "broken anchor": Mistake("docs/candidates.md", "See [causes](stenosis.md#no-such-anchor).",
                             "anchor #no-such-anchor does not exist"),
    "broken same-page anchor": Mistake("docs/risks.md", "Back to [the top part](#no-such-part).",
                                       "anchor #no-such-part does not exist"),
    "broken link in raw HTML": Mistake("docs/recovery.md", '<p><a href="../no-such-page/">Next</a></p>',
                                       "link target does not exist"),
    "missing image": Mistake("docs/what-is-mild.md", "![The spine](assets/no-such-image.png)",
                             "no-such-image.png"),
    "raw <script>": Mistake("docs/benefits.md", "<script>alert('hi')</script>", "raw <script>"),
    "onclick= handler": Mistake("docs/benefits.md", '<p onclick="alert(1)">Tap here</p>',
                                "inline event handler `onclick=`"),
    "javascript: URL": Mistake("docs/questions.md", "[Print this page](javascript:window.print())",
                               "javascript: URL"),
    "http:// external link": Mistake("docs/evidence.md", "Read [the study](http://www.example.org/study).",
                                     "must use https://"),
    "URL shortener link": Mistake("docs/evidence.md", "Read [the study](https://bit.ly/3xyzabc).",
                                  "link to a URL shortener (bit.ly)"),
    "tracking parameter": Mistake("docs/evidence.md",
                                  "Read [the study](https://www.example.org/study?utm_source=guide).",
                                  "tracking parameter `utm_source`"),
    "tracker host link": Mistake("docs/evidence.md", "![x](https://www.google-analytics.com/collect?v=1)",
                                 "link to a tracker (google-analytics.com)"),
    "unregistered external link": Mistake("docs/stenosis.md", "See [a page](https://www.example.org/page).",
                                          "not in the links registry"),
    # Found while the pages are converted; each on a page of its own (so the edits of the front
    # matter cannot shift each other's lines). They ride in tests/test_mistakes_checks.py's copy
    # (`checks_build`): none is on a page whose part that copy edits (the two front matter
    # rewrites sit on pages it leaves alone), and each test finds its message at its own line.
    "unknown citation id": Mistake("docs/risks.md", "MILD is safe for most people.[@no-such-source]",
                                   "unknown source id 'no-such-source'", stage="before"),
    "missing front matter field": Mistake("docs/benefits.md", "", "front matter is missing 'description'", line=1,
                                          stage="before",
                                          edit=lambda t: "\n".join(l for l in t.splitlines()
                                                                   if not l.startswith("description:")) + "\n"),
    "invalid front matter date": Mistake("docs/decision-summary.md", "", "'reviewed' must be a date", line=4,
                                         stage="before",
                                         edit=_resub(r"^reviewed: \d{4}-\d\d-\d\d$", "reviewed: 2026-13-45")),
    "front matter description over 160 characters": Mistake(
        "docs/what-is-mild.md", "", "the limit is 160", line=3, stage="before",
        edit=_replace("description: ", "description: " + "Plain words about MILD. " * 8)),
    "malformed YAML front matter": Mistake("docs/faq/topic-cost.md", "", "front matter is not valid YAML", line="any",
                                           stage="before", edit=_replace("title: ", "title: [")),
    "duplicate FAQ question": Mistake("docs/faq/topic-condition.md", "## Who gets it?\n\nMostly older people.[@src-000]",
                                      "duplicate question 'Who gets it?'", stage="before"),
    "comparison-table cell with a fact and no citation": Mistake(
        "docs/compare.md", "", "row 'Steroid shots': column(s) 2 need a source", line="row", stage="before",
        edit=_resub(r"^(\| \[Steroid shots\]\([^)]*\) \| )[^|]*\[@friedly-2014\] \|",
                    r"\1A shot near the nerves, done in 10 minutes |")),
    "glossary term defined twice": Mistake("docs/glossary.md", "### Blood clot { #blood-clot-again }\n\nA lump.",
                                           "glossary defines 'Blood clot' twice", stage="before"),
    "sources-differ box citing one source": Mistake(
        "docs/recovery.md", '!!! sources-differ "Sources differ: a test"\n    - One says yes.[@src-000]\n'
                            '    - The same one says no.[@src-000]',
        "must cite at least 2 different sources", stage="before"),
    # one message, at the nav in mkdocs.yml: the file the contributor must change (issue 23 §5)
    "new page in no nav entry": Mistake("mkdocs.yml", "", "docs/stray.md is not in the nav", line="any",
                                        setup=lambda p: _new_page(p, "stray.md", "A page nobody listed."),
                                        setup_edits_page=False),
    # found by the post-build pass (issue 15): tests/test_mistakes_data.py reads it too
    "embed redirect to a page the build did not write": Mistake(
        "mkdocs.yml", "", "mkdocs.yml: extra.embed_redirects: embed/faq/topic-gone/ points to embed/no-such-page/, "
        "which the build did not write", line=False,
        setup=lambda p: _edit_config(p, "\nextra:\n", "\nextra:\n  embed_redirects:\n"
                                        "    embed/faq/topic-gone/: embed/no-such-page/\n")),
    "page left out of the nav": Mistake("mkdocs.yml", "", "docs/glossary.md is not in the nav", line="any",
                                        setup=lambda p: _drop_from_nav(p, "glossary.md")),
    "orphan page (not_in_nav, unlinked)": Mistake(
        "docs/extra.md", "", "orphan page", line=False,
        setup=lambda p: (_new_page(p, "extra.md", "Nothing links here."), _not_in_nav(p, "extra.md"))),
}


def inject(project: Path, mistake: Mistake) -> int | None:
    """Apply the mistake; return the line number the injected text sits on."""
    if mistake.setup:
        mistake.setup(project)
    if mistake.edit:
        page = project / mistake.page
        page.write_text(mistake.edit(page.read_text()))
    if not mistake.text:
        return None
    page = project / mistake.page
    lines = page.read_text().splitlines()
    page.write_text("\n".join(lines + ["", mistake.text]) + "\n")
    return len(lines) + 2


def _rewrites(m: Mistake) -> bool:
    return bool(m.edit or (m.setup and m.setup_edits_page))


def _clash(a: Mistake, b: Mistake) -> bool:
    """Two mistakes on one page clash when one rewrites it and either message must be at an
    exact line (the rewrite may move it). Two rewrites of different parts are fine: each edit
    asserts the text it replaces is there, so one that undid the other would stop the suite."""
    if a.page != b.page or not (_rewrites(a) or _rewrites(b)):
        return False
    return any(m.line not in ("any", False) for m in (a, b))


def _group(mistakes: dict[str, Mistake]) -> dict[str, list[str]]:
    """Mistakes of one stage share a build; a page takes several mistakes only when none
    clashes with another (each then knows its own line)."""
    groups: dict[str, list[str]] = {}
    for name, m in mistakes.items():
        for group, members in groups.items():
            if group.startswith(m.stage + "-") and not any(_clash(o, m) for o in (mistakes[n] for n in members)):
                members.append(name)
                break
        else:
            groups[f"{m.stage}-{sum(g.startswith(m.stage + '-') for g in groups) + 1}"] = [name]
    return groups


GROUPS = _group(MISTAKES)
GROUP_OF = {name: group for group, names in GROUPS.items() for name in names}


@pytest.fixture(scope="session")
def mistake_build(tmp_path_factory, worker_id):
    """group -> (result of build + check of a copy holding the group's mistakes, the line each
    mistake sits on). Each group is built once per test run, whichever worker asks first.
    The strict build's own exit code and output are kept apart too (`strict_build`)."""
    def get(group: str):
        if group.startswith("before-"):             # in the build-check mistakes' copy
            from test_mistakes_checks import checks_build
            result = checks_build(tmp_path_factory, worker_id)
            return result, json.loads((result.project.parent / "lines.json").read_text())

        def make(dest: Path) -> BuildResult:
            project = copy_project(dest / "project")
            lines = {name: inject(project, MISTAKES[name]) for name in GROUPS[group]}
            (dest / "lines.json").write_text(json.dumps(lines))
            result = build_and_check(project)
            (dest / "build.json").write_text(json.dumps({"returncode": result.build.returncode,
                                                         "output": result.build.output}))
            return BuildResult(1 if result.failed else 0, result.all_output, result.build.site, project)
        result = build_once(tmp_path_factory, worker_id, f"mistakes-{group}", make)
        return result, json.loads((result.project.parent / "lines.json").read_text())
    return get


def strict_build(result: BuildResult) -> tuple[int, str]:
    """The exit code and output of the strict build alone (before the link check) of a group."""
    data = json.loads((result.project.parent / "build.json").read_text())
    return data["returncode"], data["output"]


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xdist_group(f"mistakes-{GROUP_OF[n]}"))
                                  for n in MISTAKES])
def test_mistake_fails_naming_file_and_line(mistake_build, name):
    mistake = MISTAKES[name]
    result, lines = mistake_build(GROUP_OF[name])
    line = lines[name]
    output = result.output
    assert not result.ok, f"{name}: the build + check passed\n{output}"
    if mistake.line is True:
        where = rf"{re.escape(mistake.page)}:{line}: "
    elif mistake.line is False:
        where = rf"{re.escape(mistake.page)}: "
    elif mistake.line == "row":      # the line the edit changed
        number = next(n for n, text in enumerate((result.project / mistake.page).read_text().splitlines(), 1)
                      if "done in 10 minutes" in text)
        where = rf"{re.escape(mistake.page)}:{number}: "
    elif mistake.line == "any":
        where = rf"{re.escape(mistake.page)}:\d+: "
    else:
        where = rf"{re.escape(mistake.page)}:{mistake.line}: "
    hits = [m for m in output.splitlines() if re.search(where, m) and mistake.expect in m]
    assert hits, f"{name}: no message matching {where!r} with {mistake.expect!r}\n{output}"


def test_mistakes_are_grouped_by_stage_with_one_rewrite_per_page():
    assert sorted(GROUP_OF) == sorted(MISTAKES)
    assert [g for g in GROUPS if g.startswith("before-")] == ["before-1"]    # one copy carries them
    for group, names in GROUPS.items():
        assert {MISTAKES[n].stage for n in names} == {group.split("-")[0]}, group
        for a in names:
            assert not any(_clash(MISTAKES[a], MISTAKES[b]) for b in names if b != a), (group, a)


def test_unmodified_copy_passes_build_and_check(unmodified_copy):
    assert unmodified_copy.ok, unmodified_copy.output


def test_omitted_page_fails_the_strict_build(mistake_build):
    """MkDocs' validation.omitted_files warns; under strict that must fail the build itself
    (docs/stray.md, a new page in no nav entry: MISTAKES, in a shared group's copy). Under
    --strict every warning fails the build, so its one message there is what fails it."""
    config = yaml.safe_load(re.sub(r"!\w+", "", (ROOT / "mkdocs.yml").read_text()))
    assert config["validation"]["omitted_files"] == "warn" and config["strict"] is True
    result, _ = mistake_build(GROUP_OF["new page in no nav entry"])
    code, output = strict_build(result)
    assert code != 0, output
    # one message, at the nav in mkdocs.yml, instead of MkDocs' and the link check's (issue 23 §5)
    assert re.search(r"mkdocs\.yml:\d+: docs/stray\.md is not in the nav", output), output
    problems = [l for l in output.splitlines() if re.match(r"^(ERROR|WARNING) +- ", l)]
    assert len([l for l in problems if "stray.md" in l]) == 1, output


def side_page(project: Path) -> None:
    """A page kept out of the nav on purpose (not_in_nav) and linked from a page."""
    _new_page(project, "extra.md", "A side page.")
    _not_in_nav(project, "extra.md")
    page = project / "docs" / "faq.md"
    page.write_text(page.read_text() + "\nSee [the side page](extra.md).\n")


def test_not_in_nav_page_that_is_linked_passes(tmp_path_factory, worker_id):
    """A page kept out of the nav on purpose, and linked from a page, is fine: it shares
    test_contributor_flow.py's build and link check of correct work (`contributor_build`)."""
    from test_contributor_flow import contributor_build
    result = contributor_build(tmp_path_factory, worker_id)
    assert (result.project / "docs" / "extra.md").is_file() and "/extra.md" in (result.project / "mkdocs.yml").read_text()
    assert result.ok, result.output
    assert "docs/extra.md" not in result.output, result.output      # no warning about it either
