"""`make serve`'s page cache (mildguide.pagecache, issue 27): rebuilt in one process the way
scripts/serve.py does, a cache hit writes byte for byte the site a build without the cache
writes and logs the same problems; a page edit converts only that page (in both languages);
an edit to a data file (warning-signs.yml, the glossary) converts only the pages that read it
(or the edited part) and gives the site and warnings a fresh build gives.
`mkdocs build` never uses the cache."""
from __future__ import annotations

import logging
import re

import pytest

from mildguide import pagecache

MISTAKE = "\nA sentence with a phone number 555-123-4567 in it.[@no-such-source]\n"
NEAR_MISS = "\nRest after a laminectmy.[@src-002]\n"      # a misspelt glossary term (a warning)


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


def record_conversions(cache, monkeypatch) -> list[str]:
    """The pages each build converts (cache misses), by source file; cleared by the caller."""
    converted = []
    render = cache.render

    def counting(original, page, config, files):
        before = cache.misses
        render(original, page, config, files)
        if cache.misses > before:
            converted.append(page.file.src_uri)

    monkeypatch.setattr(cache, "render", counting)
    return converted


def record_renders(cache, monkeypatch) -> list[str]:
    """The pages whose theme template each build renders (mildguide.rendercache), by source file."""
    rendered = []
    render = cache.renders.render

    def counting(template, name, context):
        before = cache.renders.rendered
        out = render(template, name, context)
        if cache.renders.rendered > before:
            rendered.append(context["page"].file.src_uri)
        return out

    monkeypatch.setattr(cache.renders, "render", counting)
    return rendered


@pytest.fixture
def uncached():
    pagecache.uninstall()
    yield
    pagecache.uninstall()


def test_hits_match_a_build_without_the_cache_and_edits_invalidate(project_copy, tmp_path, monkeypatch, uncached):
    """Four builds. The cache is filled cold; then a page edit and an edit to each kind of
    data dependency (warning-signs.yml, a file the conversion reads; a glossary term's
    meaning, a value the extension declares) are rebuilt together with the cache: only the
    pages that read what changed convert again, a page with a problem comes from the cache and
    logs it again, and the site and the warnings equal a build of the same files without the
    cache (a missed dependency leaves a page stale, and this fails). key-figures.yml, which
    every page reads, is recorded the way warning-signs.yml is. Templates are rendered again
    only for the pages whose content changed; then a new file in the theme folder (overrides/)
    renders every page again (and is listed as a theme file) without converting any."""
    project = project_copy
    hit, edited = project / "docs" / "costs.md", project / "docs" / "recovery.md"
    hit.write_text(hit.read_text(encoding="utf-8") + MISTAKE + NEAR_MISS, encoding="utf-8")
    cache = pagecache.install()
    converted = record_conversions(cache, monkeypatch)
    rendered = record_renders(cache, monkeypatch)

    cold = build_into(project, tmp_path / "cold", monkeypatch)
    pages = cache.misses
    assert pages >= 38 and cache.hits == 0 and len(converted) == pages == len(rendered)
    assert any("costs.md" in w for w in cold), cold
    assert any("costs.md" in w and "laminectmy" in w for w in cold), cold     # it declares a value

    edited.write_text(edited.read_text(encoding="utf-8") + MISTAKE, encoding="utf-8")
    for name, edit, _ in DATA_EDITS:
        path = project / name
        text = path.read_text(encoding="utf-8")
        assert edit(text) != text, name
        path.write_text(edit(text), encoding="utf-8")
    cache.new_build()
    converted.clear()
    rendered.clear()
    cached = build_into(project, tmp_path / "cached", monkeypatch)
    assert {"recovery.md", "recovery.es.md"} <= set(converted), converted
    assert len(converted) == cache.misses < pages and "costs.md" not in converted, converted
    assert "sources.md" not in converted      # it takes only the data file's problems: none changed
    # a template is rendered again only for a page whose content changed (the nav did not)
    assert {"recovery.md", "recovery.es.md"} <= set(rendered) <= set(converted), rendered
    assert cache.renders.reused == pages - len(rendered)
    assert any("costs.md" in w for w in cached)          # a hit logs its problem again
    assert len(cache.entries) == pages + 4               # the old versions of the edited pages
    # (recovery and the glossary, each in both languages) are kept until
    assert len(cache.memo) >= pages                      # the post-build work came from the memo
    site = b"".join(files_of(tmp_path / "cached").values())
    for name, _, marker in DATA_EDITS:
        assert marker.encode() in site, name

    pagecache.uninstall()
    assert build_into(project, tmp_path / "plain", monkeypatch) == cached   # same problems, in order
    assert_same_site(tmp_path / "cached", tmp_path / "plain")
    cache.new_build()
    assert len(cache.entries) == pages                   # ... the next build forgets them

    pagecache.install(cache)
    (project / "overrides" / "pagecache-probe.txt").write_text("probe\n", encoding="utf-8")
    converted.clear()
    rendered.clear()
    build_into(project, tmp_path / "theme", monkeypatch)
    assert (tmp_path / "theme" / "pagecache-probe.txt").is_file()      # the theme is listed again
    assert converted == [] and len(rendered) == pages and cache.renders.reused == 0


def test_a_problem_in_warning_signs_yml_converts_the_sources_page_again(project_copy, tmp_path, monkeypatch, uncached):
    """The Sources page reports the data file's own problems (and shows no card): it declares
    only those (pagecache.depends), so a sign's new wording leaves it cached (the test above),
    and a new problem in the file converts it again and is logged, file and line."""
    project = project_copy
    cache = pagecache.install()
    converted = record_conversions(cache, monkeypatch)
    build_into(project, tmp_path / "cold", monkeypatch)
    signs = project / "warning-signs.yml"
    text = signs.read_text(encoding="utf-8")
    signs.write_text(text.replace("sources: [royal-free-ces,", "sources: [no-such-id,", 1), encoding="utf-8")
    line = text[:text.index("sources: [royal-free-ces,")].count("\n") + 1
    cache.new_build()
    converted.clear()
    warnings = build_into(project, tmp_path / "cached", monkeypatch)
    assert "sources.md" in converted, converted
    assert any(f"warning-signs.yml:{line}:" in w and "no-such-id" in w for w in warnings), warnings


# (file, edit, what the built site then shows)
DATA_EDITS = [
    ("warning-signs.yml", lambda t: re.sub(r'(text_es: "[^"]*)"', r'\1 EDITADO"', t, count=1), "EDITADO"),
    # the first term's meaning: its tooltip on the pages that show that term, and the glossary
    ("docs/glossary.md", lambda t: re.sub(r"^(### .+\n(?:\n\*Also called:\*.*\n)?\n.+?)$", r"\1 GLOSAR",
                                          t, count=1, flags=re.M), "GLOSAR"),
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


def test_a_template_render_is_reused_only_while_all_it_can_see_is_the_same(tmp_path):
    """mildguide.rendercache's key, on a page, nav and config built by hand (no build): each
    thing a template can read renders the page again when it changes; a value the key cannot
    compare (a repr naming a memory address) renders it every time; the build's own folder
    does not count."""
    from types import SimpleNamespace as NS
    from mildguide import rendercache
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text("{{ page.content }}", encoding="utf-8")

    class Theme(dict):
        dirs = [str(overrides)]

    class Config(dict):                  # MkDocs' config: config["theme"] and config.theme
        __getattr__ = dict.__getitem__

    def context(title_b="B", content="<p>a</p>", link="es/a/", hook="Reviewed", site_dir="s1"):
        file = NS(src_uri="a.md", dest_uri="a/index.html", url="a/", locale="en", alternates={})
        other = NS(url="b/", title=title_b, meta={}, file=None, children=None)
        page = NS(file=file, url="a/", canonical_url="http://x/a/", abs_url="/a/", edit_url=None, title="A",
                  is_homepage=False, meta={"title": "A"}, content=content, toc=[], jsonld=None,
                  previous_page=None, next_page=other, parent=None)
        config = Config(site_name="G", extra={"alternate": [{"lang": "es", "link": link}]},
                        theme=Theme(language="en"), site_dir=site_dir, plugins=object())
        return {"nav": NS(items=[page, other], pages=[page, other], homepage=None), "pages": [],
                "base_url": "..", "extra_css": [], "extra_javascript": [], "mkdocs_version": "1.6",
                "build_date_utc": object(), "config": config, "page": page, "omg_trust": {"review": hook}}

    renders = rendercache.Renders(NS(memo={}, memo_used=set(), shared_now=lambda: "files"))
    template = NS(render=lambda ctx: ctx["page"].content)

    def rendered(ctx) -> bool:
        before = renders.rendered
        assert renders.render(template, "main.html", ctx) == ctx["page"].content
        return renders.rendered > before

    assert rendered(context())
    assert not rendered(context()) and not rendered(context(site_dir="s2"))
    for change in ({"title_b": "B2"}, {"content": "<p>b</p>"}, {"link": "es/b/"}, {"hook": "Not reviewed"}):
        assert rendered(context(**change)), change
        assert not rendered(context(**change)), change
    (overrides / "main.html").write_text("{{ page.title }}", encoding="utf-8")
    assert rendered(context())
    unknown = context()
    unknown["omg_other"] = object()
    assert rendered(unknown) and rendered(unknown)


def test_search_entries_are_reused_only_for_the_same_page(monkeypatch):
    """Material's search entries, as `make serve` keeps them (pagecache._search_entries_once):
    the same HTML, table of contents, address and title give the same entries without parsing
    again; a change to any of them parses the page again. A reused entry is a copy."""
    from types import SimpleNamespace as NS
    from material.plugins.search import plugin as search
    monkeypatch.setattr(search.SearchIndex, "add_entry_from_context", search.SearchIndex.add_entry_from_context)
    cache = pagecache.PageCache()
    pagecache._search_entries_once(cache)
    parsed = []
    monkeypatch.setattr(search, "Parser", lambda cls=search.Parser: parsed.append(1) or cls())

    def entries(content='<h1 id="a">A</h1><p>One.</p><h2 id="b">B</h2><p>Two.</p>', url="a/", title="A", toc_b="B"):
        toc = [NS(id="a", url="#a", title="A", children=[NS(id="b", url="#b", title=toc_b, children=[])])]
        index = search.SearchIndex()
        index.add_entry_from_context(NS(content=content, url=url, title=title, toc=toc, meta={}))
        return index.entries

    first = entries()
    assert [e["location"] for e in first] == ["a/", "a/#b"] and len(parsed) == 1
    again = entries()
    assert again == first and again[0] is not first[0] and len(parsed) == 1
    for change in ({"content": "<h1 id='a'>A</h1><p>Three.</p>"}, {"url": "b/"}, {"title": "Other"}, {"toc_b": "C"}):
        before = len(parsed)
        entries(**change)
        assert len(parsed) == before + 1, change


def test_glossary_near_misses_are_kept_only_while_the_glossary_page_and_other_pages_are_the_same(tmp_path, monkeypatch):
    """`make serve` asks every page's near-miss check again at each rebuild (it depends on every
    other page's words): the answer is kept (mildguide.mdext.glossary._near_misses) until the
    glossary, the page's text or another page's words change; without the cache it is computed
    every time."""
    import os
    from mildguide.mdext import glossary as G
    from mildguide.page import glossary as P
    from sitebuild import ROOT
    docs = tmp_path / "docs"
    docs.mkdir()
    gloss = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    page, other = docs / "page.md", docs / "other.md"
    body = "A laminectmy removes bone. A dekompression too.\n"
    page.write_text(body, encoding="utf-8")
    other.write_text("Nothing here.\n", encoding="utf-8")
    computed = []
    real = P.misspelt_terms
    monkeypatch.setattr(P, "misspelt_terms", lambda *a, **k: computed.append(1) or real(*a, **k))

    def misses(text=gloss, body=body):
        found = G._near_misses(text, "docs/glossary.md", body, "docs/page.md", 1, G._others(docs, "page.md", page))
        return [p.message.split(":")[0] for p in found]

    monkeypatch.setattr(pagecache, "_installed", None)
    assert misses() == misses() and len(computed) == 2              # mkdocs build: no memo
    assert any("laminectmy" in m for m in misses()) and any("dekompression" in m for m in misses())
    monkeypatch.setattr(pagecache, "_installed", pagecache.PageCache())
    computed.clear()
    first = misses()
    assert misses() == first and len(computed) == 1                 # kept
    misses(text=gloss.replace("### Laminectomy", "### Laminectomies", 1))
    assert len(computed) == 2                                       # the glossary changed
    misses(body=body + "More.\n")
    assert len(computed) == 3                                       # the page changed
    other.write_text("A dekompression is a real word here.\n", encoding="utf-8")
    os.utime(other, ns=(1, 1))                                      # a new mtime: its words read again
    G._others(docs, "other.md", other)                              # as when that page is built
    after = misses()
    assert len(computed) == 4 and not any("dekompression" in m for m in after), after


def test_search_language_settings_are_looked_up_again_only_when_the_theme_changes(tmp_path, monkeypatch):
    """Material's search plugin's language lookups (`_translate`), as `make serve` keeps them
    (pagecache._search_translations_once): the same value, theme language, theme folders and
    files in the folders outside the venv give the kept answer; a change to any looks it up again."""
    from types import SimpleNamespace as NS
    from material.plugins.search import plugin as search
    asked = []
    monkeypatch.setattr(search.SearchPlugin, "_translate",
                        lambda plugin, config, value: asked.append(value) or f"{config.theme['language']}:{value}")
    cache = pagecache.PageCache()
    pagecache._search_translations_once(cache)
    overrides = tmp_path / "overrides"
    (overrides / "partials").mkdir(parents=True)

    class Theme(dict):
        pass

    def lookup(value="search.config.separator", language="en", dirs=(str(overrides),)):
        theme = Theme(language=language)
        theme.dirs = list(dirs)
        return search.SearchPlugin._translate(object(), NS(theme=theme), value)

    assert lookup() == lookup() == "en:search.config.separator" and len(asked) == 1
    assert lookup(language="es") == "es:search.config.separator" and len(asked) == 2
    assert lookup(value="search.config.pipeline") and len(asked) == 3
    lookup(dirs=(str(overrides), str(tmp_path)))
    assert len(asked) == 4
    (overrides / "partials" / "language.html").write_text("x", encoding="utf-8")
    lookup()
    assert len(asked) == 5
    lookup()
    assert len(asked) == 5
