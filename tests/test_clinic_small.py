"""Issue 26 §7: absolute hreflang addresses in every page head; `make build SITE_DIR=…`."""
from __future__ import annotations

import subprocess

import pytest
from lxml import html

from clinicbuild import SITE_URL, clinic_build
from sitebuild import ROOT


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory, worker_id):
    return clinic_build(tmp_path_factory, worker_id)


@pytest.mark.parametrize("which", ["neutral", "clinic"])
def test_every_page_head_gives_full_hreflang_addresses(which, site_dir, clinic_site):
    site, base = (site_dir, "https://open-mild-guide.github.io/guide/") if which == "neutral" else (clinic_site, SITE_URL)
    pages = [p for p in site.rglob("index.html") if "embed" not in p.relative_to(site).parts]
    checked = 0
    for page in pages:
        links = html.fromstring(page.read_bytes()).xpath("/html/head/link[@hreflang]")
        for link in links:
            assert link.get("href").startswith(base), (page, link.get("href"))
            checked += 1
    assert checked > 60
    recovery = html.fromstring((site / "es/recovery/index.html").read_bytes())
    assert sorted(recovery.xpath("/html/head/link[@hreflang]/@href")) == [base + "es/recovery/", base + "recovery/"]


def test_make_build_writes_into_site_dir(tmp_path):
    out = subprocess.run(["make", "-n", "build", f"SITE_DIR={tmp_path}/staging"], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout
    line = next(l for l in out.splitlines() if "scripts/build.py" in l)
    assert line.endswith(f"--site {tmp_path}/staging")
    default = subprocess.run(["make", "-n", "build"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert any(l.endswith("--site site") for l in default.splitlines())
