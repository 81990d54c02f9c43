"""Sub-path hosting (issue 6): the site, embeds and exports work under /guides/mild/."""
from __future__ import annotations

import json
import re
from urllib.request import urlopen

import pytest

from browser import serve
from mildguide.site.headers import header_rule

MOUNT = "guides/mild/"


@pytest.fixture(scope="module")
def mounted(site_dir, tmp_path_factory):
    """The real build served under /guides/mild/ (with its _headers), and nothing at the root."""
    root = tmp_path_factory.mktemp("host-root")
    (root / "guides").mkdir()
    (root / "guides" / "mild").symlink_to(site_dir, target_is_directory=True)
    rule = header_rule((site_dir / "_headers").read_text(), prefix="/" + MOUNT)
    with serve(root, rule) as base:
        yield base, base + MOUNT


def test_pages_and_embeds_load_everything_from_under_the_sub_path(browser, mounted):
    base, guide = mounted
    context = browser.new_context()
    page = context.new_page()
    requests, failures = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path in ["", "stenosis/", "embedding/", "embed/recovery/", "embed/faq/",
                 "embed/recovery/recovery-timeline/", "embed/compare/treatment-comparison/"]:
        response = page.goto(guide + path, wait_until="load")
        assert response.ok, path
        assert response.headers.get("content-security-policy"), f"{path}: no CSP under the sub-path"
    # Follow the embed's attribution link and a citation: they land on real pages.
    page.goto(guide + "embed/recovery/")
    href = page.evaluate("document.querySelector('.omg-embed__from a').href")
    assert href == guide + "recovery/"
    cite = page.evaluate("(document.querySelector('.omg-embed__body sup a[href*=\"#source-\"]') || {}).href")
    assert cite and re.match(re.escape(guide) + r"sources/[a-z-]+/#source-", cite)     # the entry's group page
    assert page.goto(href).ok and page.goto(cite).ok
    context.close()
    assert not failures, failures
    outside = [u for u in requests if not u.startswith(guide) and not u.startswith("data:")]
    assert not outside, outside


def test_exports_resolve_under_the_sub_path(mounted):
    base, guide = mounted
    index = json.load(urlopen(guide + "api/index.json"))
    assert index["pages"]
    for entry in index["pages"]:
        record = json.load(urlopen(guide + "api/" + entry["json"]))     # relative to index.json
        assert record["slug"] == entry["slug"]
    # The embed pages listed in the index exist under the mount too.
    for widget in index["widgets"]:
        path = widget["embed_url"].split(index["site_url"], 1)[1]
        assert urlopen(guide + path).status == 200, path
