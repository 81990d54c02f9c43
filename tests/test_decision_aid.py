"""Decision aid (issue 12): icon arrays generated at build time from data, the values
checklist, the "each choice in numbers" comparison table, and the page's place in the nav,
the embeds and the JSON export.

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

from mildguide.page import icon_array as IA
from mildguide.content import load_sources
from sitebuild import ROOT, build

PAGE = "docs/other-treatments.md"
KNOWN = {"a-study", "b-study"}


def fence(**data) -> str:
    return "```icon-array\n" + yaml.safe_dump(data, sort_keys=False) + "```\n"


def parse_one(**data):
    return IA.parse(yaml.safe_dump(data), "docs/x.md", 7, KNOWN)


def figures_in(group) -> int:
    """Figures drawn in an icon array's group: each is a head and a body, two closed subpaths
    (a group draws all its figures as one path)."""
    return sum(len(re.findall(r"z", p.get("d"))) for p in group.xpath("./path")) // 2


GOOD = dict(per_100=63, label="people felt better", source="a-study", study="A trial of 86 people",
            numerator=27, denominator=43, percent=62.8, derived=True)


# --- units ------------------------------------------------------------------------------------

@pytest.mark.parametrize("filled", [0, 1, 57, 100])
def test_svg_draws_100_figures_with_the_right_number_filled(filled):
    tree = html.fromstring(IA.svg(filled))
    assert tree.get("aria-hidden") == "true" and tree.get("focusable") == "false"
    on = figures_in(tree.xpath(".//g[@class='omg-ia__on']")[0])
    off = figures_in(tree.xpath(".//g[@class='omg-ia__off']")[0])
    assert (on, off) == (filled, 100 - filled)
    assert "currentColor" in tree.xpath(".//g[@class='omg-ia__on']/@fill")[0]   # follows the palette
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
    fig, problems = parse_one(per_100=77, label="people had less pain", source="b-study", study="x", percent=77)
    assert not problems and not fig.derived
    assert fig.sentence == "In this study, 77 of 100 people had less pain."
    assert "our arithmetic" not in IA.render(fig)


def test_complement_figures_show_the_subtraction():
    fig, problems = parse_one(per_100=25, label="people had another operation", source="a-study", study="x",
                              percent=75, complement=True, derived=True,
                              source_text="75% needed no other operation")
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
])
def test_figures_that_do_not_add_up_are_problems_with_the_block_line(change, expect):
    data = {k: v for k, v in {**GOOD, **change}.items() if v is not None}
    fig, problems = parse_one(**data)
    assert fig is None
    assert any(expect in str(p) and str(p).startswith("docs/x.md:7: icon array:") for p in problems), problems


def test_expand_keeps_line_count_and_skips_other_fences():
    text = ("Intro.\n\n" + fence(**GOOD) + "\nMiddle.\n\n"
            "````markdown\n" + fence(**GOOD) + "````\n\n" + fence(**{**GOOD, "source": "nope"}) + "End.\n")
    out, figures, problems = IA.expand(text, "docs/x.md", 10, KNOWN)
    assert out.count("\n") == text.count("\n")                 # later line numbers stay right
    assert len(figures) == 1 and figures[0].line == 12         # 1-based: body starts at line 10
    assert out.count('<figure class="omg-ia"') == 1
    assert "````markdown\n```icon-array" in out                 # an example inside another fence stays code
    bad_line = 10 + text.split("\n").index("source: nope") - 3
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
        assert (filled, filled + empty) == (fig.per_100, 100), fig
        caption = el.xpath(".//figcaption")[0]
        words = " ".join(caption.text_content().split())
        # The visible sentence says the same number as the picture ...
        assert re.search(rf"\b{fig.per_100} of 100\b", words), words
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


CHOICES = ("watching and waiting", "exercise and physical therapy", "medicines", "epidural steroid injections",
           "mild", "interspinous spacer", "laminectomy", "laminectomy with fusion")


def test_each_choice_in_numbers_table_is_complete_and_every_cell_cited(site_dir):
    tree = html.fromstring((site_dir / "compare" / "index.html").read_bytes())
    box = tree.xpath("//div[@id='choices-in-numbers-table' and contains(@class, 'compare-table')]")
    assert box, "compare.md has no 'each choice in numbers' table"
    header = [th.text_content().strip().lower() for th in box[0].xpath(".//thead//th")]
    assert "who paid" in header and "main risks" in header and "result in numbers" in header, header
    rows = {tr.xpath("./th|./td")[0].text_content().strip().lower(): tr.xpath("./th|./td")[1:]
            for tr in box[0].xpath(".//tbody/tr")}
    assert set(CHOICES) <= set(rows), list(rows)
    for name, cells in rows.items():
        assert len(cells) == len(header) - 1, name
        for cell in cells:
            cited = cell.xpath(".//a[contains(@href, 'sources/#source-')]")
            assert cited or "not stated in the sources" in cell.text_content().lower(), (name, cell.text_content())
    # The first table keeps its id, gains the numbers and who paid, and Friedly (an injection
    # trial) is no longer offered as evidence of how long relief lasts.
    first = tree.xpath("//div[@id='treatment-comparison']")[0]
    first_rows = {tr.xpath("./th|./td")[0].text_content().strip().lower(): tr for tr in first.xpath(".//tbody/tr")}
    assert "results in numbers" in first_rows and "who paid for the main study" in first_rows
    assert not first_rows["how long relief lasts"].xpath(".//a[contains(@href, '#source-friedly-2014')]")


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

def test_broken_figures_fail_the_build_naming_file_and_line(project_copy):
    page = project_copy / PAGE
    text = page.read_text()
    broken = {
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
    lines = text.rstrip("\n").split("\n")
    where = {}
    for name, (block, _) in broken.items():
        lines += [""]
        where[name] = len(lines) + 1
        lines += block.rstrip("\n").split("\n")
    page.write_text("\n".join(lines) + "\n")
    result = build(project_copy)
    assert not result.ok, result.output
    for name, (_, expect) in broken.items():
        wanted = f"{PAGE}:{where[name]}: icon array:"
        hits = [l for l in result.output.splitlines() if wanted in l and expect in l]
        assert hits, f"{name}: no message '{wanted} … {expect}'\n{result.output}"
    assert "Aborted with" in result.output      # strict mode counts each icon-array problem
