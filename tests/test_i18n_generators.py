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

from sitebuild import copy_project
from test_generators import build_with


@pytest.fixture(scope="module", params=["properdocs", "zensical"])
def built(request, tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp(f"i18n-{request.param}") / "project")
    proc = build_with(request.param, project)
    assert proc.returncode == 0, f"{request.param} build failed:\n{proc.stdout}{proc.stderr}"
    return request.param, project / "site"


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
