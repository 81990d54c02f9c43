"""JSON export (issue 6): api/pages/<page>.json and api/index.json validate against schemas/."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from sitebuild import ROOT

SCHEMAS = ROOT / "schemas"


def validator(name: str):
    schema = json.loads((SCHEMAS / name).read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("which", ["real", "widgets"])
def test_exports_validate_against_their_schemas(which, site_dir, widget_site):
    site = site_dir if which == "real" else widget_site
    index = json.loads((site / "api/index.json").read_text())
    errors = [f"api/index.json: {e.message}" for e in validator("index.schema.json").iter_errors(index)]
    page_schema = validator("page.schema.json")
    for entry in index["pages"]:
        path = site / "api" / entry["json"]
        record = json.loads(path.read_text())
        errors += [f"{path.relative_to(site)}: {e.message}" for e in page_schema.iter_errors(record)]
        assert record["slug"] == entry["slug"] and record["title"] == entry["title"]
    assert not errors, "\n".join(errors)
    slugs = {p["slug"] for p in index["pages"]}
    docs = site.parent / "docs" if which == "widgets" else ROOT / "docs"
    sources = [p.relative_to(docs).as_posix() for p in docs.rglob("*.md")     # faq/topic-cost.md too
               if "embed: false" not in p.read_text()]
    assert slugs == {p[: -len(".md")] for p in sources if not p.endswith(".es.md")}
    spanish = {p[: -len(".es.md")] for p in sources if p.endswith(".es.md")}
    if spanish:                     # the Spanish edition's own export, under es/api/
        es_index = json.loads((site / "es/api/index.json").read_text())
        assert not list(validator("index.schema.json").iter_errors(es_index))
        assert {p["slug"] for p in es_index["pages"]} == spanish
        for entry in es_index["pages"]:
            record = json.loads((site / "es/api" / entry["json"]).read_text())
            assert record["lang"] == "es" and not list(page_schema.iter_errors(record)), entry["slug"]


def test_the_schema_rejects_a_broken_export(widget_site):
    record = json.loads((widget_site / "api/pages/faq.json").read_text())
    del record["sections"][0]["text"]
    assert list(validator("page.schema.json").iter_errors(record))


def test_page_export_content(widget_site):
    from mildguide.content import load_sources
    registry = load_sources(widget_site.parent / "docs")
    record = json.loads((widget_site / "api/pages/faq.json").read_text())
    assert record["url"] == "https://open-mild-guide.github.io/guide/faq/"
    # the intro (no heading) holds the page's Key points box, then one section per topic
    assert [s["id"] for s in record["sections"]] == [None, "topic-before", "topic-after"]
    assert "Key points" in record["sections"][0]["text"]
    before = record["sections"][1]
    assert before["heading"] == "Before the procedure"
    assert "Will I be awake?" in before["text"] and "<h3" in before["html"]
    assert "src-001" not in before["text"]                 # citation marks left out of plain text
    # links in section HTML are absolute, so they work inside a clinic's CMS
    assert 'href="https://open-mild-guide.github.io/guide/recovery/#recovery-timeline"' in before["html"]
    assert [s["id"] for s in record["sources"]] == ["src-001", "hayes-brief", "src-002"]
    assert record["sources"][0]["title"] == registry["src-001"].title
    assert record["sources"][0]["url"] == registry["src-001"].url
    index = json.loads((widget_site / "api/index.json").read_text())
    assert [w["embed_url"] for w in index["widgets"]][:1] == [
        "https://open-mild-guide.github.io/guide/embed/faq/topic-before/"]
