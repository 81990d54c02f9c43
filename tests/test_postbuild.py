"""The post-build pass (mildguide.site.postbuild): on a small hand-made built site (no generator
needed), each built page parsed once, problems as file:line, and repeated in-process builds
(what `mkdocs serve` does) give identical output."""
from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from mildguide.site import postbuild
from mildguide.settings import Settings, load_yaml_config

CONFIG = """\
site_name: Fixture Guide
site_url: https://example.org/fixture/
strict: true
extra_css:
  - assets/stylesheets/guide.css
nav:
  - Home: index.md
  - A page: page.md
  - Sources: sources.md
extra:
  clinic: {}
  stylesheets:
    - assets/stylesheets/one.css
    - assets/stylesheets/content.css
"""

PAGE_MD = """\
---
title: A page
description: One fixture page.
reviewed: 2026-01-10
next_review: 2027-01-10
---

# A page

Text with a citation.[@alpha]

See [home](index.md) and [nowhere](missing.md).
"""


def html_page(title: str, content: str, depth: int, script: str = "var x = 1;") -> str:
    up = "../" * depth
    return textwrap.dedent(f"""\
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
        <link rel="stylesheet" href="{up}assets/stylesheets/guide.css">
        <script>{script}</script></head>
        <body><nav><a href="{up}">Home</a> <a href="{up}page/">A page</a> <a href="{up}sources/">Sources</a></nav>
        <article class="md-content md-content__inner md-typeset">
          <a href="#" class="md-content__button md-icon" title="Edit">edit</a>
          {content}
          <aside class="omg-disclaimer"><p>Not medical advice.</p></aside>
        </article></body></html>
        """)


def make_project(root: Path, broken: bool = False) -> Settings:
    (root / "docs" / "assets" / "stylesheets").mkdir(parents=True)
    (root / "mkdocs.yml").write_text(CONFIG)
    (root / "docs" / "assets" / "stylesheets" / "one.css").write_text("/* one */\nbody { color: red; }\n")
    (root / "docs" / "assets" / "stylesheets" / "content.css").write_text(".c { margin: 0; }\n")
    (root / "docs" / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n\n[A page](page.md)\n")
    (root / "docs" / "page.md").write_text(PAGE_MD)
    (root / "docs" / "sources.md").write_text(
        "---\ntitle: Sources\nsources:\n  - id: alpha\n    title: Alpha trial\n---\n\n# Sources\n")
    site = root / "site"
    pages = {
        "index.html": html_page("Home", '<h1 id="home">Home</h1><p><a href="page/">A page</a></p>', 0),
        "page/index.html": html_page("A page", (
            '<h1 id="a-page">A page</h1><p>Text with a citation.<sup><a href="../sources/#source-alpha" '
            'title="Alpha trial">1</a></sup></p><h2 id="more">More</h2><p>See <a href="../">home</a>'
            + (' and <a href="../missing/">nowhere</a>' if broken else "") + ".</p>"), 1),
        "sources/index.html": html_page("Sources", '<h1 id="sources">Sources</h1><p id="source-alpha">Alpha</p>', 1),
        "404.html": html_page("Not found", "<h1>Not found</h1>", 0, script="var y = 2;"),
    }
    for rel, text in pages.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)
    for rel in ("assets/stylesheets/embed.css", "assets/stylesheets/content.css",
                "assets/stylesheets/one.css", "assets/javascripts/embed-frame.js"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text("/* copied by the generator */\n")
    return Settings.from_file(root / "mkdocs.yml", site)


def test_pass_writes_every_site_output(tmp_path):
    settings = make_project(tmp_path)
    site = postbuild.run(settings)
    assert site.problems == []
    out = settings.site_dir
    embed = lxml_html.fromstring((out / "embed/page/index.html").read_bytes())
    assert "Text with a citation." in embed.text_content()
    assert not embed.xpath("//*[contains(@class, 'omg-disclaimer') or contains(@class, 'md-content__button')]")
    record = json.loads((out / "api/pages/page.json").read_text())
    assert record["title"] == "A page" and record["sources"][0]["id"] == "alpha"
    assert record["reviewed"] == "2026-01-10"
    index = json.loads((out / "api/index.json").read_text())
    assert [p["slug"] for p in index["pages"]] == ["index", "page", "sources"]
    headers = (out / "_headers").read_text()
    assert headers.count("'sha256-") >= 2 * 2          # both inline scripts, in each policy
    assert "Sitemap: https://example.org/fixture/sitemap.xml" in (out / "robots.txt").read_text()
    bundle = (out / "assets/stylesheets/guide.css").read_text()
    assert bundle.index("color: red") < bundle.index(".c{margin: 0}")
    assert "/* one */" not in bundle


def test_each_built_page_is_parsed_once(tmp_path, monkeypatch):
    settings = make_project(tmp_path)
    parsed: list[bytes] = []
    real_parse = postbuild.Site._parse
    monkeypatch.setattr(etree, "parse", lambda *a, **k: pytest.fail("a page was parsed outside Site._parse"))
    monkeypatch.setattr(postbuild.Site, "_parse", lambda self, data: (parsed.append(data), real_parse(self, data))[1])
    site = postbuild.run(settings)
    html_files = sorted(settings.site_dir.rglob("*.html"))
    # one parse per file: a page parsed twice would make more parses than files
    assert len(parsed) == len(html_files) == len(site.trees), [d[:80] for d in parsed]


def test_each_html_file_is_written_once(tmp_path, monkeypatch):
    """The steps edit a page's text in memory; write_pages writes each changed file once."""
    settings = make_project(tmp_path)
    written: list[str] = []
    for name in ("write_text", "write_bytes"):
        real = getattr(Path, name)
        monkeypatch.setattr(Path, name, lambda self, *a, _real=real, **k: (written.append(str(self)), _real(self, *a, **k))[1])
    postbuild.run(settings)
    html = [w for w in written if w.endswith(".html")]
    assert html and len(html) == len(set(html)), sorted(html)


def test_broken_link_is_reported_on_the_markdown_line(tmp_path):
    settings = make_project(tmp_path, broken=True)
    problems = postbuild.run(settings).problems
    assert any(p.startswith("docs/page.md:12: link target does not exist") for p in problems), problems


def test_command_exits_1_with_file_line(tmp_path, capsys):
    settings = make_project(tmp_path, broken=True)
    code = postbuild.main(["--config", str(settings.config_file), "--site", str(settings.site_dir)])
    assert code == 1
    assert "docs/page.md:12: link target does not exist" in capsys.readouterr().err


def test_config_inherit_and_tags(tmp_path):
    (tmp_path / "base.yml").write_text("site_name: Base\nextra:\n  a: 1\n  b: {c: 2}\n"
                                       "markdown_extensions:\n  - pymdownx.emoji:\n"
                                       "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    (tmp_path / "child.yml").write_text("INHERIT: base.yml\nsite_url: https://x.example/y\nextra:\n  b: {d: 3}\n"
                                        "repo_url: !ENV [REPO, 'https://github.com/o/r']\n")
    data = load_yaml_config(tmp_path / "child.yml")
    assert data["site_name"] == "Base" and data["extra"] == {"a": 1, "b": {"c": 2, "d": 3}}
    settings = Settings.from_file(tmp_path / "child.yml")
    assert settings.site_url == "https://x.example/y/"


def test_two_builds_in_one_process_give_identical_output(tmp_path):
    """What `mkdocs serve` does: build again in the same process. No state may leak."""
    from machinery import fixture_copy
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = fixture_copy(tmp_path / "project")
    config_file = project / "mkdocs.yml"
    text = config_file.read_text()
    assert "hooks: []\n" in text
    config_file.write_text(text.replace("hooks: []\n", "hooks:\n  - scripts/hooks/postbuild.py\n")
                           .replace("strict: true", "strict: false"))

    def snapshot() -> dict[str, bytes]:
        build(load_config(config_file=str(config_file), site_dir=str(project / "site")))
        return {p.relative_to(project / "site").as_posix(): p.read_bytes()
                for p in sorted((project / "site").rglob("*")) if p.is_file()}

    first = snapshot()
    assert "embed/page-a/index.html" in first and "_headers" in first and "api/index.json" in first
    second = snapshot()
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_serve_preview_skips_only_the_byte_only_steps(tmp_path, monkeypatch):
    """`make serve` sets MILDGUIDE_PREVIEW: the pass leaves Material's stylesheet and the
    templates' indentation as they are (bytes only); `mkdocs build` cuts both."""
    outputs = {}
    for preview in (False, True):
        settings = make_project(tmp_path / str(preview))
        sheets = settings.site_dir / "assets" / "stylesheets"
        sheets.mkdir(parents=True, exist_ok=True)
        (sheets / "main.0123abcd.min.css").write_text(".md-unused-feature{color:red}p{margin:0}")
        page = settings.site_dir / "page" / "index.html"
        page.write_text(page.read_text().replace("</head>", '<link rel="stylesheet" href="../assets/'
                                                 'stylesheets/main.0123abcd.min.css"></head>'))
        if preview:
            monkeypatch.setenv(postbuild.PREVIEW, "1")
        else:
            monkeypatch.delenv(postbuild.PREVIEW, raising=False)
        assert postbuild.run(settings).problems == []
        outputs[preview] = (sorted(p.name for p in sheets.glob("main.*")), page.read_text())
    (cut, cut_html), (kept, kept_html) = outputs[False], outputs[True]
    assert kept == ["main.0123abcd.min.css"] and cut != kept
    indented = '\n  <a href="#" class="md-content__button'
    assert indented in kept_html and indented not in cut_html
    assert re.search(r'href="\.\./assets/stylesheets/main\.[0-9a-f]{8}\.min\.css"', cut_html)
    assert cut[0] in cut_html and "main.0123abcd" not in cut_html
