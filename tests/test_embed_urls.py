"""Embed addresses stay stable (issue 15): every address in tests/embed_urls.txt is still an
embed page of the build, or a redirect page to one; every embed of the build is listed."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import html

from mildguide.embed_redirects import check, redirect_page

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
