"""The example clinic build (mkdocs.clinic-example.yml: site_url under /guides/mild/), built
once per test run and shared with tests/test_clinic.py (same build_once name)."""
from __future__ import annotations

from pathlib import Path

from sitebuild import ROOT, build, build_once

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
