"""Warning signs are defined once (warning-signs.yml) and rendered by `[[warning-signs: SET]]`
(issue 11 §1): unit tests of mildguide.page.warning_signs, the real definition, the real built
pages, and project copies with one mistake each (the build must fail naming file:line)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from lxml import html

from mildguide.page import sources
from mildguide.page import warning_signs as W
from mildguide.problems import Problem, through_line_map
from pagemistakes import assert_caught
from sitebuild import ROOT, BuildResult, build, build_once, copy_project

SMALL = """\
signs:
  - id: numb
    level: emergency
    text: "numbness between your legs"
    sources: [a]
  - id: fever
    level: urgent
    text: "a fever"
    sources: [a, b]
  - id: unsure
    level: nonurgent
    text: "you are not sure"
    sources: [b]
sets:
  all: [unsure, fever, numb]
  nerve: [numb]
"""
CES = {"saddle-numbness", "wiping-feels-different", "bladder-trouble", "leaking-urine",
       "bowel-control", "sexual-function", "leg-weakness", "walking-change"}
NOT_ALONE = re.compile(r"\b(and also|together with|as well as|along with|with (bad|severe) pain)\b", re.I)


def small():
    defs, problems = W.load(SMALL, "warning-signs.yml", {"a", "b"})
    assert problems == []
    return defs


# --- the pure module ---------------------------------------------------------------------

def test_marker_becomes_cards_emergency_first_with_citations():
    out = W.expand("# T\n\nIntro.\n\n[[warning-signs: all]]\n\nAfter.\n", small())
    assert "[[warning-signs" not in out
    cards = re.findall(r"^!!! (care-\w+)", out, re.M)
    assert cards == ["care-emergency", "care-urgent", "care-nonurgent"]
    assert "    - numbness between your legs[@a]" in out
    assert "    - a fever[@a; @b]" in out
    assert out.index("Intro.") < out.index("!!! care-emergency") < out.index("After.")


def test_marker_keeps_indentation_and_code_is_left_alone():
    out = W.expand("- item\n\n    [[warning-signs: nerve]]\n", small())
    assert '    !!! care-emergency "' in out and "        - numbness between your legs[@a]" in out
    code = "```\n[[warning-signs: nerve]]\n```\n"
    assert W.expand(code, small()) == code
    assert W.check(code, small(), "docs/x.md") == []


def test_expand_lines_maps_each_new_line_to_its_source_line():
    lines, origin = W.expand_lines(["a", "[[warning-signs: nerve]]", "b"], small())
    assert lines[0] == "a" and lines[-1] == "b"
    assert origin[0] == 0 and origin[-1] == 2 and set(origin[1:-1]) == {1}


def test_problems_after_a_marker_keep_their_line_in_the_file():
    _, origin = W.expand_lines(["a", "[[warning-signs: all]]", "b", "c"], small())
    line_map = (10, origin)                                 # body starts on line 10
    moved = through_line_map(Problem("docs/x.md", 10 + len(origin) - 1, "c is wrong"), line_map)
    assert moved.line == 13
    inside = through_line_map(Problem("docs/x.md", 13, "in a card"), line_map)
    assert inside.line == 11                                # the marker's own line
    assert through_line_map(Problem("docs/y.md", 40, "other"), None).line == 40


@pytest.mark.parametrize("card", ["!!! care-emergency \"Call 911\"", "??? care-urgent", "???+ care-nonurgent",
                                  "!!! danger care-urgent \"x\"", '<div class="admonition care-emergency">'])
def test_hand_written_care_card_is_a_problem_with_its_line(card):
    problems = W.check(f"# T\n\nText.\n\n{card}\n    - x\n", small(), "docs/x.md", first_line=7)
    assert [(p.line, "warning-signs.yml" in p.message) for p in problems] == [(11, True)]


def test_unknown_set_is_a_problem_with_its_line():
    problems = W.check("# T\n\n[[warning-signs: nerves]]\n", small(), "docs/x.md", 5)
    assert len(problems) == 1 and problems[0].line == 7 and "unknown warning-signs set 'nerves'" in problems[0].message


@pytest.mark.parametrize("old,new,line,words", [
    ("level: urgent", "level: soon", 7, "unknown level 'soon'"),
    ("sources: [a, b]\n  - id: unsure", "sources: []\n  - id: unsure", 9, "no sources"),
    ("sources: [b]", "sources: [b, zz]", 13, "unknown source id 'zz'"),
    ("nerve: [numb]", "nerve: [numb, nope]", 16, "unknown sign 'nope'"),
    ('text: "a fever"', 'text: "a fever and also pain"', 8, "stand on its own"),
    ('text: "a fever"', 'text: "a high temperature, feeling feverish or unwell (behaviour)"', 8, "British spelling"),
    ('text: "a fever"', 'text: "a fever[@a]"', 8, "plain words"),
])
def test_bad_definition_names_the_line_in_the_data_file(old, new, line, words):
    assert old in SMALL
    _, problems = W.load(SMALL.replace(old, new, 1), "warning-signs.yml", {"a", "b"})
    assert any(p.path == "warning-signs.yml" and p.line == line and words in p.message for p in problems), problems


GROUPED = SMALL.replace("    level: emergency\n", "    level: emergency\n    group: nerves\n", 1) + """\
groups:
  nerves:
    title: "Nerve signs"
    means: "Something may press on the nerves."
    sources: [a]
"""


def test_signs_show_under_their_group_title_and_what_it_may_mean():
    defs, problems = W.load(GROUPED, "warning-signs.yml", {"a", "b"})
    assert problems == []
    out = W.expand("[[warning-signs: all]]\n", defs)
    card = out.split("!!! care-urgent")[0]
    assert "    **Nerve signs.** Something may press on the nerves.[@a]" in card
    assert card.index("**Nerve signs.**") < card.index("- numbness between your legs")
    assert "**" not in out.split("!!! care-urgent")[1], "a sign without a group gets no title"


@pytest.mark.parametrize("old,new,words", [
    ("    group: nerves\n", "    group: nerve\n", "unknown group 'nerve'"),
    ('    sources: [a]\n"""', '    sources: [zz]\n"""', "unknown source id 'zz'"),
    ('means: "Something may press on the nerves."', 'means: ""', "has no 'means'"),
    ('title: "Nerve signs"', 'title: "Nerve signs"\n    title_es: "Signos"\n    means_es: "Algo."\n    es_of: 000000000000',
     "English title or means changed"),
])
def test_bad_group_is_a_problem_in_the_data_file(old, new, words):
    assert old in GROUPED + '"""'
    _, problems = W.load((GROUPED + '"""').replace(old, new, 1)[:-3], "warning-signs.yml", {"a", "b"})
    assert any(p.path == "warning-signs.yml" and p.line and words in p.message for p in problems), problems


# --- the real definition -------------------------------------------------------------------

def real_definitions():
    registry, _ = sources.parse_registry((ROOT / "docs" / "sources.md").read_text(), "docs/sources.md")
    defs, problems = W.load((ROOT / W.FILE).read_text(), W.FILE, set(registry))
    assert problems == [], "\n".join(map(str, problems))
    return defs


def test_every_emergency_sign_stands_alone():
    defs = real_definitions()
    emergency = [s for s in defs.signs.values() if s.level == "emergency"]
    assert CES <= {s.id for s in emergency}
    for s in emergency:
        assert not NOT_ALONE.search(s.text), s
        assert s.sources, s


def test_sets_hold_what_the_pages_need():
    defs = real_definitions()
    assert set(defs.sets["nerve-emergency"]) == CES
    assert set(defs.sets["after-procedure"]) == set(defs.signs)
    assert defs.signs["sudden-back-pain"].level == "emergency"
    # src-002 says "let your doctor know right away": one level for all of these, everywhere
    assert {defs.signs[i].level for i in ("pain-lasting", "pain-worse", "fever", "wound-leaking")} == {"urgent"}
    text = " ".join(s.text for s in defs.signs.values())
    assert "bottom" not in text and not re.search(r"\btick\b", text, re.I)


# --- the real built pages ----------------------------------------------------------------

def _cards(tree):
    out = []
    for card in tree.xpath("//article//div[contains(concat(' ', @class, ' '), ' admonition ')]"):
        level = next((c[5:] for c in card.get("class").split() if c.startswith("care-")), None)
        if level:
            items = []
            for li in card.xpath("./ul/li"):
                for sup in li.xpath(".//sup"):
                    sup.drop_tree()
                items.append(" ".join(li.text_content().split()))
            out.append((level, items, " ".join(card.text_content().split())))
    return out


def test_every_page_with_warning_signs_shows_the_shared_definition(site_dir):
    defs = real_definitions()
    by_text = {s.text: s for s in defs.signs.values()}
    by_text |= {s.text_es: s for s in defs.signs.values() if s.text_es}     # the Spanish edition
    pages = {md.relative_to(ROOT / "docs").as_posix() for md in (ROOT / "docs").rglob("*.md")
             if "[[warning-signs:" in md.read_text()}
    assert {"recovery.md", "stenosis.md", "candidates.md", "faq/topic-recovery.md"} <= pages
    shown = 0
    for out in sorted(site_dir.rglob("index.html")):
        if "/embed/" in out.as_posix():
            continue
        cards = _cards(html.fromstring(out.read_bytes()))
        rel = out.relative_to(site_dir).parent.as_posix()
        rel = "." if rel == "es" else rel.removeprefix("es/")     # es/<page>/: the same page in Spanish
        src = "index.md" if rel == "." else f"{rel}.md"
        assert bool(cards) == (src in pages), f"{src}: care cards must come from a marker"
        for level, items, text in cards:
            assert items, src
            for item in items:
                sign = by_text.get(item)
                assert sign is not None, f"{src}: a sign not in warning-signs.yml: {item!r}"
                assert sign.level == level, f"{src}: {sign.id} shown as {level}, defined {sign.level}"
                shown += 1
            assert not NOT_ALONE.search(text), f"{src}: {text}"
    assert shown >= 2 * len(defs.signs)


def test_stenosis_and_candidates_show_the_nerve_emergency_card(site_dir):
    defs = real_definitions()
    want = sorted(defs.signs[i].text for i in defs.sets["nerve-emergency"])
    for name in ("stenosis", "candidates"):
        cards = _cards(html.fromstring((site_dir / name / "index.html").read_bytes()))
        assert [(lvl, sorted(items)) for lvl, items, _ in cards] == [("emergency", want)], name
        assert "Call 911 or go to the nearest emergency room. Do not drive yourself." in cards[0][2]


# Issue 22 / clinician-editor read 2026-12-07 (§2, §5a, §5b): what the after-procedure card must say.
CLINICIAN_SIGNS = {
    "leg-numbness": r"new numbness or tingling in one or both legs",
    "wound-bleeding": r"bleeding from the wound",
    "fainting": r"fainting",
    "fever": r"100\.4°F \(38°C\)",
    "wound-clear-fluid": r"clear, watery fluid",
    "leaking-urine": r"^new leaking of urine, or a recent need to use pads$",
    "bowel-control": r"^new loss of control of your bowels",
    "walking-change": r"^new trouble walking because a leg or foot feels weak",
    "chest-pain": r"^chest pain of any kind",
}


def test_after_procedure_signs_the_clinician_listed_are_defined():
    defs = real_definitions()
    for ident, pattern in CLINICIAN_SIGNS.items():
        assert ident in defs.sets["after-procedure"], ident
        assert re.search(pattern, defs.signs[ident].text), (ident, defs.signs[ident].text)
    assert "cloudy" not in defs.signs["wound-clear-fluid"].text
    assert "mainly" not in defs.signs["wound-leaking"].text      # clear fluid is not waved away
    assert not re.search(r"pass urine", " ".join(s.text for s in defs.signs.values()))
    for ident in ("leg-numbness", "fainting", "chest-pain"):
        assert defs.signs[ident].level == "emergency", ident
    for ident in defs.sets["after-procedure"]:
        assert defs.signs[ident].level == "nonurgent" or defs.signs[ident].group in defs.groups, ident


def test_built_recovery_page_is_a_discharge_sheet(site_dir):
    """The signs come first, under cause groups with what each may mean, each list 7 items at
    most; the emergency card says not to drive; the urgent card says what to do out of hours."""
    tree = html.fromstring((site_dir / "recovery" / "index.html").read_bytes())
    article = tree.xpath("//article")[0]
    first_h2 = article.xpath(".//h2")[0]
    assert first_h2.get("id") == "when-to-get-help", first_h2.get("id")
    cards = _cards(tree)
    assert [lvl for lvl, _, _ in cards] == ["emergency", "urgent", "nonurgent"]
    shown = " | ".join(i for _, items, _ in cards for i in items)
    defs = real_definitions()
    for ident, pattern in CLINICIAN_SIGNS.items():
        assert re.search(pattern.strip("^$"), shown), (ident, pattern)
    emergency, urgent = cards[0][2], cards[1][2]
    assert "Do not drive yourself." in emergency
    assert "If you cannot reach them, go to an urgent care center or an emergency room." in urgent
    for group in ("nerves", "legs", "bleed", "clot"):
        g = defs.groups[group]
        assert f"{g.title}. {g.means}" in emergency, group
    for group in ("infection", "leak", "bleed", "clot", "pain"):
        assert defs.groups[group].title in urgent, group
    for card in article.xpath(".//div[contains(@class,'care-')]"):
        for ul in card.xpath("./ul"):
            assert len(ul.xpath("./li")) <= 7, "a list in a card has more than 7 signs"
    slot = article.xpath(".//span[@data-phone='care-team']")
    assert slot and "space to write the number" in slot[0].text_content()


def test_phone_slot_holds_the_clinic_number_or_a_blank():
    from mildguide.page import care
    slot = '<p>My care team: <span class="omg-phone" data-phone="care-team"></span></p>'
    filled = care.fill_phone_slots(slot, {"name": "A & B <Spine>", "phone": "555-0100"})
    assert 'A &amp; B &lt;Spine&gt;, <a href="tel:5550100">555-0100</a>' in filled
    blank = care.fill_phone_slots(slot, {}, "es")
    assert "omg-phone--filled" not in blank and "espacio para escribir" in blank


def test_no_page_restates_the_old_triage_sentences():
    for md in (ROOT / "docs").rglob("*.md"):
        text = md.read_text()
        assert "Tell your doctor right away" not in text, md.name
        assert "and also any of these" not in text, md.name


# --- mistakes in a project copy fail the build with file:line ------------------------------

def _fails(result, prefix, *words):
    assert not result.ok, "the build should have failed:\n" + result.output
    hits = [l for l in result.output.splitlines() if prefix in l and all(w in l for w in words)]
    assert hits, f"no line with {prefix!r} and {words}:\n{result.output}"


def test_hand_written_care_card_in_a_page_fails_naming_file_and_line(page_mistakes):
    """A care-urgent box written by hand in before.md, in the shared copy of page-local
    mistakes (tests/pagemistakes.py)."""
    assert_caught(page_mistakes, "hand-written care card")


def warning_sign_mistakes(tmp_path_factory, worker_id) -> tuple[BuildResult, list[tuple[str, int, str]]]:
    """One copy with three independent mistakes about warning signs, built once per test run
    (build_once): an unknown set in a page's marker and an unknown source id in one sign's
    definition (this module), and another sign's English text changed after its Spanish text was
    translated (tests/test_i18n.py). Returns the build and each expected (file, line, words);
    `test_warning_sign_mistakes_are_each_reported_once_and_nothing_else` proves the grouping."""
    def make(dest: Path) -> BuildResult:
        project = copy_project(dest / "project")
        page = project / "docs" / "stenosis.md"
        text = page.read_text()
        line = text[:text.index("[[warning-signs: nerve-emergency]]")].count("\n") + 1
        page.write_text(text.replace("[[warning-signs: nerve-emergency]]", "[[warning-signs: nerve-emergencies]]"))
        data = project / W.FILE
        yml = data.read_text(encoding="utf-8")
        src_line = yml[:yml.index("sources: [ouh-ces]")].count("\n") + 1
        yml = yml.replace("sources: [ouh-ces]", "sources: [ouh-cess]", 1)
        changed = yml.replace('text: "coughing up blood"', 'text: "coughing up blood or pink foam"', 1)
        assert changed != yml
        data.write_text(changed, encoding="utf-8")
        text_line = changed.split("\n").index('    text: "coughing up blood or pink foam"') + 1
        expects = [("docs/stenosis.md", line, "unknown warning-signs set 'nerve-emergencies'"),
                   ("warning-signs.yml", src_line, "unknown source id 'ouh-cess'"),
                   ("warning-signs.yml", text_line + 2, "sign 'coughing-blood': its English 'text' changed "
                                                        "after 'text_es' was translated")]
        (dest / "expects.json").write_text(json.dumps(expects))
        return build(project)

    result = build_once(tmp_path_factory, worker_id, "warning-sign-mistakes", make)
    expects = json.loads((result.project.parent / "expects.json").read_text())
    return result, [tuple(e) for e in expects]


def test_unknown_set_and_bad_definition_fail(tmp_path_factory, worker_id):
    result, expects = warning_sign_mistakes(tmp_path_factory, worker_id)
    for file, line, words in expects[:2]:
        _fails(result, f"{file}:{line}:", words)


def test_warning_sign_mistakes_are_each_reported_once_and_nothing_else(tmp_path_factory, worker_id):
    """The shared copy above: each of its mistakes is reported once at its own file:line, and
    every other message is one the first two give where their sign or set is shown (the unknown
    source on each page that shows that sign, the Spanish stenosis page's set now differing).
    None is about the changed sign, so no mistake hides or changes another's message (the copy
    without them builds clean: the shared `unmodified_copy`, tests/test_mistakes_shared.py)."""
    from pagemistakes import problems
    result, expects = warning_sign_mistakes(tmp_path_factory, worker_id)
    shown = problems(result.output)
    for file, line, words in expects:
        assert len([l for l in shown if f"{file}:{line}:" in l and words in l]) == 1, (file, line, result.output)
    others = [l for l in shown if not any(f"{file}:{line}:" in l for file, line, _ in expects)]
    assert all("'ouh-cess'" in l or "nerve-emergencies" in l for l in others), "\n".join(others)
    assert not any("coughing" in l for l in others), "\n".join(others)


def test_a_citation_error_after_a_marker_names_its_own_line(page_mistakes):
    """An unknown source id below recovery.md's [[warning-signs: …]] marker (which expands to
    many lines), in the shared copy of page-local mistakes (tests/pagemistakes.py)."""
    assert_caught(page_mistakes, "citation error after a warning-signs marker")
