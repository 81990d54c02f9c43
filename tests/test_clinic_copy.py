"""Issue 15: a clinic's own copy credits the upstream guide, links the licence, keeps readers
off the upstream repository, shows its logo, and brands its embeds without boxing them."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html

from clinicbuild import FLAT, LOGOS
from embedhost import host_and_guide, wait_sized, write_host
from mildguide import clinic as K
from sitebuild import ROOT, build, build_once, copy_project

CONFIG = "mkdocs.clinic-example.yml"
NAME = "Example Spine Clinic (fictional)"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
UPSTREAM = "https://open-mild-guide.github.io/guide/"
PRIMARY = "rgb(11, 93, 75)"        # #0b5d4b, the example clinic's primary colour


@pytest.fixture(scope="session")
def clinic_site(tmp_path_factory, worker_id) -> Path:
    result = build_once(tmp_path_factory, worker_id, "clinic-site",
                        lambda dest: build(ROOT, dest / "site", config=CONFIG))
    assert result.ok, result.output
    return result.site


def tree(site: Path, page: str):
    return html.fromstring((site / page).read_bytes())


def test_site_footer_links_the_licence_and_credits_the_upstream_guide(clinic_site, site_dir):
    for page in ["index.html", "recovery/index.html", "embedding/index.html"]:
        footer = tree(clinic_site, page).xpath("//div[contains(@class, 'md-copyright__highlight')]")[0]
        assert footer.xpath(f".//a[@href='{LICENCE}'][@rel='license'][normalize-space()='CC BY 4.0']"), page
        assert footer.xpath(f".//a[@href='{UPSTREAM}'][normalize-space()='Open MILD Guide']"), page
        assert NAME in footer.text_content() and "Open MILD Guide contributors" in footer.text_content()
    neutral = tree(site_dir, "recovery/index.html").xpath("//div[contains(@class, 'md-copyright__highlight')]")[0]
    assert neutral.xpath(f".//a[@href='{LICENCE}']")
    assert "Text by Open MILD Guide contributors" in neutral.text_content()


def test_clinic_copy_has_no_pencil_to_the_upstream_repository(clinic_site, site_dir):
    upstream_edit = "//a[contains(@href, 'github.com/open-mild-guide')]"
    assert tree(site_dir, "recovery/index.html").xpath(upstream_edit)        # the neutral guide has one
    for page in clinic_site.rglob("*.html"):
        assert not html.fromstring(page.read_bytes()).xpath(upstream_edit), page


def test_pencil_follows_the_clinics_own_repository(clinic_variant_site):
    """extra.clinic.repo_url and edit_uri (in the shared build of clinicbuild.VARIANTS)."""
    page = tree(clinic_variant_site, "recovery/index.html")
    assert page.xpath("//a[@href='https://git.example.org/clinic/guide/src/main/docs/recovery.md']"
                      "[contains(@class, 'md-content__button')]")
    assert not page.xpath("//a[contains(@href, 'github.com/open-mild-guide')]")


def test_embed_footer_names_the_clinic_and_the_upstream_guide(clinic_site):
    page = tree(clinic_site, "embed/recovery/recovery-timeline/index.html")
    line = page.xpath("//p[contains(@class, 'omg-embed__from')]")[0]
    assert " ".join(line.text_content().split()).startswith(f"From {NAME}, based on Open MILD Guide:")
    links = line.xpath(".//a/@href")
    assert links == ["../../../recovery/", UPSTREAM + "recovery/"]
    assert page.xpath(f"//footer//a[@href='{LICENCE}']")


def test_clinic_embeds_use_the_clinic_colours_and_box_only_on_request(browser, clinic_site, tmp_path):
    widget = "embed/recovery/recovery-timeline/"
    with host_and_guide(clinic_site, tmp_path / "host") as (host, guide):
        for option, shown in [("", False), ("?clinic=show", True)]:
            name = write_host(tmp_path / "host", clinic_site, guide, [widget], name=f"c{shown}.html",
                              transform=lambda code: code.replace(widget + '"', widget + option + '"'))
            context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
            page = context.new_page()
            page.goto(host + name)
            wait_sized(page)
            frame = page.query_selector("iframe[data-omg-embed]").content_frame()
            assert frame.evaluate("getComputedStyle(document.querySelector('.omg-clinic')).display") == \
                ("flex" if shown else "none"), option
            link = frame.evaluate("getComputedStyle(document.querySelector('.omg-embed__from a')).color")
            assert link == PRIMARY, link          # light theme by default, in the clinic's colour
            context.close()


def test_logo_that_vanishes_on_the_header_fails_the_build_with_a_clear_message(tmp_path, clinic_variant_site):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "assets" / "flat.svg").write_text(FLAT)
    config = (project / CONFIG).read_text().replace("logo: assets/clinic-example/logo.svg", "logo: assets/flat.svg")
    (project / CONFIG).write_text(config)       # the example itself: its fictional values are allowed
    result = build(project, config=CONFIG)
    assert not result.ok
    assert f"{CONFIG}:" in result.output and "extra.clinic.logo" in result.output
    assert "would vanish on the header (#0b5d4b)" in result.output and "logo_on_primary" in result.output
    # The same logo with a light version for the header builds, and the header shows that one
    # (the shared build of clinicbuild.VARIANTS, whose settings include LOGOS).
    assert "logo_on_primary: assets/flat-light.svg" in LOGOS
    page = tree(clinic_variant_site, "recovery/index.html")
    assert page.xpath("//header//img[contains(@src, 'flat-light.svg')]")
    assert page.xpath("//aside[contains(@class, 'omg-clinic')]//img[contains(@src, 'flat.svg')]")


@pytest.mark.parametrize("phone, tel", [("555-0100 ext. 12", "tel:5550100,12"),        # local: as written
                                        ("(608) 555-0100 x 7", "tel:+16085550100,7"),  # +1, a pause, the extension
                                        ("(555) 010-0199 ext. 4321", "tel:+15550100199,4321"),
                                        ("1-608-555-0100", "tel:+16085550100"),
                                        ("+44 20 7946 0000", "tel:+442079460000"),
                                        ("+1 608 555 0100", "tel:+16085550100")])
def test_phone_extension_is_accepted(phone, tel):
    profile = K.validate({"name": "C", "phone": phone}, None, str(ROOT / "docs"))
    assert profile["phone"] == phone
    assert K.tel_uri(phone) == tel


def test_bad_phone_says_what_is_allowed():
    with pytest.raises(K.ClinicError) as error:
        K.validate({"name": "C", "phone": "call us"}, None, str(ROOT / "docs"))
    assert "optionally followed by an extension such as 'ext. 12'" in str(error.value)


def test_care_cards_say_at_the_phone_number(clinic_site):
    text = " ".join(tree(clinic_site, "recovery/index.html").text_content().split())
    assert f"{NAME} at 555-0100" in text or f"{NAME} today at 555-0100" in text
    assert " on 555-0100" not in text
