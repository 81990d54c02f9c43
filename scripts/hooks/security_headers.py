"""MkDocs hook: write `_headers` (Netlify / Cloudflare Pages) after the build.

Keep this hook after every hook that writes HTML (mkdocs.yml): it hashes the inline scripts of every HTML file the
build (and every other hook) wrote. See mildguide/headers.py.
"""
from __future__ import annotations

from pathlib import Path

from mildguide.headers import build_headers


def on_post_build(config):
    site = Path(config.site_dir)
    (site / "_headers").write_text(build_headers(site), encoding="utf-8")
