"""The example clinic build (mkdocs.clinic-example.yml: site_url under /guides/mild/), built
once per test run and shared with tests/test_clinic.py (same build_once name)."""
from __future__ import annotations

from pathlib import Path

from sitebuild import ROOT, build, build_once, copy_project

CONFIG = "mkdocs.clinic-example.yml"
NAME = "Example Spine Clinic (fictional)"
SITE_URL = "https://clinic.example.org/guides/mild/"


def clinic_build(tmp_path_factory, worker_id) -> Path:
    result = build_once(tmp_path_factory, worker_id, "clinic-site",
                        lambda dest: build(ROOT, dest / "site", config=CONFIG))
    assert result.ok, result.output
    return result.site


def site_file(site: Path, site_url: str, url: str) -> Path:
    """The file in the built `site` that the absolute `url` (under `site_url`) serves."""
    assert url.startswith(site_url), f"{url} is not under {site_url}"
    rel = url[len(site_url):].split("#", 1)[0].split("?", 1)[0]
    path = site / rel
    return path / "index.html" if rel == "" or rel.endswith("/") else path


# Settings that each change one thing of a clinic build, in one copy of the example built once
# per test run (instead of one build each): the clinic's own repository for the pencil
# (test_clinic_copy.py), no Embed page in the nav (test_clinic_brand.py), a reviewer's name with
# markup and no "Report a problem" link (test_trust.py). Each test checks its own setting; none
# reads what another changes (the pencil link, the nav's Embed entry, the review line and the
# report link are separate parts of a page). test_clinic_variants.py proves the example without
# these settings shows each part the other way, so each test's check can fail. A logo that
# would vanish on the header, with its light version for the header (logo_on_primary:
# test_clinic_copy.py reads which image each place shows) is one of these settings too. The same copy
# carries one decorative image (DECORATIVE, at the end of what-is-mild.md) for
# test_mistakes_checks.py, whose tests read that image and the recovery page's phone link.
VARIANTS = {
    "repo_url": "    repo_url: https://git.example.org/clinic/guide\n    edit_uri: src/main/docs/\n",
    "embed_page": "    embed_page: false\n",
}
REVIEWER = 'Dr. <b>Alex</b> & Co'
DECORATIVE = "![](assets/images/favicon.svg){ .decorative }"
FLAT = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#0b5d4b"/></svg>'
FLAT_LIGHT = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#fff"/></svg>'
LOGOS = "logo: assets/flat.svg\n    logo_on_primary: assets/flat-light.svg"


def variant_config(text: str) -> str:
    """mkdocs.clinic-example.yml with every setting of VARIANTS (the example itself: its
    fictional values are allowed)."""
    out = text.replace("  clinic:\n", "  clinic:\n" + "".join(VARIANTS.values()), 1)
    for old, new in [("name: Dr. Alex Example, MD (fictional)", f'name: "{REVIEWER}"'),
                     ("report_url: mailto:guide-feedback@clinic.example.org", "report_url: false"),
                     ("logo: assets/clinic-example/logo.svg", LOGOS)]:
        assert old in out, old
        out = out.replace(old, new, 1)
    return out


def clinic_variant_build(tmp_path_factory, worker_id) -> Path:
    def make(dest: Path):
        project = copy_project(dest / "project")
        (project / CONFIG).write_text(variant_config((project / CONFIG).read_text()))
        (project / "docs" / "assets" / "flat.svg").write_text(FLAT)
        (project / "docs" / "assets" / "flat-light.svg").write_text(FLAT_LIGHT)
        page = project / "docs" / "what-is-mild.md"
        page.write_text(page.read_text(encoding="utf-8").rstrip("\n") + f"\n\n{DECORATIVE}\n", encoding="utf-8")
        return build(project, config=CONFIG)

    result = build_once(tmp_path_factory, worker_id, "clinic-variant-site", make)
    assert result.ok, result.output
    return result.site
