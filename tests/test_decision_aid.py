"""Decision aid (issues 12 and 22): icon arrays generated at build time from data, with what
each counts, who and for how long; figures side by side must count the same outcome (arrays
and comparison tables, page/outcomes.py); the values checklist, the comparison table, and the
page's place in the nav, the embeds and the JSON export.

Unit tests of scripts/mildguide/page/icon_array.py use small inputs; the built-page tests read
the real build (fixture `site_dir`); the mistake test breaks figures in a project copy and
checks that the build fails naming docs/other-treatments.md and each broken block's line.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from lxml import html

from mildguide.page import compare as CMP
from mildguide.page import icon_array as IA
from mildguide.content import load_sources
from pagemistakes import assert_caught
from sitebuild import ROOT
from test_mistakes_checks import mistakes  # noqa: F401  (the shared copy of build-check mistakes)

PAGE = "docs/other-treatments.md"
KNOWN = {"a-study", "b-study"}


def fence(**data) -> str:
    data = {"outcome": "x", "group": "y", "follow_up": "1 year", **data}
    return "```icon-array\n" + yaml.safe_dump(data, sort_keys=False) + "```\n"


def parse_one(**data):
    return IA.parse(yaml.safe_dump(data), "docs/x.md", 7, KNOWN)


def figures_in(group) -> int:
    """Figures an icon array's group draws. Its rectangles are painted with a tile of one figure
    (checked: the group's fill names a one-cell pattern of the same svg holding the figure), so
    each grid cell they cover is one figure."""
    svg = next(a for a in group.iterancestors() if a.tag.endswith("svg"))
    tile = re.fullmatch(r"url\(#([\w-]+)\)", group.get("fill")).group(1)
    [pattern] = [p for p in svg.iter() if isinstance(p.tag, str) and p.tag.endswith("pattern") and p.get("id") == tile]
    assert (int(pattern.get("width")), int(pattern.get("height"))) == (IA.CELL_W, IA.CELL_H)
    assert [p.get("d") for p in pattern] == [IA.FIGURE]
    return sum(int(r.get("width")) * int(r.get("height")) for r in group.xpath("./rect")) // (IA.CELL_W * IA.CELL_H)


def covered(group) -> list[int]:
    """Grid cells (0-99, row by row) that a group's rectangles cover, in order."""
    out = []
    for r in group.xpath("./rect"):
        x, y, w, h = (int(r.get(k)) for k in ("x", "y", "width", "height"))
        assert x % IA.CELL_W == y % IA.CELL_H == w % IA.CELL_W == h % IA.CELL_H == 0, "off the grid"
        out += [row * IA.COLUMNS + col for row in range(y // IA.CELL_H, (y + h) // IA.CELL_H)
                for col in range(x // IA.CELL_W, (x + w) // IA.CELL_W)]
    return out


@pytest.mark.parametrize("filled, maybe", [(0, 0), (1, 0), (19, 0), (20, 0), (37, 0), (61, 0), (99, 0), (100, 0), (0, 2), (18, 5)])
def test_figures_are_drawn_in_their_cells_row_by_row(filled, maybe):
    """Each figure is one cell of the 20 x 5 grid: the filled ones first, row by row, then the
    shaded, then the outlined; no cell twice, none left out. A few hundred bytes, not the
    9 KB of path data one figure after another took."""
    tree = html.fromstring(IA.svg(filled, maybe=maybe, key="t"))
    groups = {g.get("class"): g for g in tree.xpath(".//g")}
    want = {"omg-ia__on": range(0, filled), "omg-ia__maybe": range(filled, filled + maybe),
            "omg-ia__off": range(filled + maybe, 100)}
    for name, cells in want.items():
        if name in groups:
            assert covered(groups[name]) == list(cells), name
            assert groups[name].get("data-count") == str(len(cells))
        else:
            assert name == "omg-ia__maybe" and not maybe
    ids = [p.get("id") for p in tree.iter() if isinstance(p.tag, str) and p.tag.endswith("pattern")]
    assert len(ids) == len(set(ids)) == len(groups) and all(i.startswith("omg-t-") for i in ids)
    assert len(IA.svg(61)) < 1200         # was 9,313 characters of path data, then 8,841


META = dict(outcome="felt clearly better", group="people in a trial", follow_up="6 weeks")
GOOD = dict(per_100=63, label="people felt better", source="a-study", study="A trial of 86 people",
            numerator=27, denominator=43, percent=62.8, derived=True, **META)


# --- units ------------------------------------------------------------------------------------

@pytest.mark.parametrize("filled", [0, 1, 57, 100])
def test_svg_draws_100_figures_with_the_right_number_filled(filled):
    tree = html.fromstring(IA.svg(filled))
    assert tree.get("aria-hidden") == "true" and tree.get("focusable") == "false"
    on = figures_in(tree.xpath(".//g[@class='omg-ia__on']")[0])
    off = figures_in(tree.xpath(".//g[@class='omg-ia__off']")[0])
    assert (on, off) == (filled, 100 - filled)
    # Every figure is drawn in currentColor: it follows the palette, forced colours and print.
    assert {p.get("fill") for p in tree.xpath(".//pattern/path")} <= {"currentColor", "none"}
    assert all(p.get("fill") == "currentColor" or p.get("stroke") == "currentColor" for p in tree.xpath(".//pattern/path"))
    assert not tree.xpath(".//script") and "style=" not in IA.svg(filled)


def test_svg_refuses_impossible_counts():
    with pytest.raises(ValueError):
        IA.svg(101)
    with pytest.raises(ValueError):
        IA.svg(-1)


def test_a_good_figure_parses_and_says_it_is_derived():
    fig, problems = parse_one(**GOOD)
    assert not problems
    assert fig.sentence == "In this study, about 63 of 100 people felt better."
    assert fig.source_numbers == "27 of 43 people, 62.8%"
    out = IA.render(fig)
    assert "[@a-study]" in out and "our arithmetic" in out and "27 of 43 people" in out


def test_a_percent_of_100_is_not_derived():
    fig, problems = parse_one(per_100=77, label="people had less pain", source="b-study", study="x", percent=77, **META)
    assert not problems and not fig.derived
    assert fig.sentence == "In this study, 77 of 100 people had less pain."
    assert "our arithmetic" not in IA.render(fig)


def test_complement_figures_show_the_subtraction():
    fig, problems = parse_one(per_100=25, label="people had another operation", source="a-study", study="x",
                              percent=75, complement=True, derived=True,
                              source_text="75% needed no other operation", **META)
    assert not problems
    assert "100 \u2212 75 = 25" in IA.caption(fig) and "75% needed no other operation" in IA.caption(fig)


@pytest.mark.parametrize("change, expect", [
    (dict(source=None), "has no source id"),
    (dict(source="no-such-study"), "unknown source id 'no-such-study'"),
    (dict(numerator=50, denominator=43, percent=None, per_100=100), "numerator 50 is more than the denominator 43"),
    (dict(numerator=27.5), "'numerator' must be a whole number"),
    (dict(per_100=62.8), "'per_100' must be a whole number"),
    (dict(percent=70.0), "the numbers do not add up"),
    (dict(per_100=60), "per_100 is 60, but the source's numbers give 63"),
    (dict(derived=False), "add 'derived: true'"),
    (dict(numerator=None, percent=None), "give the source's own numbers"),
    (dict(denominator=None, percent=None), "a numerator needs its denominator"),
    (dict(label=None), "has no 'label'"),
    (dict(colour="red"), "unknown key 'colour'"),
    (dict(source_text="most people"), "source_text must show the source's numbers"),
    (dict(outcome=None), "has no 'outcome' (what the figure counts"),
    (dict(group=None), "has no 'group' (who was counted"),
    (dict(follow_up=None), "has no 'follow_up' (how long people were followed"),
    (dict(follow_up=2), "'follow_up' must be text"),
    (dict(up_to=2), "'up_to' is the rule-of-three limit for 0 events"),
])
def test_figures_that_do_not_add_up_are_problems_with_the_block_line(change, expect):
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    fig, problems = parse_one(**data)
    assert fig is None
    assert any(expect in str(p) and str(p).startswith("docs/x.md:7: icon array:") for p in problems), problems


def test_zero_events_show_the_rule_of_three_upper_limit():
    zero = dict(per_100=0, label="people had a serious problem", source="a-study", study="x",
                numerator=0, denominator=143, up_to=2, derived=True, **META)
    fig, problems = parse_one(**zero)
    assert not problems
    assert fig.sentence == ("In this study, 0 of 143 people had a serious problem; the true risk could be up "
                            "to about 2 in 100.")
    out = IA.render(fig)
    tree = html.fromstring(out)
    assert tree.xpath("//g[@class='omg-ia__maybe']/@data-count") == ["2"]
    assert figures_in(tree.xpath("//g[@class='omg-ia__maybe']")[0]) == 2
    assert figures_in(tree.xpath("//g[@class='omg-ia__off']")[0]) == 98
    assert "rule of three: 3 divided by 143" in out
    for change, expect in ((dict(up_to=3), "up_to is 3, but the rule of three gives 2 in 100 (3 / 143)"),
                           (dict(derived=False), "add 'derived: true'")):
        fig, problems = parse_one(**{**zero, **change})
        assert fig is None and any(expect in p.message for p in problems), problems


def test_caption_says_what_is_counted_who_and_for_how_long():
    fig, _ = parse_one(**GOOD)
    words = html.fromstring(IA.render(fig)).text_content()
    assert "What is counted: felt clearly better. Who: people in a trial. Over: 6 weeks." in words


# --- figures side by side must count the same outcome (page/outcomes.py) ----------------------

def two_arrays(between: str = "", second: dict | None = None) -> str:
    return ("## Part\n\n" + fence(**GOOD) + "\n" + between + fence(**{**GOOD, **(second or {})}))


def test_arrays_of_different_outcomes_in_one_section_are_a_problem_at_the_second_line():
    text = two_arrays(second=dict(outcome="had surgery later"))
    _out, figures, problems = IA.expand(text, "docs/x.md", 20, KNOWN)
    first, second = (f.line for f in figures)
    assert len(problems) == 1 and problems[0].line == second
    message = str(problems[0])
    assert message.startswith(f"docs/x.md:{second}: icon array: it sits beside the icon array at line {first}")
    assert "'felt clearly better' there, 'had surgery later' here" in message
    assert "!!! cannot-compare" in message


@pytest.mark.parametrize("between, second", [
    ("### Another part\n\n", dict(outcome="had surgery later")),          # a heading between them
    ('!!! cannot-compare "These numbers cannot be compared"\n    Different studies.\n\n',
     dict(outcome="had surgery later")),                                   # the visible note
    ("", dict(outcome="  Felt   CLEARLY better ")),                        # the same outcome
])
def test_arrays_side_by_side_pass_with_a_heading_a_note_or_the_same_outcome(between, second):
    _out, figures, problems = IA.expand(two_arrays(between, second), "docs/x.md", 1, KNOWN)
    assert len(figures) == 2 and not problems, problems


TABLE = """Intro.

<div class="compare-table"{attr} markdown>

| Choice | Result | Risk |
|---|---|---|
| A | 7 in 100 had surgery{ta}[@a] | 1 in 100 had a problem{tb}[@a] |
| B | 23 in 100 had surgery{tc}[@a] | Not stated in the sources |

</div>
{after}"""


def table(attr="", ta="", tb="", tc="", after=""):
    return TABLE.format(attr=attr, ta=ta, tb=tb, tc=tc, after=after)


def test_a_table_row_of_untagged_figures_is_a_problem_at_its_line():
    problems = CMP.check(table(), "docs/t.md", 10)
    assert [p.line for p in problems] == [16]
    assert str(problems[0]).startswith("docs/t.md:16: comparison table row 'A' sets figures in columns 2, 3 side "
                                       "by side without saying what each counts")


def test_a_table_row_with_different_outcome_tags_names_them():
    problems = CMP.check(table(ta="{outcome: surgery}", tb="{outcome: a problem}"), "docs/t.md", 1)
    assert len(problems) == 1 and "of different outcomes (a problem, surgery)" in problems[0].message


def test_a_column_table_compares_down_its_columns():
    text = table(attr=' data-side-by-side="column"')
    problems = CMP.check(text, "docs/t.md", 1)
    assert [p.line for p in problems] == [8]            # the second row with a figure in that column
    assert "column 'Result' sets figures from 2 rows side by side" in problems[0].message
    ok = table(attr=' data-side-by-side="column"', ta="{outcome: surgery}", tc="{outcome: Surgery}")
    assert not CMP.check(ok, "docs/t.md", 1)


@pytest.mark.parametrize("text", [
    table(ta="{outcome: surgery}", tb="{outcome: Surgery}"),
    table(after='\n!!! cannot-compare "These numbers cannot be compared"\n    Different studies.\n'),
    '!!! cannot-compare "These numbers cannot be compared"\n    Different studies.\n\n' + table().split("\n", 2)[2],
    table().replace("\n</div>", '\n!!! cannot-compare "These numbers cannot be compared"\n    Why.\n\n</div>'),
])
def test_a_table_passes_with_the_same_tags_or_a_note_before_or_after(text):
    assert not CMP.check(text, "docs/t.md", 1)


SPANISH_ROWS = [
    "| A | 7 de cada 100 se operaron[@a] | 1 de cada 100 tuvo un problema[@a] |",
    "| A | 6 de 82 se operaron[@a] | 1 de 100 tuvo un problema[@a] |",
    "| A | 57 % se operaron[@a] | 1\u00a0% tuvo un problema[@a] |",
    "| A | 57 por ciento se operaron[@a] | 2 de cada 100 tuvo un problema[@a] |",
]


@pytest.mark.parametrize("row", SPANISH_ROWS, ids=["de-cada", "de", "space-percent", "por-ciento"])
def test_a_spanish_table_row_is_held_to_the_same_rule(row):
    """docs/*.es.md: Spanish figure forms side by side need the same tags or the note too."""
    text = table().replace("| A | 7 in 100 had surgery[@a] | 1 in 100 had a problem[@a] |", row)
    assert row in text
    problems = CMP.check(text, "docs/t.es.md", 10)
    assert [p.line for p in problems] == [16], problems
    assert "row 'A' sets figures in columns 2, 3 side by side" in problems[0].message
    tagged = text.replace("[@a] | 1", "{outcome: cirugía}[@a] | 1").replace("[@a] | 2", "{outcome: cirugía}[@a] | 2")
    tagged = tagged.replace("problema[@a] |", "problema{outcome: un problema}[@a] |")
    assert "of different outcomes (cirugía, un problema)" in CMP.check(tagged, "docs/t.es.md", 1)[0].message
    noted = text + '\n!!! cannot-compare "Estos números no se pueden comparar"\n    Otros estudios.\n'
    assert not CMP.check(noted, "docs/t.es.md", 1)


def test_a_spanish_date_or_count_is_not_a_figure():
    row = "| A | Revisado el 23 de noviembre de 2026[@a] | 2 veces al día[@a] |"
    text = table().replace("| A | 7 in 100 had surgery[@a] | 1 in 100 had a problem[@a] |", row)
    assert not CMP.check(text, "docs/t.es.md", 1)


def test_outcome_tags_are_removed_from_the_page():
    assert "{outcome" not in CMP.strip_tags(table(ta="{outcome: surgery}"))
    assert "7 in 100 had surgery[@a]" in CMP.strip_tags(table(ta=" {outcome: surgery}"))


def test_expand_keeps_line_count_and_skips_other_fences():
    text = ("Intro.\n\n" + fence(**GOOD) + "\nMiddle.\n\n"
            "````markdown\n" + fence(**GOOD) + "````\n\n" + fence(**{**GOOD, "source": "nope"}) + "End.\n")
    out, figures, problems = IA.expand(text, "docs/x.md", 10, KNOWN)
    assert out.count("\n") == text.count("\n")                 # later line numbers stay right
    assert len(figures) == 1 and figures[0].line == 12         # 1-based: body starts at line 10
    assert out.count('<figure class="omg-ia"') == 1
    assert "````markdown\n```icon-array" in out                 # an example inside another fence stays code
    rows = text.split("\n")
    bad_line = 10 + max(i for i in range(rows.index("source: nope")) if rows[i] == "```icon-array")
    assert [p.line for p in problems] == [bad_line] and "unknown source id 'nope'" in problems[0].message


def test_yaml_errors_name_the_line():
    out, figures, problems = IA.expand("```icon-array\nper_100: [1\n```\n", "docs/x.md", 5, KNOWN)
    assert not figures and problems and problems[0].line >= 5 and "not valid YAML" in problems[0].message


# --- the built page ---------------------------------------------------------------------------

def page_figures() -> list[IA.Figure]:
    text = (ROOT / PAGE).read_text()
    figures, problems = [], []
    known = set(load_sources(ROOT / "docs"))
    for start, _end, body in IA.blocks(text):
        fig, found = IA.parse(body, PAGE, start + 1, known)
        problems += found
        figures.append(fig)
    assert not problems, problems
    return figures


def test_each_icon_array_matches_its_data_and_its_text_alternative(site_dir):
    figures = page_figures()
    assert len(figures) >= 7, "the decision aid should show a picture for most choices"
    tree = html.fromstring((site_dir / "other-treatments" / "index.html").read_bytes())
    built = tree.xpath("//div[@id='what-might-happen']//figure[contains(@class, 'omg-ia')]")
    assert len(built) == len(figures)
    for fig, el in zip(figures, built):
        svg = el.xpath(".//svg")[0]
        assert svg.get("aria-hidden") == "true"
        filled = figures_in(svg.xpath(".//g[@class='omg-ia__on']")[0])
        empty = figures_in(svg.xpath(".//g[@class='omg-ia__off']")[0])
        maybe = sum(figures_in(g) for g in svg.xpath(".//g[@class='omg-ia__maybe']"))
        assert (filled, maybe, filled + maybe + empty) == (fig.per_100, fig.up_to or 0, 100), fig
        caption = el.xpath(".//figcaption")[0]
        words = " ".join(caption.text_content().split())
        # The visible sentence says the same number as the picture ...
        if fig.up_to is None:
            assert re.search(rf"\b{fig.per_100} of 100\b", words), words
        else:
            assert f"0 of {fig.denominator}" in words and f"up to about {fig.up_to} in 100" in words, words
        assert f"What is counted: {fig.outcome}. Who: {fig.group}. Over: {fig.follow_up}." in words
        assert fig.label in words
        # ... with the study and the source's own numbers, and says when it is our arithmetic.
        assert fig.study in words and (fig.source_text or fig.source_numbers) in words
        assert ("our arithmetic" in words) == fig.derived
        # The source became a numbered citation to the right registry entry.
        links = caption.xpath(".//sup[contains(@class, 'omg-cite')]//a/@href")
        assert any(h.endswith(f"#source-{fig.source}") for h in links), links
        assert "[@" not in words


def test_decision_aid_says_the_trials_cannot_be_compared(site_dir):
    tree = html.fromstring((site_dir / "other-treatments" / "index.html").read_bytes())
    aid = tree.xpath("//div[@id='what-might-happen']")[0]
    text = " ".join(aid.text_content().split())
    assert "cannot be compared head to head" in text
    for why in ("different people", "different times", "different things"):
        assert why in text, why


def test_values_checklist_is_a_task_list_linked_both_ways(site_dir):
    tree = html.fromstring((site_dir / "other-treatments" / "index.html").read_bytes())
    assert tree.xpath("//h2[@id='what-matters']")
    items = tree.xpath("//div[contains(@class, 'omg-checklist')]//li[contains(@class, 'task-list-item')]")
    assert len(items) >= 5
    box = tree.xpath("//div[contains(@class, 'omg-values')]")[0]
    assert box.xpath(".//a[contains(@href, 'questions/')]")
    questions = html.fromstring((site_dir / "questions" / "index.html").read_bytes())
    assert questions.xpath("//a[contains(@href, 'other-treatments/#what-matters')]")


@pytest.mark.parametrize("page", ["other-treatments", "compare"])
def test_pages_have_key_points_and_say_they_had_no_clinical_review(page, site_dir):
    text = (ROOT / "docs" / f"{page}.md").read_text()
    assert re.search(r"^clinical_review: none$", text, re.M)
    assert text.count('!!! key-points "Key points"') == 1
    body = text.split("\n---\n", 1)[1]
    assert body.index("!!! key-points") < body.index("\n## "), "the key points box comes before the first H2"


CHOICES = ("non-surgical care", "steroid shots", "mild", "spacer", "laminectomy", "laminectomy with fusion")
COLUMNS = ("what it is like", "main benefit", "main harms", "how sure we are", "who paid for the main study")


def test_comparison_table_lists_every_choice_the_same_way_and_cites_every_cell(site_dir):
    """/compare/ (issue 22): one table, one choice per row, the same columns for each, every
    cell cited; non-surgical care not described by a MILD web page, its harms stated; the
    figures come with a visible "cannot be compared" note; no 57-vs-6 pairing."""
    tree = html.fromstring((site_dir / "compare" / "index.html").read_bytes())
    [box] = tree.xpath("//div[@id='treatment-comparison' and contains(@class, 'compare-table')]")
    header = [th.text_content().strip().lower() for th in box.xpath(".//thead//th")]
    assert tuple(header[1:]) == COLUMNS, header
    rows = {tr.xpath("./th|./td")[0].text_content().strip().lower(): tr.xpath("./th|./td")[1:]
            for tr in box.xpath(".//tbody/tr")}
    assert tuple(rows) == CHOICES, list(rows)
    for name, cells in rows.items():
        assert len(cells) == len(COLUMNS), name
        for cell in cells:
            cited = cell.xpath(".//a[contains(@href, '#source-')]")
            assert cited or "not stated in the sources" in cell.text_content().lower(), (name, cell.text_content())
    # Each choice links to its part of the decision aid.
    for tr in box.xpath(".//tbody/tr"):
        assert tr.xpath("./*[1]//a[contains(@href, 'other-treatments/#')]"), tr.text_content()
    cites = lambda cell: " ".join(cell.xpath(".//a/@href"))
    non_surgical = rows["non-surgical care"]
    assert not any("#source-src-" in cites(c) for c in non_surgical), "non-surgical care cited to a web page"
    assert "#source-alberta-kyphoplasty-before" in cites(non_surgical[2])      # medicine side effects
    assert "#source-fda-2014-esi-warning" in cites(rows["steroid shots"][2])   # the FDA warning
    assert "up to about 2 in 100" in rows["mild"][2].text_content()           # MILD's harm, rule of three
    text = " ".join(tree.xpath("string(//article)").split())
    assert "57 in 100" not in text and "6 in 100" not in text
    # The main message and how to use the table come first; the note follows the table.
    body = " ".join(tree.xpath("string(//article)").split())
    assert body.index("No choice is best for everyone") < body.index("How to use this table") \
        < body.index("Read across a row")
    [note] = box.xpath(".//div[contains(@class, 'cannot-compare')]")     # inside: the embed keeps it
    assert "These numbers cannot be compared" in note.text_content()


def test_compare_page_has_no_sources_differ_boxes():
    """Disagreements between sources live on their own pages, not in the comparison."""
    assert "sources-differ" not in (ROOT / "docs" / "compare.md").read_text()


def test_decision_aid_gives_every_choice_the_same_five_parts(site_dir):
    tree = html.fromstring((site_dir / "other-treatments" / "index.html").read_bytes())
    decision = tree.xpath("//h2[@id='decision']")[0]
    assert tree.xpath("//h1")[0].getnext() is not None
    words = " ".join(decision.getparent().text_content().split())
    for option in ("Non-surgical care", "Steroid shots", "MILD", "A spacer", "Laminectomy", "Laminectomy with fusion"):
        assert option in words, option
    assert "waiting" in words.lower()
    parts = ("What it is and what it is like", "Benefits in numbers", "Harms in numbers", "How sure we are",
             "Who paid")
    for key in ("non-surgical", "injections", "mild", "spacers", "laminectomy", "fusion"):
        h2 = tree.xpath(f"//h2[@id='{key}']")
        assert h2, key
        h3 = [h.text_content().strip().rstrip("¶") for h in tree.xpath(f"//h3[starts-with(@id, '{key}-')]")]
        assert tuple(h3) == parts, (key, h3)
    # MILD has a benefit array and a harm array in the guide's rule-of-three wording.
    mild = " ".join(tree.xpath("string(//h3[@id='mild-harms']/following-sibling::figure[1])").split())
    assert "0 of 143 people had a serious problem" in mild and "up to about 2 in 100" in mild
    assert tree.xpath("//h3[@id='mild-benefits']/following-sibling::figure[contains(@class, 'omg-ia')]")
    # How the aid was made: IPDAS certification items.
    made = " ".join(" ".join(e.text_content() for e in
                             tree.xpath("//h2[@id='how-made']/following-sibling::*[position() < 14]")).split())
    for item in ("How we chose the evidence", "Who paid for each study", "takes no money", "check it again",
                 "No patients or clinicians have tried out"):
        assert item in made, item


def test_decision_summary_is_printable_and_linked(site_dir):
    tree = html.fromstring((site_dir / "decision-summary" / "index.html").read_bytes())
    items = tree.xpath("//li[contains(@class, 'task-list-item')]")
    assert 5 <= len(items) <= 7
    assert tree.xpath("//a[contains(@href, 'other-treatments/#what-matters')]")
    aid = html.fromstring((site_dir / "other-treatments" / "index.html").read_bytes())
    assert aid.xpath("//a[contains(@href, 'decision-summary/')]")
    config = (ROOT / "mkdocs.yml").read_text()
    assert "/decision-summary.md" in config.split("not_in_nav:", 1)[1].split("\n\n", 1)[0]


def test_page_is_first_in_deciding_and_has_embeds_and_export(site_dir):
    config = yaml.safe_load(re.sub(r"!\w+", "", (ROOT / "mkdocs.yml").read_text()))
    deciding = next(item["Deciding"] for item in config["nav"] if isinstance(item, dict) and "Deciding" in item)
    assert list(deciding[0].values()) == ["other-treatments.md"]
    assert (site_dir / "embed" / "other-treatments" / "index.html").is_file()
    record = json.loads((site_dir / "api" / "pages" / "other-treatments.json").read_text())
    assert record["slug"] == "other-treatments"
    index = json.loads((site_dir / "api" / "index.json").read_text())
    assert "other-treatments" in {p["slug"] for p in index["pages"]}
    widgets = {(w["page"], w["id"]): w for w in index["widgets"]}
    assert widgets[("other-treatments", "what-might-happen")]["kind"] == "decision-aid"


def test_decision_aid_widget_embed_holds_every_figure(site_dir):
    embed = site_dir / "embed" / "other-treatments" / "what-might-happen" / "index.html"
    assert embed.is_file()
    tree = html.fromstring(embed.read_bytes())
    figures = tree.xpath("//figure[contains(@class, 'omg-ia')]")
    assert len(figures) == len(page_figures())
    assert any("decision.css" in h for h in tree.xpath("//link[@rel='stylesheet']/@href"))
    catalogue = html.fromstring((site_dir / "embedding" / "index.html").read_bytes())
    assert catalogue.xpath("//h3[@id='widget-other-treatments-what-might-happen']")


# --- mistakes fail the build with file:line ---------------------------------------------------

BROKEN_FIGURES = {     # name: (an icon-array block, words its message must hold)
    "no source": (fence(per_100=10, label="people x", study="s", percent=10), "has no source id"),
    "unknown source": (fence(per_100=10, label="people x", source="no-such-source", study="s", percent=10),
                       "unknown source id 'no-such-source'"),
    "numerator over denominator": (fence(per_100=100, label="people x", source="delitto-2015", study="s",
                                         numerator=90, denominator=82, derived=True),
                                   "numerator 90 is more than the denominator 82"),
    "percent does not match": (fence(per_100=63, label="people x", source="delitto-2015", study="s",
                                     numerator=27, denominator=43, percent=70, derived=True),
                               "the numbers do not add up"),
    "100-scaled figure wrong": (fence(per_100=20, label="people x", source="sport-reoperation", study="s",
                                      numerator=54, denominator=413, derived=True),
                                "per_100 is 20, but the source's numbers give 13"),
    "non-integer": (fence(per_100=12.5, label="people x", source="delitto-2015", study="s", percent=12.5),
                    "'per_100' must be a whole number"),
}


def test_broken_figures_fail_the_build_naming_file_and_line(page_mistakes):
    """The blocks are appended to the page in the shared copy of page-local mistakes
    (tests/pagemistakes.py): each must be one message at its own line."""
    assert_caught(page_mistakes, "broken icon arrays")
    assert len(page_mistakes[1]["broken icon arrays"]) == len(BROKEN_FIGURES)
    assert "Aborted with" in page_mistakes[0].output      # strict mode counts each icon-array problem


def plant_outcome_mistakes(project: Path) -> list[str]:
    """Mutations of the real pages: two arrays in one section made to count different
    outcomes, an array without its follow_up, and the comparison table without its
    "cannot be compared" note. Returns the message each must give."""
    aid = project / PAGE
    lines = aid.read_text().split("\n")
    better = [n for n, l in enumerate(lines) if l == "outcome: felt clearly better"]
    assert len(better) == 2, "the 2 Minetama arrays sit side by side, counting the same outcome"
    lines[better[1]] = "outcome: had surgery later"
    opening = lambda n: next(i for i in range(n, -1, -1) if lines[i] == "```icon-array") + 1
    first, second = opening(better[0]), opening(better[1])
    follow = lines.index("follow_up: 3 years")              # the MILD benefit array
    motion = opening(follow)
    del lines[follow]
    aid.write_text("\n".join(lines))
    compare = project / "docs" / "compare.md"
    text = compare.read_text()
    note = text.index("!!! cannot-compare")
    compare.write_text(text[:note] + text[text.index("\n\n", note) + 2:])
    mild_row = next(n for n, l in enumerate(text.split("\n"), 1) if l.startswith("| [MILD]"))
    return [
        f"{PAGE}:{second}: icon array: it sits beside the icon array at line {first} (same section, no heading "
        "between) but counts a different outcome ('felt clearly better' there, 'had surgery later' here)",
        f"{PAGE}:{motion}: icon array: the figure has no 'follow_up' (how long people were followed",
        f"docs/compare.md:{mild_row}: comparison table column 'Main harms' sets figures from 4 rows side by side",
    ]


def test_outcome_rules_fail_the_build_naming_file_and_line(mistakes):
    """plant_outcome_mistakes, in test_mistakes_checks' shared copy of the build's own checks
    (`mistakes`: none of its other mistakes is in these two pages). Each fails the build with
    the file, line and a plain fix."""
    project, result = mistakes
    expected = json.loads((project.parent / "decision-aid.json").read_text())
    assert len(expected) == 3
    assert not result.ok, result.output
    for want in expected:
        assert want in result.output, f"no message {want!r}\n{result.output}"
    assert "!!! cannot-compare" in result.output and "Aborted with" in result.output
