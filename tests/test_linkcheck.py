"""The post-build link checker (scripts/mildguide/site/linkcheck/) and the safety hook's scanner."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from linkcheck_helpers import build_and_check, run_checker
from mildguide.site.linkcheck import Registry, SiteInfo, check_site, external_problems, load_registry
from mildguide.page.safety import find_unsafe
from sitebuild import ROOT

SITE_URL = "https://example.org/guide/"


def page(body: str, title: str = "t") -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head><body>"
            f"<nav><a href='./'>home</a></nav><article class='md-content__inner'>{body}</article>"
            f"</body></html>")


def handmade_site(tmp_path: Path, files: dict[str, str]) -> SiteInfo:
    tmp_path.mkdir(parents=True, exist_ok=True)
    site = tmp_path / "site"
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[A](a.md)\n")
    (docs / "a.md").write_text("# A\n\nsee [the part](index.md#part)\n\n![pic](img/pic.png)\n")
    return SiteInfo(site_dir=site, project_dir=tmp_path, site_url=SITE_URL, docs_dir=docs,
                    pages={"index.html": "index.md", "a/index.html": "a.md"},
                    registry=Registry(exact={"https://registered.example.com/": "a registered page"}))


GOOD = {
    "index.html": page("<h2 id='part'>Part</h2><a href='a/'>A</a> <a href='a/#sec'>A sec</a>"
                       "<img src='img/pic.png' srcset='img/pic.png 1x, img/pic.png 2x'>"
                       "<a href='https://registered.example.com/'>ext</a>"
                       "<a href='mailto:someone@example.org'>mail</a>"),
    "a/index.html": page("<h2 id='sec'>Sec</h2><a href='../#part'>part</a><a href='/guide/a/'>self</a>"
                         "<a href='https://example.org/guide/#part'>abs</a>"),
    "img/pic.png": "png",
    "sitemap.xml": ("<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                    "<url><loc>https://example.org/guide/</loc></url>"
                    "<url><loc>https://example.org/guide/a/</loc></url></urlset>"),
    "api/faq.json": json.dumps({"@context": "https://schema.org", "url": "https://example.org/guide/a/#sec"}),
}


def test_handmade_tree_without_mistakes_passes(tmp_path):
    assert [str(p) for p in check_site(handmade_site(tmp_path, GOOD))] == []


def test_finds_broken_href_and_broken_fragment(tmp_path):
    files = dict(GOOD)
    files["a/index.html"] = page("<h2 id='sec'>Sec</h2><a href='../index.md'>gone</a>"
                                 "<a href='../#no-such-part'>part</a>")
    problems = [str(p) for p in check_site(handmade_site(tmp_path, files))]
    # the line is found by searching the Markdown for the target: line 3 holds `index.md`
    assert "docs/a.md:3: link target does not exist in the built site → ../index.md" in problems
    assert any(p.startswith("docs/a.md") and "anchor #no-such-part does not exist in index.md" in p
               for p in problems), problems
    assert len(problems) == 2, problems


def test_markdown_link_to_a_built_address_names_the_line_and_the_md_link(tmp_path):
    """Contributor trial 20c: `[x](../before/#part)` works in the built HTML, so no link is
    broken, but MkDocs only warns without a line. The checker names the line and the `.md`
    form to write; the same link written as `index.md#part` (GOOD) passes."""
    info = handmade_site(tmp_path, GOOD)
    (info.docs_dir / "a.md").write_text("# A\n\nsee [the part](../#part)\n\n"
                                        "`[code](../)` and [img](img/pic.png)\n\n[ref]: ../a/\n")
    problems = [str(p) for p in check_site(info)]
    assert problems == [
        "docs/a.md:3: link written as a built page's address: link to the Markdown file instead: "
        "index.md#part → ../#part",
        "docs/a.md:7: link written as a built page's address: link to the Markdown file instead: a.md → ../a/",
    ], problems


def test_finds_missing_image_srcset_sitemap_and_json_targets(tmp_path):
    files = dict(GOOD)
    files["a/index.html"] = page("<h2 id='sec'>Sec</h2><img src='../img/pic.png' srcset='../img/big.png 2x'>")
    files["sitemap.xml"] = GOOD["sitemap.xml"].replace("guide/a/", "guide/b/")
    files["api/faq.json"] = json.dumps({"items": [{"url": "https://example.org/guide/a/#gone"}]})
    problems = [str(p) for p in check_site(handmade_site(tmp_path, files))]
    # big.png appears nowhere in docs/a.md, so no line: the file is still named
    assert "docs/a.md: link target does not exist in the built site → ../img/big.png" in problems
    assert "site/sitemap.xml: link target does not exist in the built site → https://example.org/guide/b/" \
        in problems
    assert ("site/api/faq.json: anchor #gone does not exist in a.md → "
            "https://example.org/guide/a/#gone") in problems


@pytest.mark.parametrize("href, expected", [
    ("http://registered.example.com/", "external link must use https://"),
    ("https://bit.ly/3abc", "link to a URL shortener (bit.ly)"),
    ("https://www.google-analytics.com/collect", "link to a tracker (google-analytics.com)"),
    ("https://registered.example.com/?utm_source=x", "tracking parameter `utm_source`"),
    ("https://unknown.example.net/", "external URL is not in the links registry"),
    ("javascript:alert(1)", "javascript: URL"),
    ("//cdn.example.com/x.js", "protocol-relative URL"),
    ("data:text/html,<script>alert(1)</script>", "`data:` URL that is not an image"),
    ("/elsewhere/", "root-relative link outside the site's base path /guide/"),
])
def test_external_and_scheme_rules(tmp_path, href, expected):
    files = dict(GOOD)
    files["a/index.html"] = page(f"<h2 id='sec'>Sec</h2><a href='{href}'>x</a>")
    problems = [str(p) for p in check_site(handmade_site(tmp_path, files))]
    assert any(expected in p and p.startswith("docs/a.md") for p in problems), problems


def test_script_and_handler_in_content_are_reported(tmp_path):
    files = dict(GOOD)
    files["a/index.html"] = page("<h2 id='sec'>Sec</h2><p onclick='x()'>hi</p><script>x()</script>")
    problems = [str(p) for p in check_site(handmade_site(tmp_path, files))]
    assert any("inline event handler `onclick=`" in p for p in problems), problems
    assert any("<script> in page content" in p for p in problems), problems


def test_orphan_and_nav(tmp_path):
    files = dict(GOOD)
    files["index.html"] = page("<h2 id='part'>Part</h2><a href='embed/a/'>embed</a>")  # only an embed links to a/
    files["embed/a/index.html"] = page("<a href='../../a/'>the full page</a>")
    info = handmade_site(tmp_path, files)
    info.nav_pages = {"index.md"}
    problems = [str(p) for p in check_site(info)]
    assert any(p.startswith("docs/a.md: orphan page") for p in problems), problems
    assert any(p.startswith("docs/a.md: page is not in the nav") for p in problems), problems
    info.not_in_nav = {"a.md"}
    problems = [str(p) for p in check_site(info)]
    assert not any("not in the nav" in p for p in problems), problems


def test_theme_problem_reported_once_with_count(tmp_path):
    files = dict(GOOD)
    for name in ("index.html", "a/index.html"):
        files[name] = files[name].replace("<nav>", "<nav><a href='/guide/missing.css'>x</a>")
    problems = [str(p) for p in check_site(handmade_site(tmp_path, files))]
    theme = [p for p in problems if "missing.css" in p]
    assert theme == ["site/a/index.html: link target does not exist in the built site (outside page content; "
                     "also on 1 other built file(s)) → /guide/missing.css"], problems


def test_generated_copy_of_a_broken_link_is_reported_once_on_the_markdown(tmp_path):
    files = dict(GOOD)
    files["a/index.html"] = page("<h2 id='sec'>Sec</h2><a href='../#gone'>x</a><a href='https://bit.ly/q'>y</a>")
    files["embed/a/index.html"] = "<main><a href='../../#gone'>x</a><a href='https://bit.ly/q'>y</a></main>"
    files["embed/b/index.html"] = "<main><a href='../../a/#also-gone'>z</a></main>"
    problems = [str(p) for p in check_site(handmade_site(tmp_path, files))]
    assert not any("embed/a" in p for p in problems), problems
    assert any(p.startswith("docs/a.md") and "#gone" in p for p in problems), problems
    # a problem only the generated page has is still reported, on the built file
    assert any(p.startswith("site/embed/b/index.html: anchor #also-gone") for p in problems), problems


def test_registry_rejects_duplicates_http_and_missing_notes(tmp_path):
    (tmp_path / "links.yml").write_text(
        "links:\n"
        "  - url: https://a.example.org/\n    note: A\n"
        "  - url: https://a.example.org/\n    note: A again\n"
        "  - url: http://b.example.org/\n    note: B\n"
        "  - url: https://c.example.org/\n")
    problems = [str(p) for p in load_registry(tmp_path, None).problems]
    assert "links.yml:2: external URL listed twice (also in links.yml:2) → https://a.example.org/" in problems
    assert "links.yml:6: registered external URL must use https:// → http://b.example.org/" in problems
    assert "links.yml:8: entry has no `note` saying what the link is → https://c.example.org/" in problems


def test_external_problems_pure():
    assert external_problems("https://www.nhs.uk/conditions/") == []
    assert external_problems("https://t.co/x") == ["link to a URL shortener (t.co)"]
    assert external_problems("https://www.facebook.com/tr?id=1") == ["link to a tracker (Facebook pixel)"]


# ----------------------------------------------------------------------------- safety scanner

SAFE_MD = """---
title: x
---

Text with `<script>` in code and `onclick="x"` and `http://example.org`.

```html
<script>alert(1)</script>
<a href="javascript:void(0)" onclick="x()">http://example.org</a>
```

    ~~~ not a fence opener inside indented text? treated as code-free text ~~~

[A safe link](https://example.org/) and the word onset = 3 days.
"""


def test_safety_ignores_code_and_passes_clean_text():
    assert find_unsafe(SAFE_MD, "docs/x.md") == []


@pytest.mark.parametrize("line, expected", [
    ("<script>alert(1)</script>", "raw <script>"),
    ('<img src="a.png" onerror="alert(1)">', "inline event handler `onerror=`"),
    ('<a href="#" onClick="go()">x</a>', "inline event handler `onClick=`"),
    ('[x](#){ onclick="go()" }', "inline event handler `onclick=`"),
    ("[x](javascript:alert(1))", "javascript: URL"),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', "javascript: URL"),
    ("[x](http://example.org/)", "external link must use https:// → http://example.org/"),
    ("<http://example.org/>", "external link must use https://"),
])
def test_safety_finds_each_unsafe_construct_with_line(line, expected):
    text = f"---\ntitle: x\n---\n\nIntro.\n\n{line}\n"
    problems = find_unsafe(text, "docs/x.md")
    assert problems and all(p.startswith("docs/x.md:7: ") for p in problems), problems
    assert any(expected in p for p in problems), problems


# ----------------------------------------------------------------------------- the real site

def test_real_site_passes_the_checker(site_dir):
    code, output = run_checker(ROOT, site_dir)
    assert code == 0, output


def test_make_linkcheck_cli_reports_and_annotates(broken, tmp_path):
    """The CLI with --build writes the report and GitHub annotations naming file and line.
    On a copy of the small fixture site (`broken`, tests/fixtures/minisite, with the real
    scripts/): the CLI's report and annotations do not depend on the size of the site, and a
    build of the real project costs about seven times as much (the real site's links are
    checked by test_unmodified_copy_passes_build_and_check and the mistake suite). The copy is
    made link-clean first (the guide's scripts, no theme credit link), so the planted link is
    the only problem and the exit code is its own."""
    import shutil
    import subprocess
    import sys
    from sitebuild import mkdocs_env
    shutil.copytree(ROOT / "docs" / "assets" / "javascripts", broken / "docs" / "assets" / "javascripts")
    config = broken / "mkdocs.yml"
    assert "\nextra:\n" in config.read_text()
    config.write_text(config.read_text().replace("\nextra:\n", "\nextra:\n  generator: false\n", 1))
    page = broken / "docs" / "page-a.md"
    lines = page.read_text().splitlines()
    page.write_text("\n".join(lines + ["", "See [this](https://bit.ly/xyz)."]) + "\n")
    report = tmp_path / "reports" / "linkcheck.txt"
    env = dict(mkdocs_env(), GITHUB_ACTIONS="true")
    proc = subprocess.run([sys.executable, str(broken / "scripts" / "linkcheck.py"), "--build",
                           "--config", str(broken / "mkdocs.yml"), "--report", str(report)],
                          cwd=broken, env=env, capture_output=True, text=True)
    line = len(lines) + 2
    assert proc.returncode == 1, proc.stdout + proc.stderr
    text = report.read_text()
    assert f"docs/page-a.md:{line}: link to a URL shortener (bit.ly) → https://bit.ly/xyz" in text, text
    assert all(l.startswith(f"docs/page-a.md:{line}: ") for l in text.splitlines() if l.strip()), text
    assert f"::error file=docs/page-a.md,line={line}::docs/page-a.md:{line}: link to a URL shortener" \
        in proc.stdout, proc.stdout


def test_external_check_degrades_without_network(tmp_path, monkeypatch):
    """No network here: the online check must say so clearly instead of listing every URL as broken."""
    from mildguide.site import external_links
    import socket
    import urllib.error

    def refuse(url, method, timeout):
        raise urllib.error.URLError(socket.gaierror(-3, "Temporary failure in name resolution"))

    monkeypatch.setattr(external_links, "_request", refuse)
    results, cached = external_links.check_all(["https://a.example.org/", "https://b.example.org/"],
                                               tmp_path / "cache.json", retries=0)
    assert cached == 0 and all(not r.ok and r.offline for r in results), results


def test_external_check_uses_cache(tmp_path, monkeypatch):
    from mildguide.site import external_links
    calls = []

    def ok(url, method, timeout):
        calls.append(url)
        return 200

    monkeypatch.setattr(external_links, "_request", ok)
    cache = tmp_path / "cache.json"
    external_links.check_all(["https://a.example.org/"], cache)
    results, cached = external_links.check_all(["https://a.example.org/"], cache)
    assert calls == ["https://a.example.org/"] and cached == 1 and results[0].ok


def test_parallel_scan_gives_the_same_problems(tmp_path, monkeypatch):
    """Big sites parse pages in worker processes; the result must not change."""
    import mildguide.site.linkcheck.check as lc
    files = dict(GOOD)
    files["a/index.html"] = page("<h2 id='sec'>Sec</h2><a href='../#gone'>x</a><p onclick='y()'>z</p>")
    serial = [str(p) for p in check_site(handmade_site(tmp_path / "one", files))]
    monkeypatch.setattr(lc, "PARALLEL_FROM", 1)
    parallel = [str(p) for p in check_site(handmade_site(tmp_path / "two", files))]
    assert serial == parallel and len(serial) == 2, (serial, parallel)


def test_external_check_against_a_local_server(tmp_path):
    """Real HTTP requests (to 127.0.0.1, no internet): 200 passes, 404 fails, a re-run uses the cache."""
    from browser import serve
    from mildguide.site import external_links
    (tmp_path / "www").mkdir()
    (tmp_path / "www" / "ok.html").write_text("<p>ok</p>")
    cache = tmp_path / "cache.json"
    with serve(tmp_path / "www") as base:
        results, cached = external_links.check_all([base + "ok.html", base + "missing.html"], cache,
                                                   timeout=5, retries=0)
        by_url = {r.url: r for r in results}
        assert by_url[base + "ok.html"].ok and by_url[base + "ok.html"].status == "200"
        assert not by_url[base + "missing.html"].ok and by_url[base + "missing.html"].status == "404"
        assert cached == 0
        results, cached = external_links.check_all([base + "ok.html", base + "missing.html"], cache,
                                                   timeout=5, retries=0)
        assert cached == 1          # the success is cached; the failure is asked again
