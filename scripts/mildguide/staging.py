"""Build into a fresh folder and swap it in only when the build succeeds.

A failed build (a problem found before writing, like a bad citation, or after, like a broken
link or a `<script>` in a page) leaves the last good site byte for byte as it was, and a
rejected site is never published. Used by `make build` (scripts/build.py) and `make linkcheck`.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

# Messages about built files name the site they will become (`site/faq/index.html`), not the
# staging folder: the build's subprocesses read this variable (mildguide.site.linkcheck.SiteInfo.rel).
SITE_LABEL = "MILDGUIDE_SITE_LABEL"


def staging_dir(site: Path) -> Path:
    """A fresh empty folder beside `site` (same file system, so the swap is two renames)."""
    site.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site.name}-building-", dir=site.parent))


def swap_in(staging: Path, site: Path) -> None:
    """Replace `site` with the finished build in `staging`."""
    old = site.with_name(f".{site.name}-old-{os.getpid()}")
    if site.exists():
        os.rename(site, old)
    os.rename(staging, site)
    shutil.rmtree(old, ignore_errors=True)


def build_then_swap(site: Path, build: Callable[[Path], int]) -> int:
    """Run `build(folder)`; publish the folder as `site` only when it returns 0."""
    staging = staging_dir(site)
    try:
        label = os.path.relpath(site) if site.is_relative_to(Path.cwd()) else str(site)
        os.environ[SITE_LABEL] = label
        code = build(staging)
        if code == 0:
            swap_in(staging, site)
        else:
            kept = "is unchanged" if site.exists() else "was not created"
            print(f"build: FAILED, nothing published: the last good {site.name}/ {kept}", flush=True)
        return code
    finally:
        os.environ.pop(SITE_LABEL, None)
        shutil.rmtree(staging, ignore_errors=True)
