"""JSON export for a CMS (issue 15): text keeps block boundaries, the boxes a reader must not
miss come as structured blocks, sources without an address say what they are, every page
validates against the schema the site publishes at its `$id`, and reuse carries CC BY credit."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import html

from clinicbuild import NAME, SITE_URL, clinic_build, site_file
from mildguide.attribution import GUIDE_URL, LICENSE_URL
from mildguide.site.export_blocks import block_text

REAL_URL = "https://open-mild-guide.github.io/guide/"
SCHEMAS = ("page.schema.json", "index.schema.json", "changes.schema.json")


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory, worker_id):
    return clinic_build(tmp_path_factory, worker_id)


def pages(site: Path) -> list[dict]:
    index = json.loads((site / "api/index.json").read_text())
    return [json.loads((site / "api" / e["json"]).read_text()) for e in index["pages"]]


def article(site: Path, slug: str):
    tree = html.parse(str(site / ("" if slug == "index" else slug + "/") / "index.html"))
    return tree.xpath("//article")[0]


def words(text: str) -> str:
    return " ".join(text.split())


# --- block boundaries ----------------------------------------------------------------------

def test_block_text_puts_each_block_on_its_own_line():
    root = html.fragment_fromstring(
        '<div><p>Intro <b>bold</b> text.<sup class="omg-cite"><a href="../sources/#source-a">1</a></sup></p>'
        '<div class="admonition care-nonurgent"><p class="admonition-title">'
        '<span class="omg-care-level">Non-urgent</span> Tell your care team soon</p>'
        '<ul><li>one</li><li>two</li></ul></div>'
        '<table><tr><th>Head</th><th>Other</th></tr><tr><td>cell 1</td><td>cell<br>2</td></tr></table></div>')
    assert block_text(root) == ("Intro bold text.\n\n"
                                "Non-urgent\nTell your care team soon\none\ntwo\n\n"
                                "Head\nOther\ncell 1\ncell\n2")


def test_care_card_label_and_body_never_run_together(site_dir):
    cards = 0
    for record in pages(site_dir):
        for section in record["sections"]:
            for block in section["blocks"]:
                if block["type"] != "care-card":
                    continue
                cards += 1
                assert f"{block['label']}\n{block['title']}" in section["text"], (record["slug"], block["title"])
                assert f"{block['label']} {block['title']}" not in section["text"]
    assert cards >= 3


def test_list_items_and_table_cells_are_lines_of_the_text(site_dir):
    checked = {"li": 0, "td": 0}
    for record in pages(site_dir):
        for section in record["sections"]:
            root = html.fragment_fromstring(section["html"] or "<p></p>", create_parent="div")
            for sup in root.xpath(".//sup"):
                sup.drop_tree()
            lines = set(section["text"].split("\n"))
            for tag in checked:
                for el in root.iter(tag):
                    if el.xpath(".//p | .//ul | .//ol | .//br | .//table | .//div"):
                        continue                     # a cell or item holding blocks of its own
                    text = words(el.text_content())
                    if text:
                        assert text in lines, (record["slug"], tag, text)
                        checked[tag] += 1
    assert checked["li"] > 50 and checked["td"] > 20, checked


# --- structured blocks ---------------------------------------------------------------------

BOXES = {
    "care-card": ".//div[contains(@class, 'admonition') and (contains(@class, 'care-emergency') "
                 "or contains(@class, 'care-urgent') or contains(@class, 'care-nonurgent'))]",
    "key-points": ".//div[contains(@class, 'admonition') and contains(@class, 'key-points')]",
    "sources-differ": ".//div[contains(@class, 'admonition') and contains(@class, 'sources-differ')]",
    "faq-item": ".//*[self::h2 or self::h3][starts-with(@id, 'faq-')]",   # h2 on a topic page
}


def test_every_box_of_every_page_is_a_structured_block(site_dir):
    totals = dict.fromkeys(BOXES, 0)
    for record in pages(site_dir):
        blocks = [b for s in record["sections"] for b in s["blocks"]]
        page = article(site_dir, record["slug"])
        cited = {s["id"] for s in record["sources"]}
        for kind, xpath in BOXES.items():
            expected = [el for el in page.xpath(xpath)]
            got = [b for b in blocks if b["type"] == kind]
            assert len(got) == len(expected), (record["slug"], kind, len(got), len(expected))
            totals[kind] += len(got)
        for b in blocks:
            assert b["title"] and b["text"] and b["html"], (record["slug"], b)
            if b["type"] != "faq-item":                    # an answer may hold a box of its own
                assert "admonition-title" not in b["html"]     # the title is its own field
            assert set(b["sources"]) <= cited, (record["slug"], b["title"])
            assert (b["level"] is not None) == (b["type"] == "care-card")
            if b["type"] == "faq-item":
                assert b["id"].startswith("faq-") and b["title"].endswith("?")
    assert all(totals.values()), totals


def test_care_card_blocks_carry_level_label_and_sources(site_dir):
    record = json.loads((site_dir / "api/pages/recovery.json").read_text())
    cards = [b for s in record["sections"] for b in s["blocks"] if b["type"] == "care-card"]
    assert {c["level"] for c in cards} == {"emergency", "urgent", "nonurgent"}
    page = article(site_dir, "recovery")
    for card in cards:
        box = page.xpath(f".//div[contains(@class, 'care-{card['level']}')]")[0]
        assert card["label"] == words(box.xpath(".//*[contains(@class, 'omg-care-level')]")[0].text_content())
        assert card["sources"], card["title"]
        assert card["text"].split("\n")[0] and "\n" in card["text"]


# --- sources without an address --------------------------------------------------------------

def test_sources_without_an_address_say_what_they_are(site_dir):
    seen = {}
    for record in pages(site_dir):
        for s in record["sources"]:
            assert s["kind"] in ("source-document", "reference") and s["description"], s
            seen[s["id"]] = s
    seed = seen["src-000"]
    assert seed["url"] is None and seed["kind"] == "source-document"
    assert seed["details"].startswith("Project source file")
    assert all(s["kind"] == "reference" for i, s in seen.items() if s["url"])
    assert any(s["kind"] == "reference" and s["url"] is None for s in seen.values())   # e.g. a book chapter


# --- schemas published at their $id ----------------------------------------------------------

@pytest.mark.parametrize("which", ["real", "clinic"])
def test_every_export_validates_against_the_schema_published_at_its_id(which, site_dir, clinic_site):
    site, url = (site_dir, REAL_URL) if which == "real" else (clinic_site, SITE_URL)
    validators = {}
    for name in SCHEMAS:
        schema = json.loads((site / "schemas" / name).read_text())
        assert schema["$id"] == url + "schemas/" + name
        assert site_file(site, url, schema["$id"]).is_file()        # reachable where $id says
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[schema["$id"]] = jsonschema.Draft202012Validator(schema)
    documents = [site / "api/index.json", site / "changes.json"] + sorted((site / "api/pages").glob("*.json"))
    errors = []
    for path in documents:
        data = json.loads(path.read_text())
        validator = validators[data["$schema"]]          # each file names its published schema
        errors += [f"{path.relative_to(site)}: {e.json_path}: {e.message}" for e in validator.iter_errors(data)]
    assert not errors, "\n".join(errors[:20])
    assert len(documents) > 15


def test_published_schemas_match_the_repository_ones_but_for_their_id(clinic_site):
    from sitebuild import ROOT
    for name in SCHEMAS:
        repo = json.loads((ROOT / "schemas" / name).read_text())
        published = json.loads((clinic_site / "schemas" / name).read_text())
        assert repo["$id"] == REAL_URL + "schemas/" + name           # the repo names the upstream address
        published["$id"] = repo["$id"]
        assert published == repo


# --- language slot, CC BY attribution -----------------------------------------------------

def test_lang_comes_from_the_built_page(site_dir):
    for record in pages(site_dir):
        tree = html.parse(str(site_file(site_dir, REAL_URL, record["url"])))
        assert record["lang"] == tree.getroot().get("lang") == "en"


def test_attribution_in_the_guide(site_dir):
    for record in pages(site_dir):
        a = record["attribution"]
        assert a["license_url"] == LICENSE_URL and a["adapter"] is None
        assert a["source_url"] == record["url"] and a["source_url"].startswith(GUIDE_URL)
        assert record["title"] in a["text"] and LICENSE_URL in a["text"] and a["source_url"] in a["text"]


def test_attribution_in_a_clinic_copy_credits_the_guide_and_names_the_clinic(clinic_site):
    index = json.loads((clinic_site / "api/index.json").read_text())
    assert index["attribution"]["adapter"]["name"] == NAME
    for record in pages(clinic_site):
        a = record["attribution"]
        assert a["adapter"] == {"name": NAME, "url": record["url"]}
        assert record["url"].startswith(SITE_URL)
        assert a["source_url"] == GUIDE_URL + record["url"][len(SITE_URL):]   # the upstream page, not the copy
        assert NAME in a["text"] and "Open MILD Guide" in a["text"] and LICENSE_URL in a["text"]


def test_the_reported_run_together_text_is_split(site_dir):
    """The issue's example: "Non-urgent Tell your care team soon…" ran together."""
    text = "\n".join(s["text"] for s in json.loads((site_dir / "api/pages/recovery.json").read_text())["sections"])
    assert "Non-urgent\nTell your care team soon" in text
    assert "Non-urgent Tell" not in text
