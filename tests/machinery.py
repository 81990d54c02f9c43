"""Helpers for the machinery tests: copy the fixture site and read built pages."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from lxml import html

from sitebuild import ROOT, BuildResult, build

FIXTURE = Path(__file__).parent / "fixtures" / "minisite"


def fixture_copy(dest: Path) -> Path:
    """Copy the fixture site plus the real scripts/ and overrides/ into `dest`."""
    shutil.copytree(FIXTURE, dest)
    for part in ("scripts", "overrides"):
        shutil.copytree(ROOT / part, dest / part, ignore=shutil.ignore_patterns("__pycache__"))
    css = dest / "docs" / "assets" / "stylesheets"
    css.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "docs" / "assets" / "stylesheets" / "machinery.css", css)
    return dest


def page(site: Path, src: str):
    """Parsed built HTML of the page whose source is `src` (e.g. "sub/deep.md")."""
    stem = src[:-3]
    out = site / ("index.html" if stem == "index" else f"{stem}/index.html")
    return html.fromstring(out.read_bytes())


def content(tree):
    return tree.xpath("//article[contains(@class,'md-content__inner')]")[0]


def jsonld(tree, kind: str) -> list[dict]:
    blocks = [json.loads(s) for s in tree.xpath("//head/script[@type='application/ld+json']/text()")]
    return [b for b in blocks if b.get("@type") == kind]


def edit(project: Path, src: str, old: str, new: str) -> None:
    path = project / "docs" / src
    text = path.read_text()
    assert old in text, f"{old!r} not in {src}"
    path.write_text(text.replace(old, new, 1))


def fails_with(result: BuildResult, prefix: str, *words: str) -> str:
    """Assert the build failed and printed a line starting `prefix` holding every word."""
    assert not result.ok, f"the build should have failed:\n{result.output}"
    lines = [l for l in result.output.splitlines() if prefix in l]
    hits = [l for l in lines if all(w.lower() in l.lower() for w in words)]
    assert hits, f"no line with {prefix!r} and {words} in:\n{result.output}"
    return hits[0]


FIXED_TODAY = "2026-06-01"     # the fixture's pages are reviewed 2026-01-10, next due 2027-01-10


def build_on(project: Path, today: str = FIXED_TODAY, **kw) -> BuildResult:
    """Build `project` as if today were `today` (YYYY-MM-DD)."""
    import os
    old = os.environ.get("MILDGUIDE_TODAY")
    os.environ["MILDGUIDE_TODAY"] = today
    try:
        return build(project, **kw)
    finally:
        if old is None:
            os.environ.pop("MILDGUIDE_TODAY", None)
        else:
            os.environ["MILDGUIDE_TODAY"] = old


def cited_numbers(tree) -> list[tuple[str, str]]:
    """(number, href) of every citation link in the page body, in document order."""
    return [(a.text_content(), a.get("href")) for a in content(tree).xpath(".//sup[@class='omg-cite']/a")]


def page_sources(tree) -> list[tuple[str, str]]:
    return [(a.text_content(), a.get("href"))
            for a in content(tree).xpath(".//div[@class='omg-page-sources']//li/a")]


def page_copies_build(tmp_path_factory, worker_id, name: str, mistakes: dict, extra=None) -> BuildResult:
    """One copy of the fixture site holding several page-local mistakes, built once per test run
    (build_once) instead of one build each. `mistakes` maps a key to (page, old, new): the page
    is copied to `<stem>-<key>.md` with `old` replaced by `new` and listed in the nav after it, so
    each message names its own file at the line the page would have. `extra(project)` may add
    more. The copies without the mistakes build clean (the shared `fixture_site`); a mistake that
    stopped the build before another page was read would make that page's test fail."""
    from sitebuild import build_once

    def make(dest: Path) -> BuildResult:
        project = fixture_copy(dest / "project")
        config = project / "mkdocs.yml"
        nav = config.read_text(encoding="utf-8")
        for key, (src, old, new) in mistakes.items():
            text = (project / "docs" / src).read_text(encoding="utf-8")
            assert old in text, f"{old!r} not in {src}"
            copy = f"{src[:-3]}-{key}.md"
            (project / "docs" / copy).write_text(text.replace(old, new, 1), encoding="utf-8")
            entry = next(line for line in nav.splitlines(keepends=True) if line.rstrip().endswith(f": {src}"))
            nav = nav.replace(entry, entry + entry.replace(f": {src}", f": {copy}").replace(":", f" {key}:", 1), 1)
        config.write_text(nav, encoding="utf-8")
        if extra:
            extra(project)
        return build_on(project)

    return build_once(tmp_path_factory, worker_id, name, make)


# Page-local mistakes of test_machinery_sources.py and test_machinery_derived.py, in one copy of
# the fixture site (`fixture_page_mistakes`, conftest.py): key -> (page, old, new).
PAGE_MISTAKES = {
    "unknown-id": ("page-a.md", "improve.[@alpha; @beta]", "improve.[@alpha; @nope]"),
    "malformed": ("page-a.md", "improve.[@alpha; @beta]", "improve.[@alpha, @beta]"),
    "opts-out": ("page-a.md", "next_review: 2027-01-10", "next_review: 2027-01-10\ncitations: none"),
    "one-source": ("page-a.md", "2 hours.[@beta; @alpha]", "2 hours.[@alpha]"),
    "not-stated": ("compare.md", "| Not stated in the sources |", "| Two nights |"),
    "code-cite": ("compare.md", "| `a|b` small[@beta] |", "| `a|b [@beta]` small |"),
    "empty": ("compare.md", "| Home the same day[@alpha] |", "|  |"),
}
