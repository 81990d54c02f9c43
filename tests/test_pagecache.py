"""`make serve`'s page cache (mildguide.pagecache, issue 27): rebuilt in one process the way
scripts/serve.py does, a cache hit writes byte for byte the site a build without the cache
writes and logs the same problems; a page edit converts only that page (in both languages);
an edit to a data file (warning-signs.yml, the glossary, the key figures) converts the pages
that read it (or the edited part) and gives the site and warnings a fresh build gives.
`mkdocs build` never uses the cache."""
from __future__ import annotations

import logging
import re

import pytest

from mildguide import pagecache

MISTAKE = "\nA sentence with a phone number 555-123-4567 in it.[@no-such-source]\n"


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
    project = project_copy
    page = project / "docs" / "recovery.md"
    page.write_text(page.read_text(encoding="utf-8") + MISTAKE, encoding="utf-8")

    plain_warnings = build_into(project, tmp_path / "plain", monkeypatch)
    assert any("recovery.md" in w for w in plain_warnings), plain_warnings

    cache = pagecache.install()
    assert build_into(project, tmp_path / "miss", monkeypatch) == plain_warnings
    pages = cache.misses
    assert pages >= 38 and cache.hits == 0
    cache.new_build()
    hit_warnings = build_into(project, tmp_path / "hit", monkeypatch)
    assert (cache.hits, cache.misses) == (pages, 0)
    assert hit_warnings == plain_warnings            # every problem printed again, in order
    assert_same_site(tmp_path / "plain", tmp_path / "hit")
    # the post-build pass's per-page work and the search sections came from the memo
    assert len(cache.memo) >= pages

    # A page edit: that page converts again, in English and in Spanish; the old versions
    # are forgotten at the next build (one entry per page in a long session).
    page.write_text(page.read_text(encoding="utf-8").replace(MISTAKE, "\n"), encoding="utf-8")
    cache.new_build()
    fixed = build_into(project, tmp_path / "page-edit", monkeypatch)
    assert (cache.misses, cache.hits) == (2, pages - 2)
    assert not any("recovery.md" in w for w in fixed)
    assert len(cache.entries) == pages + 2
    cache.new_build()
    assert len(cache.entries) == pages

    # Data files: only the pages whose conversion read the edited file, or used the edited
    # part of the glossary, convert again; after each edit the site and the warnings are what
    # a build without the cache gives (a missed dependency leaves a page stale: this fails).
    for i, (name, edit, fewer, marker) in enumerate(DATA_EDITS):
        path = project / name
        path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
        cache.new_build()
        cached = build_into(project, tmp_path / f"data-{i}", monkeypatch)
        assert cache.misses > 0 and (cache.misses < pages if fewer else True), (name, cache.misses)
        assert marker.encode() in b"".join(files_of(tmp_path / f"data-{i}").values()), name
        pagecache.uninstall()
        assert build_into(project, tmp_path / f"data-plain-{i}", monkeypatch) == cached, name
        assert_same_site(tmp_path / f"data-{i}", tmp_path / f"data-plain-{i}")
        pagecache.install(cache)


# (file, edit, fewer than every page converts again, what the built site then shows)
DATA_EDITS = [
    ("warning-signs.yml", lambda t: re.sub(r'(text_es: "[^"]*)"', r'\1 EDITADO"', t, count=1), True, "EDITADO"),
    # the first term's meaning: its tooltip on the pages that show that term, and the glossary
    ("docs/glossary.md", lambda t: re.sub(r"^(### .+\n(?:\n\*Also called:\*.*\n)?\n.+?)$", r"\1 GLOSAR",
                                          t, count=1, flags=re.M), True, "GLOSAR"),
    # every page reads the key figures (hand-written figures are checked on each)
    ("key-figures.yml", lambda t: t.replace("text_es: 60 minutos o menos", "text_es: 60 minutos o menos CIFRA", 1),
     False, "CIFRA"),
]


def test_a_conversion_records_what_it_read(tmp_path):
    """The recording behind the finer key: opening a file or reading its size (os.stat)
    records its content, `is_file()`/`exists()` only whether it is there; ordinary pages, reads
    inside `exempt()` and other threads' reads are not recorded."""
    import os
    import threading
    from pathlib import Path
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("data.yml", "docs/glossary.md", "docs/page.md", "docs/other.md", "docs/img.svg"):
        (tmp_path / name).write_text(name, encoding="utf-8")
    config = {"docs_dir": str(docs), "site_dir": str(tmp_path / "site"), "mdx_configs": {"g": {"p": "glossary.md"}}}
    keep = pagecache.watched(type("C", (dict,), {"config_file_path": str(tmp_path / "mkdocs.yml")})(config))
    reads = pagecache.Reads(keep, pagecache.file_digest)
    with pagecache._recording(reads):
        (tmp_path / "data.yml").read_text()
        open(docs / "glossary.md").close()
        os.stat(docs / "img.svg")
        (docs / "missing.yml").is_file()
        os.path.exists(tmp_path / "data.yml")            # already recorded with its content
        (docs / "page.md").read_text()                  # an ordinary page
        with pagecache.exempt():
            (docs / "other.md").is_file()
            (tmp_path / "mkdocs.yml").exists()
        thread = threading.Thread(target=lambda: (tmp_path / "docs" / "img.svg").with_name("x").exists())
        thread.start()
        thread.join()
        pagecache.depends("a value", lambda: 1, 1)
    assert open is not None and Path.is_file.__name__ == "is_file"       # the hooks are gone
    assert {os.path.relpath(p, tmp_path): d if d.startswith("<") else "content"
            for p, d in reads.files.items()} == {"data.yml": "content", "docs/glossary.md": "content",
                                                 "docs/img.svg": "content", "docs/missing.yml": "<missing>"}
    assert [name for name, _, _ in reads.values] == ["a value"]
    entry = pagecache.Entry({}, None, [], dict(reads.files), reads.values)
    cache = pagecache.PageCache()
    assert cache.valid(entry)
    (docs / "missing.yml").write_text("now here", encoding="utf-8")
    assert not pagecache.PageCache().valid(entry)


def test_only_serve_installs_it():
    from sitebuild import ROOT
    users = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "scripts").rglob("*.py")
                   if "pagecache.install" in p.read_text(encoding="utf-8"))
    assert users == ["scripts/serve.py"]
