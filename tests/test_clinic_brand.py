"""Issue 26 §3: a clinic's brand in both languages. The example clinic sets site_title_es and
note_es; the Spanish pages use them, every footer (both languages) credits the upstream guide
and links the licence, and the clinic's title replaces the guide's name in the home H1, embed
<title>s, the Embed page's iframe titles and the oEmbed titles. `embed_page: false` keeps the
Embed page out of the nav and the sitemap."""
from __future__ import annotations

import json

import pytest
import yaml
from lxml import html

from clinicbuild import CONFIG, clinic_build
from mildguide.site.embed import clinic_box_html
from sitebuild import ROOT

PROFILE = yaml.safe_load((ROOT / CONFIG).read_text())["extra"]["clinic"]
TITLE, TITLE_ES = PROFILE["site_title"], PROFILE["site_title_es"]
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
UPSTREAM = "https://open-mild-guide.github.io/guide/"


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory, worker_id):
    return clinic_build(tmp_path_factory, worker_id)


def tree(site, rel):
    return html.fromstring((site / rel).read_bytes())


def test_spanish_pages_carry_the_clinics_spanish_title_note_and_credit(clinic_site):
    for rel, title, note in [("recovery/index.html", TITLE, PROFILE["note"]),
                             ("es/recovery/index.html", TITLE_ES, PROFILE["note_es"])]:
        page = tree(clinic_site, rel)
        assert page.xpath("string(//title)").endswith(title), rel
        assert title in page.xpath("string(//header)"), rel
        assert note in page.xpath("string(//aside[contains(@class, 'omg-clinic')])"), rel
        footer = page.xpath("//div[contains(@class, 'md-copyright__highlight')]")[0]
        assert footer.xpath(f".//a[@href='{LICENCE}'][@rel='license']"), rel
        assert footer.xpath(f".//a[@href='{UPSTREAM}'][normalize-space()='Open MILD Guide']"), rel
        assert PROFILE["name"] in footer.text_content(), rel
    assert "Guía abierta sobre MILD" not in tree(clinic_site, "es/recovery/index.html").xpath("string(//title)")


def test_the_neutral_spanish_footer_links_the_licence(site_dir):
    footer = tree(site_dir, "es/recovery/index.html").xpath("//div[contains(@class, 'md-copyright__highlight')]")[0]
    assert footer.xpath(f".//a[@href='{LICENCE}'][@rel='license']")
    assert "colaboradores de Open MILD Guide" in footer.text_content()     # the credit in Spanish


def test_english_values_on_spanish_pages_are_marked_english():
    box = html.fragment_fromstring(clinic_box_html({"name": "Clinic", "note": "Open Monday."}, None, "es"))
    assert box.xpath(".//p[contains(@class, 'omg-clinic__note')]/span[@lang='en']/text()") == ["Open Monday."]
    box = html.fragment_fromstring(clinic_box_html({"name": "Clinic", "note": "Open Monday.",
                                                    "note_es": "Abierto el lunes."}, None, "es"))
    assert not box.xpath(".//p[contains(@class, 'omg-clinic__note')]//*[@lang='en']")
    assert "Abierto el lunes." in box.text_content()


def test_the_clinic_title_replaces_the_guides_name(clinic_site):
    assert tree(clinic_site, "index.html").xpath("string(//article//h1)").strip(" ¶") == TITLE
    assert tree(clinic_site, "es/index.html").xpath("string(//article//h1)").strip(" ¶") == TITLE_ES
    assert tree(clinic_site, "embed/recovery/index.html").xpath("string(//title)").endswith(TITLE)
    assert tree(clinic_site, "es/embed/recovery/index.html").xpath("string(//title)").endswith(TITLE_ES)
    embed_page = tree(clinic_site, "embedding/index.html")
    codes = [pre.text_content() for pre in embed_page.xpath("//pre[contains(@class, 'omg-snippet')]")
             if "<iframe" in pre.text_content()]
    assert codes and all(f"({TITLE})" in c for c in codes if 'embed/' in c)
    assert "(Open MILD Guide)" not in " ".join(codes)
    record = json.loads((clinic_site / "oembed/recovery.json").read_text())
    assert f"({TITLE})" in record["html"]
    link = tree(clinic_site, "recovery/index.html").xpath("//link[@type='application/json+oembed']/@title")
    assert link == [f"Recovery ({TITLE})"]


def test_embed_page_false_keeps_it_out_of_nav_and_sitemap(clinic_variant_site):
    """extra.clinic.embed_page: false (in the shared build of clinicbuild.VARIANTS)."""
    site = clinic_variant_site
    for rel in ("recovery/index.html", "es/recovery/index.html", "sources/index.html"):
        nav = tree(site, rel).xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
        assert not nav.xpath(".//a[contains(@href, 'embedding/')]"), rel
    assert "embedding/" not in (site / "sitemap.xml").read_text()
    assert (site / "embedding/index.html").is_file()          # still there for the web team
