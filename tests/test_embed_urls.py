"""Embed addresses stay stable (issue 15): every address in tests/embed_urls.txt is still an
embed page of the build, or a redirect page to one; every embed of the build is listed."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import html

from mildguide.site import postbuild as P
from mildguide.site.embed_redirects import check, redirect_page
from mildguide.settings import Settings
from sitebuild import ROOT

LIST = Path(__file__).with_name("embed_urls.txt")


def listed() -> list[str]:
    return [line.strip() for line in LIST.read_text().splitlines()
            if line.strip() and not line.startswith("#")]


def redirect_target(page: Path) -> str | None:
    """Where a redirect page sends the reader (its meta refresh), else None."""
    tree = html.parse(str(page))
    refresh = tree.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh')='refresh']/@content")
    match = re.match(r"\s*0\s*;\s*url=(.+)$", refresh[0], re.I) if refresh else None
    return match.group(1).strip() if match else None


def test_no_published_embed_address_disappears(site_dir):
    gone = []
    for path in listed():
        page = site_dir / path / "index.html"
        if not page.is_file():
            gone.append(f"{path}: missing (add a redirect in extra.embed_redirects)")
            continue
        target = redirect_target(page)
        if target is not None:
            resolved = (page.parent / target).resolve()
            if not (resolved / "index.html").is_file() or "embed" not in resolved.relative_to(site_dir.resolve()).parts[:1]:
                gone.append(f"{path}: redirects to {target}, which is not an embed page")
    assert not gone, "\n".join(gone)


def test_every_embed_of_the_build_is_listed(site_dir):
    built = sorted(p.parent.relative_to(site_dir).as_posix() + "/" for p in (site_dir / "embed").rglob("index.html"))
    new = sorted(set(built) - set(listed()))
    assert not new, f"add these published embed addresses to {LIST.name}: {new}"
    assert len(listed()) == len(set(listed()))


def test_a_redirect_page_sends_the_frame_on_without_script(tmp_path):
    text = redirect_page("embed/faq/topic-old/", "embed/faq/topic-new/")
    page = tmp_path / "index.html"
    page.write_text(text)
    assert redirect_target(page) == "../topic-new/"
    assert "<script" not in text
    assert html.parse(str(page)).xpath("//a/@href") == ["../topic-new/"]


def test_redirect_settings_are_checked():
    assert check({"embed/a/": "embed/b/"}, "mkdocs.yml") == []
    assert check(None, "mkdocs.yml") == []
    assert check(["embed/a/"], "mkdocs.yml")
    problems = check({"faq/": "embed/b/", "embed/a/": "https://evil.example/"}, "mkdocs.yml")
    assert len(problems) == 2 and all(p.startswith("mkdocs.yml: extra.embed_redirects") for p in problems)


def test_a_moved_embed_gets_a_redirect_page_from_the_post_build_pass(site_dir, tmp_path):
    """Take one widget away from a copy of the build, as a renamed FAQ topic would, and
    redirect it: the pass writes a page that sends the frame to the new address."""
    import shutil
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, symlinks=True)
    shutil.rmtree(copy / "embed/faq/topic-cost")
    settings = Settings.from_file(ROOT / "mkdocs.yml", copy)
    settings.extra["embed_redirects"] = {"embed/faq/topic-cost/": "embed/costs/"}
    site = P.run(settings, steps=(P.embed_redirects,))
    assert site.problems == []
    page = copy / "embed/faq/topic-cost/index.html"
    assert redirect_target(page) == "../../costs/"
    assert (page.parent / "../../costs/index.html").resolve().is_file()
    # a redirect to an address the build did not write, or over a live embed, is refused
    settings.extra["embed_redirects"] = {"embed/faq/topic-x/": "embed/nowhere/",
                                         "embed/recovery/": "embed/costs/"}
    problems = P.run(settings, steps=(P.embed_redirects,)).problems
    assert any("embed/nowhere/, which the build did not write" in p for p in problems)
    assert any("embed/recovery/ still exists" in p for p in problems)
