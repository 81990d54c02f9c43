"""The Spanish edition under the other generators (ARCHITECTURE.md "Spanish edition", "Under Zensical
and ProperDocs").

ProperDocs runs MkDocs plugins: mkdocs-static-i18n builds /es/ as under MkDocs. Zensical 0.0.73
ignores MkDocs plugins, so its build has no Spanish edition: this test pins that gap (if a
Zensical release, or wiring zensical-i18n into scripts/build.py, builds es/, it fails: update
ARCHITECTURE.md and this test).
"""
from __future__ import annotations

import pytest
from lxml import html

from test_generators import generator_build


@pytest.fixture(scope="module", params=["properdocs", "zensical"])
def built(request, tmp_path_factory, worker_id):
    """The same build of an unchanged copy that tests/test_generators.py reads (once per run)."""
    return request.param, generator_build(request.param, tmp_path_factory, worker_id).site


def test_spanish_edition_under_each_generator(built):
    generator, site = built
    english = html.fromstring((site / "recovery" / "index.html").read_bytes())
    assert english.get("lang") == "en"
    if generator == "zensical":                                   # the gap
        assert not (site / "es").exists()
        assert not english.xpath("//head/link[normalize-space(@rel)='alternate'][@hreflang='es']")
        return
    spanish = html.fromstring((site / "es" / "recovery" / "index.html").read_bytes())
    assert spanish.get("lang") == "es"
    assert spanish.xpath("//head/link[normalize-space(@rel)='alternate'][@hreflang='en']")
    assert (site / "es" / "404.html").is_file()
    assert "Esta guía no es consejo médico." in spanish.text_content()
