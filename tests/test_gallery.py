"""Issue 23: each browser check runs once per distinct thing, and the equivalence is proved.

The walked set is the component gallery (tests/gallery.py: every component in every state, in
a neutral and a clinic build, English and Spanish, with its embeds) and a few real files the
gallery cannot hold: the 404 template, a Sources group page (the registry's entries), the Embed page
(snippets and live previews) and the two widget kinds only the FAQ and Questions pages make.
Each walked file gets axe with every WCAG 2.2 AA rule (target-size included) in both schemes
at 390 and 1280 px, and the full Tab walk at both widths (the Embed page's with its first live
preview: the others are embeds of kinds walked on their own, as a test below proves).
`test_every_component_is_walked` proves that no real page uses a component, template or embed
kind outside that set, so the every-page, every-width, every-scheme walks (marked exhaustive)
add nothing `make test` misses.
"""
from __future__ import annotations

import contextlib
import posixpath
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser import at_site_url_path
from gallery import SLUG
from inventory import components, html_files, parse, template_of, widget_kinds
from readerkit import SCHEMES, WIDTHS, load_all_frames, new_context, render_all, wait_still
from test_reader_a11y import describe, resize
from test_reader_keyboard import stop_problems, tab_through

AXE = Axe()
# Every WCAG 2.0/2.1/2.2 A and AA rule and axe's best practices; target-size (WCAG 2.5.8) is
# off by default in axe, so it is switched on by name.
WCAG22_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa",
                                                    "wcag22aa", "best-practice"]},
             "rules": {"target-size": {"enabled": True}},
             "resultTypes": ["violations"]}

EMBED_PAGE = "embedding/"
# Real files walked as representatives of what a gallery page cannot be: (build, path).
REPRESENTATIVES = [
    ("real", "404.html"),                          # the 404 template
    ("real", "sources/about-mild/"),               # the source registry list (a group's page; its
                                                   # hub is lists of links, as the gallery has)
    ("real", EMBED_PAGE),                          # snippets and live previews (Embed page only)
    ("real", "embed/faq/topic-cost/"),             # an FAQ-topic widget (FAQ page only)
    ("real", "embed/questions/checklist/"),        # the checklist widget (Questions page only)
]


@pytest.fixture(scope="session")
def gallery(gallery_sites) -> dict[str, Path]:
    return {"gallery": gallery_sites[0], "clinic": gallery_sites[1]}


def gallery_paths(site: Path) -> list[str]:
    """Every file the gallery page makes in a build: the page and its embeds, in each language."""
    return [p for p in html_files(site) if f"{SLUG}/" in p]


def walked(gallery: dict[str, Path], site_dir: Path) -> list[tuple[str, Path, str]]:
    """(build, site folder, path) of every walked file."""
    out = [(name, site, p) for name, site in gallery.items() for p in gallery_paths(site)]
    return out + [(name, site_dir, p) for name, p in REPRESENTATIVES]


@pytest.fixture(scope="session")
def urls(gallery, site_url_at_path, tmp_path_factory):
    """Base URL of each build, each served on its own port at its site_url path."""
    with contextlib.ExitStack() as stack:
        yield {"real": site_url_at_path, **{
            name: stack.enter_context(at_site_url_path(site, tmp_path_factory.mktemp(name)))
            for name, site in gallery.items()}}


def test_the_gallery_holds_what_it_promises(gallery):
    """The states the gallery exists to show really are in its HTML (each build, each language)."""
    page = parse(gallery["gallery"] / SLUG / "index.html")
    have = components(page)
    for needed in [".care-emergency", ".care-urgent", ".care-nonurgent", ".key-points",
                   ".next-steps", ".sources-differ", "<details>", ".compare-table", ".omg-ia", ".omg-term",
                   ".omg-cite", ".recovery-timeline", ".omg-decision", ".omg-checklist",
                   ".md-search__input", ".md-select", ".md-footer__link--prev", ".md-footer__link--next"]:
        assert needed in have, f"the gallery lost {needed}"
    assert page.xpath("//details[@open]") and page.xpath("//details[not(@open)]"), "both detail states"
    clinic = components(parse(gallery["clinic"] / SLUG / "index.html"))
    assert ".omg-clinic" in clinic and ".omg-clinic" not in have
    es = components(parse(gallery["gallery"] / "es" / SLUG / "index.html"))
    assert ".omg-translation-credit" in es and ".omg-i18n-notice" in es
    assert len(gallery_paths(gallery["gallery"])) >= 6     # page, embed, 3 widgets, Spanish page


# --- the proof: nothing a real page uses is left unwalked ----------------------------------

def real_inventory(site: Path) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(component -> real files using it, template -> real files made from it)."""
    kinds = widget_kinds(site)
    uses: dict[str, list[str]] = {}
    templates: dict[str, list[str]] = {}
    for path in html_files(site):
        tree = parse(site / (path if path.endswith(".html") else path + "index.html"))
        templates.setdefault(template_of(path, tree, kinds), []).append(path)
        for comp in components(tree):
            uses.setdefault(comp, []).append(path)
    return uses, templates


def walked_inventory(files: list[tuple[str, Path, str]]) -> tuple[set[str], set[str]]:
    comps: set[str] = set()
    templates: set[str] = set()
    kinds = {}
    for _, site, path in files:
        kinds.setdefault(site, widget_kinds(site))
        tree = parse(site / (path if path.endswith(".html") else path + "index.html"))
        comps |= components(tree)
        templates.add(template_of(path, tree, kinds[site]))
    return comps, templates


def uncovered(site_dir: Path, files) -> list[str]:
    uses, templates = real_inventory(site_dir)
    comps, walked_templates = walked_inventory(files)
    out = [f"component {c} (used by {', '.join(sorted(ps)[:3])}{' …' if len(ps) > 3 else ''})"
           for c, ps in sorted(uses.items()) if c not in comps]
    out += [f"template {t} (e.g. {ps[0]})" for t, ps in sorted(templates.items()) if t not in walked_templates]
    return out


def test_every_component_is_walked(gallery, site_dir):
    """Every class, element, role and data attribute of every real page and embed (both
    languages), every template and every embed kind appears in a walked file. A new component
    must go into tests/gallery.py (or its page into REPRESENTATIVES) before this passes."""
    files = walked(gallery, site_dir)
    for _, site, path in files:
        assert (site / (path if path.endswith(".html") else path + "index.html")).is_file(), path
    missing = uncovered(site_dir, files)
    assert not missing, ("built pages use what no walked file shows; add it to the gallery "
                         "(tests/gallery.py):\n  " + "\n  ".join(missing))


def test_the_proof_fails_on_a_component_the_gallery_lacks(gallery, site_dir, tmp_path):
    """The proof can fail: a real page given a component class and an element the gallery has
    not got, and a widget of a new kind, are reported."""
    import json
    import shutil
    site = tmp_path / "site"
    shutil.copytree(site_dir, site, ignore=shutil.ignore_patterns("*.map", "search", "lunr"))
    page = site / "risks" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace(
        '<h1', '<dialog class="omg-new-widget">new</dialog><h1', 1), encoding="utf-8")
    # A widget of a kind no walked file is: an embed page listed in the widget catalogue.
    (site / "embed" / "risks" / "quiz").mkdir()
    shutil.copy(site / "embed" / "faq" / "topic-cost" / "index.html", site / "embed" / "risks" / "quiz")
    api = json.loads((site / "api" / "index.json").read_text(encoding="utf-8"))
    api["widgets"].append({**api["widgets"][0], "kind": "quiz", "embed_url": api["site_url"] + "embed/risks/quiz/"})
    (site / "api" / "index.json").write_text(json.dumps(api), encoding="utf-8")
    missing = uncovered(site, walked(gallery, site_dir))
    assert any(".omg-new-widget" in m and "risks/" in m for m in missing), missing
    assert any("<dialog>" in m for m in missing), missing
    assert any(m.startswith("template embed-quiz") for m in missing), missing
    assert len(missing) == 3, missing


# --- the Embed page's previews ---------------------------------------------------------------
# The Embed page has a live preview of every widget (each in a closed <details>): 14 frames and
# 871 Tab stops at 390 px once all are open, most of them inside ten previews of one kind (the
# FAQ topics). Its Tab walk opens the first preview and keeps it live (focus going into a
# frame, and out of it, is walked); the others stay closed and hold no frame (made only when
# a box opens), so they are out of the Tab order. Each skipped preview is an embed file of a
# kind that a walked file is (the test below proves it), so its stops are walked there.


def previews_skipped(site: Path) -> list[str]:
    """The iframe src, as written, of each Embed page preview after the first."""
    return parse(site / EMBED_PAGE / "index.html").xpath("//iframe[@data-omg-embed]/@src")[1:]


def previews_unwalked(site: Path, walked_templates: set[str]) -> list[str]:
    """The skipped previews whose template (embed kind) no walked file has."""
    kinds = widget_kinds(site)
    paths = [posixpath.normpath(posixpath.join(EMBED_PAGE, src)) + "/" for src in previews_skipped(site)]
    return [p for p in paths if (f"embed-{kinds[p]}" if p in kinds else "embed-page") not in walked_templates]


def test_every_preview_the_embed_walk_skips_is_walked_as_its_kind(gallery, site_dir):
    skipped = previews_skipped(site_dir)
    assert len(skipped) >= 9, skipped      # the FAQ topics' previews, at least
    _, templates = walked_inventory(walked(gallery, site_dir))
    assert not previews_unwalked(site_dir, templates)
    # It can fail: with no walked file of the FAQ-topic kind, those previews are reported.
    unwalked = previews_unwalked(site_dir, templates - {"embed-faq-topic"})
    assert len(unwalked) >= 9 and all(p.startswith("embed/faq/topic-") for p in unwalked), unwalked


INERT = """srcs => { const frames = [...document.querySelectorAll('iframe[data-omg-embed]')]
  .filter(f => srcs.includes(f.getAttribute('src')));
  for (const f of frames) f.inert = true;
  return frames.length; }"""


def skip_previews(site: Path):
    """The Tab walk's `prepare` for the Embed page: open the first preview (each waits in a
    closed <details>, its frame not made until a reader opens it), load it, and make any
    skipped preview that has a frame inert (none has: closed boxes hold no frame)."""
    srcs = previews_skipped(site)

    def prepare(page):
        page.evaluate("document.querySelector('details.omg-preview-box').open = true")
        page.wait_for_function("document.querySelectorAll('iframe[data-omg-embed]').length === 1")
        load_all_frames(page)
        render_all(page)
        assert page.evaluate(INERT, srcs) == 0, "the Embed page's closed previews have frames again"
    return prepare


# --- the walks ------------------------------------------------------------------------------

def load(page, url: str) -> None:
    """Open a file for axe: loaded, fonts in, still, and everything rendered (axe misjudges
    colours and sizes in what content-visibility: auto has not rendered yet, reader.css)."""
    page.goto(url, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    render_all(page)
    wait_still(page)


# Each walk is split into this many test items (every SHARDS-th walked file), so that the two
# workers share the long walks evenly and none of them is left running alone at the end.
SHARDS = 4


def shard_of(files: list, shard: int) -> list:
    """The walked files of one shard: together the shards hold every file once."""
    return files[shard::SHARDS]


@pytest.mark.heavy
@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda i: f"part{i + 1}")
@pytest.mark.parametrize("scheme", SCHEMES)
def test_walked_files_have_no_wcag22_aa_violation(browser, gallery, site_dir, urls, scheme, shard):
    """axe, every WCAG 2.2 AA rule, at 390 and 1280 px, in this scheme."""
    failures = {}
    context = new_context(browser, WIDTHS[0], scheme)
    page = context.new_page()
    try:
        for name, _, path in shard_of(walked(gallery, site_dir), shard):
            page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            load(page, urls[name] + path)
            for width in WIDTHS:
                if width != WIDTHS[0]:
                    resize(page, width)
                found = AXE.run(page, options=WCAG22_AA).response["violations"]
                if found:
                    failures[f"{name}:{path} ({width}px)"] = describe(found)
    finally:
        context.close()
    assert not failures, f"axe WCAG 2.2 AA violations ({scheme}):\n" + "\n".join(
        f"{p}\n{report}" for p, report in failures.items())


@pytest.mark.heavy
@pytest.mark.parametrize("shard", range(SHARDS), ids=lambda i: f"part{i + 1}")
@pytest.mark.parametrize("width", WIDTHS, ids=lambda w: f"{w}px")
def test_walked_files_every_tab_stop_is_visible_with_a_ring_and_every_control_is_reached(
        browser, gallery, site_dir, urls, width, shard):
    problems = []
    context = new_context(browser, width)
    page = context.new_page()
    try:
        for name, _, path in shard_of(walked(gallery, site_dir), shard):
            where = f"{name}:{path}"
            prepare = skip_previews(site_dir) if (name, path) == ("real", EMBED_PAGE) else None
            stops = tab_through(page, urls[name] + path, prepare=prepare)
            assert len(stops) >= 1, f"{where}: no Tab stop"
            if page.locator("a.md-skip").count():
                assert "md-skip" in stops[0]["what"], f"{where}: first Tab stop is {stops[0]['what']}"
            problems += stop_problems(page, stops, where)
    finally:
        context.close()
    assert not problems, "\n".join(problems)
