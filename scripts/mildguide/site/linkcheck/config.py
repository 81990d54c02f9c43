"""The SiteInfo of a MkDocs build, from its loaded config (the CLI; the post-build pass
makes its own from mildguide.settings)."""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

from .model import SiteInfo
from .registry import load_registry


def nav_sources(nav) -> set[str]:
    out: set[str] = set()
    if isinstance(nav, str):
        if not urlsplit(nav).scheme and nav.endswith(".md"):
            out.add(posixpath.normpath(nav.lstrip("/")))
    elif isinstance(nav, dict):
        for value in nav.values():
            out |= nav_sources(value)
    elif isinstance(nav, list):
        for item in nav:
            out |= nav_sources(item)
    return out


def site_info_from_config(config, files=None) -> SiteInfo:
    """Build a SiteInfo from a loaded MkDocsConfig (hook or CLI). `files`: mkdocs Files, optional."""
    from mkdocs.structure.files import get_files

    project_dir = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    docs_dir = Path(config.docs_dir)
    if files is None:
        files = get_files(config)
    pages, not_in_nav = {}, set()
    for f in files:
        if f.is_documentation_page() and f.inclusion.is_included():
            pages[f.dest_uri] = f.src_uri
            if f.inclusion.is_not_in_nav():
                not_in_nav.add(f.src_uri)
    nav = config.nav
    return SiteInfo(
        site_dir=Path(config.site_dir),
        project_dir=project_dir,
        site_url=config.site_url or "",
        docs_dir=docs_dir,
        pages=pages,
        nav_pages=nav_sources(nav) if nav else None,
        not_in_nav=not_in_nav,
        registry=load_registry(project_dir, docs_dir, dict(config)),
    )
