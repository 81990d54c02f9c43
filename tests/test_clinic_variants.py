"""The shared clinic build with the settings of clinicbuild.VARIANTS serves five tests
(test_clinic_copy, test_clinic_brand, test_trust). Each checks a part of a page that only its
own setting changes; here the example without those settings (the shared clinic build) shows
each part the other way, so each of those checks fails when its setting stops working."""
from __future__ import annotations

from lxml import html

from clinicbuild import CONFIG, REVIEWER, clinic_build, variant_config
from sitebuild import ROOT


def page(site, rel):
    return html.fromstring((site / rel).read_bytes())


def test_the_variant_config_differs_from_the_example_only_in_these_settings():
    example = (ROOT / CONFIG).read_text()
    changed = variant_config(example)
    added = [l for l in changed.splitlines() if l not in example.splitlines()]
    assert added == ["    repo_url: https://git.example.org/clinic/guide", "    edit_uri: src/main/docs/",
                     "    embed_page: false", "    logo: assets/flat.svg", "    logo_on_primary: assets/flat-light.svg",
                     f'      name: "{REVIEWER}"', "    report_url: false"], added


def test_the_example_without_them_shows_each_part_the_other_way(tmp_path_factory, worker_id):
    site = clinic_build(tmp_path_factory, worker_id)
    recovery = page(site, "recovery/index.html")
    assert not recovery.xpath("//a[contains(@href, 'git.example.org')]")                      # pencil
    nav = recovery.xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
    assert nav.xpath(".//a[contains(@href, 'embedding/')]")                                   # Embed page
    assert "embedding/" in (site / "sitemap.xml").read_text()
    risks = page(site, "risks/index.html")
    assert "Dr. Alex Example" in risks.xpath("string(//p[@class='omg-review-status'])")       # reviewer
    assert risks.xpath("//p[@class='omg-report']/a")                                          # report link
    assert not recovery.xpath("//header//img[contains(@src, 'flat')]")                        # logos
    assert not recovery.xpath("//aside[contains(@class, 'omg-clinic')]//img[contains(@src, 'flat')]")
