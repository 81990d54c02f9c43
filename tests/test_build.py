"""Foundation: the strict build works, covers the nav, and fails on broken links or anchors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from lxml import html

from sitebuild import ROOT
from test_mistakes import GROUP_OF, MISTAKES, mistake_build, strict_build  # noqa: F401 (a fixture)


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold !ENV / !relative tags; treat any tag as its plain value."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def nav_files(nav) -> list[str]:
    out: list[str] = []
    for item in nav:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out.extend(nav_files(value) if isinstance(value, list) else [value])
    return [f for f in out if f.endswith(".md")]


def built_path(site: Path, md: str) -> Path:
    stem = md[:-3]
    if stem == "index" or stem.endswith("/index"):
        return site / (stem[:-5] or "") / "index.html"
    return site / stem / "index.html"


def test_every_nav_page_is_built(site_dir):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loader)
    files = nav_files(config["nav"])
    assert len(files) >= 10, files
    for md in files:
        assert (ROOT / "docs" / md).is_file(), f"nav names {md}, which does not exist"
        page = built_path(site_dir, md)
        assert page.is_file(), f"{md} was not built at {page}"
        assert html.fromstring(page.read_bytes()).xpath("//h1"), f"{page} has no <h1>"
    assert (site_dir / "404.html").is_file()


@pytest.mark.parametrize("name, expected", [
    ("broken page link", "no-such-page.md"),
    ("broken anchor", "anchor #no-such-anchor does not exist"),
])
def test_broken_link_or_anchor_fails_naming_the_file(mistake_build, name, expected):
    """The strict build itself, not only the link check after it, fails naming the file and
    line. The copy is the mistake suite's (tests/test_mistakes.py), built once for the group
    that holds these links in candidates.md."""
    result, lines = mistake_build(GROUP_OF[name])
    assert MISTAKES[name].page == "docs/candidates.md"
    returncode, output = strict_build(result)
    assert returncode != 0, "the build should fail on a broken link or anchor"
    hits = [l for l in output.splitlines() if f"docs/candidates.md:{lines[name]}: " in l and expected in l]
    assert len(hits) == 1, output


def test_unmodified_copy_builds(unmodified_copy):
    """A copy of the project (as the mistake suites make) builds strictly; the same build
    serves tests/test_mistakes.py, which also link-checks it."""
    assert unmodified_copy.ok, unmodified_copy.output
    assert (unmodified_copy.site / "index.html").is_file()


EXTERNAL = re.compile(r"^(https?:)?//", re.I)


def test_no_external_scripts_styles_or_fonts(site_dir):
    offenders = []
    for page in site_dir.rglob("*.html"):
        tree = html.fromstring(page.read_bytes())
        refs = tree.xpath("//script/@src | //link[@rel='stylesheet' or @rel='preload' "
                          "or @rel='modulepreload' or @rel='preconnect' or @rel='dns-prefetch']/@href "
                          "| //img/@src | //iframe/@src | //source/@src")
        offenders += [f"{page.relative_to(site_dir)}: {r}" for r in refs if EXTERNAL.match(r)]
        for style in tree.xpath("//style/text()") + tree.xpath("//@style"):
            offenders += [f"{page.relative_to(site_dir)}: {u}" for u in
                          re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", style)]
    for css in site_dir.rglob("*.css"):
        offenders += [f"{css.relative_to(site_dir)}: {u}" for u in
                      re.findall(r"url\(\s*['\"]?((?:https?:)?//[^)'\"]+)", css.read_text())]
        offenders += [f"{css.relative_to(site_dir)}: {u}" for u in
                      re.findall(r"@import\s+(?:url\()?['\"]?((?:https?:)?//[^'\")]+)", css.read_text())]
    assert not offenders, "\n".join(offenders)
