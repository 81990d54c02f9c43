"""`make serve`'s page cache (mildguide.pagecache, issue 27): rebuilt in one process the way
scripts/serve.py does, a cache hit writes byte for byte the site a build without the cache
writes and logs the same problems; a page edit converts only that page (in both languages);
an edit to a data file (warning-signs.yml, the glossary) converts every page again, and what
it converts is what a fresh build gives. `mkdocs build` never uses the cache."""
from __future__ import annotations

import logging
import re

import pytest

from mildguide import pagecache

MISTAKE = "\nA sentence with a phone number 555-123-4567 in it.[@no-such-source]\n"
MISTAKE_EDITED = "\nA sentence with a phone number 555-987-6543 in it.[@no-such-source-2]\n"


class Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build_into(project, site, monkeypatch) -> list[str]:
    """One in-process, non-strict build (so a problem is logged, not fatal); its warnings."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    monkeypatch.chdir(project)
    handler = Warnings()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
        config.plugins.on_startup(command="serve", dirty=False)
        build(config)
        config.plugins.on_shutdown()
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)
    return handler.messages


def files_of(site):
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def assert_same_site(a, b):
    fa, fb = files_of(a), files_of(b)
    assert sorted(fa) == sorted(fb)
    differ = [name for name in fa if fa[name] != fb[name]]
    assert not differ, differ[:10]


@pytest.fixture
def uncached():
    pagecache.uninstall()
    yield
    pagecache.uninstall()


def test_hits_match_a_build_without_the_cache_and_edits_invalidate(project_copy, tmp_path, monkeypatch, uncached):
    """Four builds: the reference without the cache comes first, of the state the cached
    builds end in; the cached builds then start cold, take a data edit (every page converts
    again) and a page edit (that page converts again, every other page is a hit), and the
    last one must write the reference's site byte for byte and log its problems in order."""
    project = project_copy
    risks, recovery = project / "docs" / "risks.md", project / "docs" / "recovery.md"
    signs, glossary = project / "warning-signs.yml", project / "docs" / "glossary.md"
    original = {path: path.read_text(encoding="utf-8") for path in (risks, recovery, signs, glossary)}
    edited_signs = re.sub(r'(text_es: "[^"]*)"', r'\1 EDITADO"', original[signs], count=1)
    assert edited_signs != original[signs]

    def write(recovery_mistake: str, data_edited: bool) -> None:
        risks.write_text(original[risks] + MISTAKE, encoding="utf-8")       # a problem on a page that hits
        recovery.write_text(original[recovery] + recovery_mistake, encoding="utf-8")
        signs.write_text(edited_signs if data_edited else original[signs], encoding="utf-8")
        glossary.write_text(original[glossary] + ("\n" if data_edited else ""), encoding="utf-8")

    # The reference: the final state, built without the cache.
    write(MISTAKE_EDITED, data_edited=True)
    plain_warnings = build_into(project, tmp_path / "plain", monkeypatch)
    assert any("risks.md" in w for w in plain_warnings), plain_warnings
    assert any("no-such-source-2" in w for w in plain_warnings), plain_warnings

    # Cold: every page converts (and is stored).
    write(MISTAKE, data_edited=False)
    cache = pagecache.install()
    cold = build_into(project, tmp_path / "cold", monkeypatch)
    pages = cache.misses
    assert pages >= 38 and cache.hits == 0
    assert any("'no-such-source'" in w for w in cold) and not any("no-such-source-2" in w for w in cold), cold

    # Data files: every page converts again.
    cache.new_build()
    write(MISTAKE, data_edited=True)
    build_into(project, tmp_path / "data-edit", monkeypatch)
    assert (cache.misses, cache.hits) == (pages, 0)

    # A page edit: that page converts again, in English and in Spanish; every other page is a
    # hit, writes what a build without the cache writes and logs its problems again, in order.
    # The old versions are forgotten at the next build (one entry per page in a long session).
    cache.new_build()
    write(MISTAKE_EDITED, data_edited=True)
    final = build_into(project, tmp_path / "page-edit", monkeypatch)
    assert (cache.misses, cache.hits) == (2, pages - 2)
    assert final == plain_warnings
    assert_same_site(tmp_path / "plain", tmp_path / "page-edit")
    assert b"EDITADO" in b"".join(files_of(tmp_path / "page-edit").values())
    assert len(cache.entries) == pages + 2
    cache.new_build()
    assert len(cache.entries) == pages


@pytest.mark.parametrize("data", ["docs/glossary.md", "docs/glossary.es.md", "docs/sources.md",
                                  "docs/sources.es.md", "docs/faq.md", "warning-signs.yml",
                                  "key-figures.yml", "terminology.yml", "mkdocs.yml"])
def test_each_data_file_alone_changes_every_pages_key(project_copy, data):
    from mkdocs.config import load_config
    config = load_config(config_file=str(project_copy / "mkdocs.yml"))
    before = pagecache.fingerprint(config)
    path = project_copy / data
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert pagecache.fingerprint(config) != before, data


def test_an_ordinary_page_is_only_in_its_own_key(project_copy):
    from mkdocs.config import load_config
    config = load_config(config_file=str(project_copy / "mkdocs.yml"))
    before = pagecache.fingerprint(config)
    page = project_copy / "docs" / "recovery.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert pagecache.fingerprint(config) == before


def test_only_serve_installs_it():
    from sitebuild import ROOT
    users = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "scripts").rglob("*.py")
                   if "pagecache.install" in p.read_text(encoding="utf-8"))
    assert users == ["scripts/serve.py"]
