"""Content rules of issue 4: every topic has a page in the nav, every page reads at grade 8
or lower (median 6.5 or lower), the built site carries no phone numbers or promotional
links, and every "Sources differ" box names at least two different sources.
"""
from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest
import yaml
from lxml import etree, html

from mildguide.reports import readability
from sitebuild import ROOT
from test_build import _Loader, nav_files

DOCS = ROOT / "docs"

# Issue 4's topics and the page that holds each one.
REQUIRED_PAGES = {
    "Home": "index.md",
    "Lumbar spinal stenosis": "stenosis.md",
    "What MILD is and how it is done": "what-is-mild.md",
    "Is MILD right for me": "candidates.md",
    "Benefits and results": "benefits.md",
    "Risks and side effects": "risks.md",
    "Recovery": "recovery.md",
    "Compare treatments": "compare.md",
    "FAQ": "faq.md",
    "Glossary": "glossary.md",
    "Questions to ask your doctor": "questions.md",
    "What the evidence says": "evidence.md",
    "Sources and how this guide is written": "sources.md",
}

# English pages only: a Spanish page (docs/<page>.es.md) has its own measure (tests/test_i18n_readability.py).
PAGES = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md") if not p.name.endswith(".es.md"))


def test_every_topic_has_a_page_in_the_nav():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    in_nav = set(nav_files(config["nav"]))
    missing = {topic: md for topic, md in REQUIRED_PAGES.items() if md not in in_nav}
    assert not missing, f"topics without a page in the mkdocs.yml nav: {missing}"
    for md in REQUIRED_PAGES.values():
        assert (DOCS / md).is_file(), f"docs/{md} is missing"


# --- reading grade --------------------------------------------------------------------------

def test_prose_keeps_sentences_and_drops_everything_else():
    md = (
        "---\ntitle: A very long complicated administrative title\n---\n\n"
        "# Extraordinarily complicated heading\n\n"
        "The canal is a tunnel.[@src-000; @hayes-brief] See [the page](https://example.org/x).\n\n"
        "| Incomprehensible | Institutionalization |\n|---|---|\n| a | b |\n\n"
        "```\nunconstitutional configuration\n```\n\n"
        '!!! sources-differ "Sources differ: anesthesiological considerations"\n'
        "    - One says you sleep.[@src-003]\n\n"
        '<div class="x" markdown>\n\n1. **Day 1** Rest at home\n\n</div>\n\n'
        "*Also called:* laminae\n\n"
        '![A drawing](assets/x.svg){ width="440" height="430" } Trim it { #trim }.\n'
    )
    text = readability.prose(md)
    assert text.splitlines() == [
        "The canal is a tunnel. See the page.",
        "One says you sleep.",
        "Day 1 Rest at home.",
        "Trim it .",
    ]


def test_grade_works_offline_without_nltk_data(monkeypatch):
    import nltk

    def no_download(*args, **kwargs):
        raise AssertionError("textstat tried to download NLTK data")

    monkeypatch.setattr(nltk, "download", no_download)
    easy = readability.grade("The cat sat on the mat. It was a good day.")
    hard = readability.grade("Multidisciplinary institutionalization necessitates "
                             "comprehensive organizational reconsideration.")
    assert easy < 3 < 12 < hard


@pytest.mark.parametrize("page", PAGES)
def test_page_reading_grade_is_8_or_lower(page):
    score = readability.score_page(DOCS / page)
    print(f"{page}: {score.words} words, grade {score.grade:.1f}")
    assert score.grade <= readability.MAX_PAGE_GRADE, (
        f"docs/{page}: reading grade {score.grade:.1f} is over {readability.MAX_PAGE_GRADE} "
        f"(shorter sentences and shorter words help; `make readability` shows every page)")


def test_median_reading_grade_is_6_5_or_lower():
    scores = readability.score_docs(DOCS)
    print("\n" + readability.table(scores, DOCS))
    median = statistics.median(s.grade for s in scores)
    assert median <= readability.MAX_MEDIAN_GRADE, f"median grade {median:.1f}"


# --- no phone numbers or promotion in the built site -----------------------------------------

PHONE = re.compile(
    r"(?<![\w/.])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?![\w/])"
    r"|\b1-?8(?:00|33|44|55|66|77|88)-?[A-Z0-9]{3}-?[A-Z0-9]{4}\b")
PROMO = re.compile(
    r"book (?:now|online|your|an? appointment|a visit)|call us|call now|contact us|"
    r"schedule (?:a|your) (?:consultation|visit|appointment)|request a (?:mild )?(?:procedure )?consultation|"
    r"click here|leave a comment|log in to post comments|labia|"
    # clinic names and locations from content brief section 2d
    r"advanced spine and pain|centers of rehabilitation and pain medicine|freedom spine|"
    r"boerne|kerrville|san antonio",
    re.I)
BAD_HREF = re.compile(r"^(tel|sms|callto):|labia", re.I)


def _visible_text_and_hrefs(page: Path) -> tuple[str, list[str]]:
    tree = html.fromstring(page.read_bytes())
    for bad in tree.xpath("//script | //style"):
        bad.getparent().remove(bad)
    text = " ".join(tree.xpath("//text()") + tree.xpath("//@title | //@alt | //@aria-label"
                                                        " | //meta/@content"))
    return text, tree.xpath("//@href | //@src | //@action")


def _pages(site_dir: Path) -> list[Path]:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) >= len(REQUIRED_PAGES)
    return pages


def test_no_phone_numbers_in_built_site(site_dir):
    offenders = []
    for page in _pages(site_dir):
        text, hrefs = _visible_text_and_hrefs(page)
        offenders += [f"{page.relative_to(site_dir)}: {m.group(0)!r}" for m in PHONE.finditer(text)]
        offenders += [f"{page.relative_to(site_dir)}: href {h!r}" for h in hrefs
                      if h.lower().startswith(("tel:", "sms:", "callto:"))]
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        offenders += [f"search index: {m.group(0)!r}" for m in PHONE.finditer(index.read_text())]
    assert not offenders, "phone numbers in the built site:\n" + "\n".join(offenders)


def test_no_promotional_text_or_links_in_built_site(site_dir):
    offenders = []
    for page in _pages(site_dir):
        text, hrefs = _visible_text_and_hrefs(page)
        offenders += [f"{page.relative_to(site_dir)}: {m.group(0)!r}" for m in PROMO.finditer(text)]
        offenders += [f"{page.relative_to(site_dir)}: href {h!r}" for h in hrefs if BAD_HREF.search(h)]
    assert not offenders, "promotional text or links in the built site:\n" + "\n".join(offenders)


@pytest.mark.parametrize("sample", [
    "Call (480) 573-0130 today", "call 210-920-8945", "+1 210.920.8945", "1-800-555-0199",
])
def test_phone_pattern_catches_us_formats(sample):
    assert PHONE.search(sample)


@pytest.mark.parametrize("sample", [
    "doi 10.1093/pm/pnac028", "PMID 26218933", "NCT02093520", "reviewed 2026-11-23",
    "Reg Anesth Pain Med 2018;43:789-794", "302 randomized (149 MILD, 153 injections)",
])
def test_phone_pattern_spares_references_and_dates(sample):
    assert not PHONE.search(sample)


# --- "Sources differ" boxes --------------------------------------------------------------------

BOX = re.compile(r"^(\s*)(?:!!!|\?\?\?\+?)\s+sources-differ\b.*$")
CITE = re.compile(r"\[@([^\]]+)\]")


def sources_differ_boxes(markdown: str) -> list[tuple[int, set[str]]]:
    """(line number, cited source ids) for each sources-differ box in a page."""
    lines = markdown.splitlines()
    boxes = []
    for i, line in enumerate(lines):
        m = BOX.match(line)
        if not m:
            continue
        indent = len(m.group(1))
        body = []
        for nxt in lines[i + 1:]:
            if nxt.strip() and len(nxt) - len(nxt.lstrip()) <= indent:
                break
            body.append(nxt)
        ids = {part.strip().lstrip("@").strip()
               for group in CITE.findall("\n".join(body)) for part in group.split(";")}
        boxes.append((i + 1, {x for x in ids if x}))
    return boxes


def test_sources_differ_box_parser():
    md = ('Text.\n\n!!! sources-differ "Sources differ: x"\n    - A.[@src-000]\n'
          "    - B.[@src-003; @hayes-brief]\n\nAfter.[@src-004]\n")
    assert sources_differ_boxes(md) == [(3, {"src-000", "src-003", "hayes-brief"})]


def test_every_sources_differ_box_names_two_sources():
    problems = []
    for page in PAGES:
        for line, ids in sources_differ_boxes((DOCS / page).read_text(encoding="utf-8")):
            if len(ids) < 2:
                problems.append(f"docs/{page}:{line}: a Sources differ box must cite at least "
                                f"2 different sources (found {sorted(ids) or 'none'})")
    assert not problems, "\n".join(problems)


# --- pictures: diagrams and the recovery timeline ----------------------------------------------

def test_diagrams_have_real_alt_text_and_svg_text_labels(site_dir):
    """Each canal diagram is used, with alt text that describes it, and labels are SVG <text>."""
    used = {}
    for page in _pages(site_dir):
        for img in html.fromstring(page.read_bytes()).xpath("//img[contains(@src, '.svg')]"):
            used.setdefault(Path(img.get("src")).name, []).append((page, img.get("alt") or ""))
    for name in ("canal-normal.svg", "canal-narrowed.svg"):
        assert name in used, f"{name} is not used on any page"
        for page, alt in used[name]:
            assert len(alt.split()) >= 12 and "canal" in alt.lower(), (
                f"{page.relative_to(site_dir)}: alt text of {name} does not describe it: {alt!r}")
        svg = etree.parse(str(DOCS / "assets" / "images" / name)).getroot()
        labels = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text") if t.text]
        assert len(labels) >= 4, f"{name}: labels must be real SVG text, found {labels}"
        assert svg.find("{http://www.w3.org/2000/svg}title") is not None


def test_spanish_pages_show_drawings_labelled_in_spanish(site_dir):
    """A drawing with words (SVG <text>) on a Spanish page is its Spanish version (xml:lang="es",
    labels from terminology.yml); English pages keep the English one."""
    svg_ns, xml_lang = "{http://www.w3.org/2000/svg}", "{http://www.w3.org/XML/1998/namespace}lang"
    wrong, seen = [], set()
    for page in _pages(site_dir):
        rel = page.relative_to(site_dir).as_posix()
        want = "es" if rel.startswith("es/") else None
        for img in html.fromstring(page.read_bytes()).xpath("//img[contains(@src, '.svg')]"):
            name = Path(img.get("src")).name
            svg = etree.parse(str(DOCS / "assets" / "images" / name)).getroot()
            if not [t for t in svg.iter(svg_ns + "text") if (t.text or "").strip()]:
                continue                                     # no words: one drawing for both
            seen.add((want, name))
            if svg.get(xml_lang) != want:
                wrong.append(f"{rel}: {name} has labels in {svg.get(xml_lang) or 'English'}")
    assert not wrong, "\n".join(wrong)
    assert {("es", "canal-narrowed-es.svg"), ("es", "canal-normal-es.svg"),
            (None, "canal-narrowed.svg")} <= seen, seen
    labels = {t.text for t in etree.parse(str(DOCS / "assets/images/canal-narrowed-es.svg")).iter(svg_ns + "text")}
    assert {"Canal estrecho", "Ligamento grueso", "Hueso (vértebra)"} <= labels, labels


def test_recovery_timeline_is_a_list_of_time_labelled_steps(site_dir):
    tree = html.fromstring((site_dir / "recovery" / "index.html").read_bytes())
    box = tree.xpath("//div[@id='recovery-timeline' and contains(@class, 'recovery-timeline')]")
    assert box, "recovery.md has no <div class=\"recovery-timeline\" id=\"recovery-timeline\">"
    items = box[0].xpath("./ol/li")
    assert len(items) >= 5, "the timeline needs one list item per step"
    labels = []
    for li in items:
        first = li.xpath("./strong[1] | ./p[1]/strong[1]")
        assert first, f"timeline step without a bold time label: {li.text_content()[:60]!r}"
        labels.append(first[0].text_content().strip())
    assert re.search(r"day", labels[0], re.I), labels
    assert any("6 weeks" in label for label in labels), labels
    assert not box[0].xpath(".//script"), "the timeline must work without JavaScript"


COMPARE_ROWS = ("non-surgical care", "steroid shots", "mild", "spacer", "laminectomy",
                "laminectomy with fusion")


def test_comparison_table_has_every_row_and_every_cell_is_sourced(site_dir):
    tree = html.fromstring((site_dir / "compare" / "index.html").read_bytes())
    box = tree.xpath("//div[@id='treatment-comparison' and contains(@class, 'compare-table')]")
    assert box, "compare.md has no <div class=\"compare-table\" id=\"treatment-comparison\">"
    header = [th.text_content().lower() for th in box[0].xpath(".//thead//th")]
    for column in ("what it is like", "main benefit", "main harms", "how sure", "who paid"):
        assert any(column in h for h in header), (column, header)
    # The row name is the first cell: a <th scope="row"> once the a11y hook has run (or a <td>).
    rows = {tr.xpath("./th|./td")[0].text_content().strip().lower(): tr.xpath("./th|./td")[1:]
            for tr in box[0].xpath(".//tbody/tr")}
    for wanted in COMPARE_ROWS:
        assert wanted in rows, f"no '{wanted}' row in {list(rows)}"
    for name, cells in rows.items():
        for cell in cells:
            cited = cell.xpath(".//a[contains(@href, '#source-')]")
            assert cited or "not stated in the sources" in cell.text_content().lower(), (
                f"compare.md row '{name}': a cell neither cites a source nor says "
                f"'Not stated in the sources': {cell.text_content()!r}")
