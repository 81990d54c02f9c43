"""Valid HTML (issue 27): the W3C checker (vnu) finds no error on any page the real build writes.

vnu comes from the npm package vnu-jar, installed by `make test` (scripts/ensure-vnu.sh) into
.cache/vnu and run with Java. Material's own invalid attributes are fixed in
overrides/partials/nav-item.html (tabindex="") and mildguide.site.valid_html (autocomplete on
a checkbox); the second test puts them back into a built page to show the check sees them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JAR = Path(os.environ.get("VNU_JAR", ROOT / ".cache/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))


def vnu(target: Path) -> list[dict]:
    """vnu's errors for every HTML file under `target` (or that one file)."""
    if not shutil.which("java") or not JAR.is_file():
        pytest.fail(f"the HTML checker is not installed (java, {JAR.relative_to(ROOT) if JAR.is_relative_to(ROOT) else JAR}). "
                    "Run:  bash scripts/ensure-vnu.sh   (make test runs it)")
    proc = subprocess.run(["java", "-jar", str(JAR), "--errors-only", "--skip-non-html", "--format", "json",
                           str(target)], capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or proc.stdout)["messages"]
    assert proc.returncode == (1 if messages else 0), proc.stderr[-2000:]
    return messages


def where(message: dict, site: Path) -> str:
    path = message.get("url", "").removeprefix("file:")
    rel = os.path.relpath(path, site) if path else "?"
    return f"site/{rel}:{message.get('lastLine', '?')}: {message['message']}"


def test_every_built_page_is_valid_html(site_dir):
    errors = vnu(site_dir)
    if errors:
        pytest.fail(f"{len(errors)} vnu error(s):\n" + "\n".join(where(m, site_dir) for m in errors[:40]),
                    pytrace=False)


def test_the_check_sees_materials_invalid_attributes(site_dir, tmp_path):
    """The attributes Material writes, put back into a copy of a built page: vnu reports each."""
    page = (site_dir / "faq" / "index.html").read_text(encoding="utf-8")
    toggle = '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer">'
    assert toggle in page and 'tabindex=""' not in page
    broken = page.replace(toggle, toggle[:-1] + ' autocomplete="off">')
    broken = broken.replace('class="md-nav__link" for="__nav_2" id="__nav_2_label"',
                            'class="md-nav__link" for="__nav_2" id="__nav_2_label" tabindex=""', 1)
    assert broken.count('tabindex=""') == 1
    (tmp_path / "index.html").write_text(broken, encoding="utf-8")
    found = " | ".join(m["message"] for m in vnu(tmp_path / "index.html"))
    assert "“autocomplete” is only allowed" in found and "Bad value “” for attribute “tabindex”" in found, found
