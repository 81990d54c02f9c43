"""Versioned content (issue 15): every page and widget carries `modified` and `content_hash`;
changes.json and the Atom feed changes.xml list them newest first; the build is deterministic
and works without git (a tarball)."""
from __future__ import annotations

import datetime as dt
import filecmp
import json
import shutil
import subprocess

import pytest
from lxml import etree

from mildguide.site import export as X
from mildguide.site import postbuild as P
from mildguide.site import versions as V
from mildguide.settings import Settings
from sitebuild import ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = "%Y-%m-%dT%H:%M:%SZ"
DATA_OUTPUTS = ["api", "oembed", "schemas", "changes.json", "changes.xml"]


def load(site, rel):
    return json.loads((site / rel).read_text())


def test_pages_and_widgets_carry_modified_and_a_content_hash(site_dir):
    index = load(site_dir, "api/index.json")
    for entry in index["pages"]:
        record = load(site_dir, "api/" + entry["json"])
        assert record["modified"] == entry["modified"] and record["content_hash"] == entry["content_hash"]
        assert record["modified"] >= record["reviewed"] + "T00:00:00Z"
        dt.datetime.strptime(record["modified"], RFC3339)
    assert index["widgets"] and all(w["modified"] and w["content_hash"].startswith("sha256:")
                                    for w in index["widgets"])
    hashes = [p["content_hash"] for p in index["pages"]]
    assert len(set(hashes)) == len(hashes)


def test_modified_is_the_later_of_review_date_and_last_commit(site_dir):
    git = V.git_dates(ROOT / "docs")
    if not git:
        pytest.fail("this test runs in the git checkout of the guide: git log found nothing")
    record = load(site_dir, "api/pages/recovery.json")
    last = subprocess.run(["git", "log", "-1", "--format=%ct", "--", "recovery.md"], cwd=ROOT / "docs",
                          capture_output=True, text=True, check=True).stdout.strip()
    commit = dt.datetime.fromtimestamp(int(last), dt.timezone.utc)
    reviewed = dt.datetime.fromisoformat(record["reviewed"]).replace(tzinfo=dt.timezone.utc)
    assert record["modified"] == max(commit, reviewed).strftime(RFC3339)


def test_without_git_the_review_date_is_used(widget_site, tmp_path):
    """The widget fixture is built from a copy of the project with no .git: like a tarball."""
    assert V.git_dates(tmp_path) == {}
    for entry in load(widget_site, "api/index.json")["pages"]:
        assert entry["modified"] == entry["reviewed"] + "T00:00:00Z", entry["slug"]


def test_changes_json_lists_every_page_and_widget_newest_first(site_dir):
    index = load(site_dir, "api/index.json")
    changes = load(site_dir, "changes.json")
    items = changes["items"]
    assert [i["modified"] for i in items] == sorted((i["modified"] for i in items), reverse=True)
    es_index = load(site_dir, "es/api/index.json")     # the Spanish edition's pages, ids under es/
    assert {i["id"] for i in items if i["type"] == "page"} == (
        {p["slug"] for p in index["pages"]} | {"es/" + p["slug"] for p in es_index["pages"]})
    pages = {i["id"] for i in items if i["type"] == "page"}
    widgets = {i["id"] for i in items if i["type"] == "widget"}
    # An FAQ topic page (faq/topic-cost) is also the topic's widget (faq + topic-cost): its
    # one item is the page's, with the same embed address.
    assert widgets == ({f"{w['page']}/{w['id']}" for w in index["widgets"]}
                       | {f"es/{w['page']}/{w['id']}" for w in es_index["widgets"]}) - pages
    assert "faq/topic-cost" in pages and len(widgets) >= 4, widgets
    assert len({i["id"] for i in items}) == len(items), "two items with one id"
    by_id = {i["id"]: i for i in items}
    for p in index["pages"]:
        assert by_id[p["slug"]]["content_hash"] == p["content_hash"]
        assert by_id[p["slug"]]["json"] == index["site_url"] + "api/" + p["json"]
    assert changes["updated"] == items[0]["modified"]
    assert index["changes"] == index["site_url"] + "changes.json"


def test_the_feed_is_atom(site_dir):
    changes = load(site_dir, "changes.json")
    feed = etree.parse(str(site_dir / "changes.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287 4.1.1: a feed has exactly one id, title and updated, and an author
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == changes["feed"]
    assert feed.findtext(f"{ATOM}updated") == changes["updated"]
    entries = feed.findall(f"{ATOM}entry")
    items = changes["items"]                # one list: every page AND widget is an entry
    assert len(entries) == len(items) and any(i["type"] == "widget" for i in items)
    ids = set()
    for entry, item in zip(entries, items):
        # 4.1.2: exactly one id, title, updated; a link rel=alternate since there is no content
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
        ids.add(entry.findtext(f"{ATOM}id"))
        dt.datetime.strptime(entry.findtext(f"{ATOM}updated"), RFC3339)
        assert entry.findtext(f"{ATOM}title") == item["title"]
        assert entry.findtext(f"{ATOM}updated") == item["modified"]
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href") == (item["url"] or item["embed_url"])
        assert item["content_hash"] in entry.findtext(f"{ATOM}summary")
        assert entry.findtext(f"{ATOM}summary").startswith(item["what_changed"])
    assert len(ids) == len(entries)


def test_every_item_says_what_changed_in_its_language(site_dir):
    items = load(site_dir, "changes.json")["items"]
    for item in items:
        line = item["what_changed"]
        assert line and "\n" not in line, item["id"]
        assert line.startswith(("Changed", "Unchanged", "First", "No history")) if item["lang"] == "en" else \
            line.startswith(("Cambió", "Sin cambios", "Primera", "Sin historial")), item
    git_sections = V.changed_sections(ROOT / "docs", "recovery.md")
    assert git_sections is not None, "this test runs in the git checkout of the guide"
    recovery = next(i for i in items if i["id"] == "recovery")
    assert all((s or "page details") in recovery["what_changed"] for s in git_sections if s != "#")


def test_what_changed_names_the_sections_a_commit_touched(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True,
                       env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
                            "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    page = tmp_path / "page.md"
    page.write_text("---\ntitle: P\n---\n\n# P\n\nIntro.\n\n## Warning signs\n\nCall.\n\n## Blood thinners { #thin }\n\nStop.\n")
    git("init", "-q")
    git("add", "page.md")
    git("commit", "-qm", "first")
    assert V.changed_sections(tmp_path, "page.md") == []
    assert V.what_changed([], "en", None) == "First published."
    page.write_text(page.read_text().replace("Stop.", "Ask before you stop."))
    git("commit", "-qam", "second")
    assert V.changed_sections(tmp_path, "page.md") == ["Blood thinners"]
    assert V.what_changed(["Blood thinners"], "en", None) == "Changed: Blood thinners."
    assert V.what_changed(["Blood thinners"], "en", None, "Warning signs").startswith("Unchanged itself")
    assert V.what_changed(["Blood thinners"], "es", None, "Blood thinners") == "Cambió: esta parte."
    assert V.changed_sections(tmp_path / "nowhere", "page.md") is None if (tmp_path / "nowhere").mkdir() is None else True
    # several files whose last commits differ, a new one among them, from one `git show`
    other = tmp_path / "other.md"
    other.write_text("---\ntitle: O\n---\n\n# O\n\n## Risks\n\nSome.\n")
    git("add", "other.md")
    git("commit", "-qm", "third")
    assert V.changed_sections_of(tmp_path, ["page.md", "other.md", "none.md"]) == \
        {"page.md": ["Blood thinners"], "other.md": [], "none.md": None}
    other.write_text(other.read_text().replace("Some.", "Some more."))
    page.write_text(page.read_text().replace("Call.", "Call now."))
    git("commit", "-qam", "fourth")
    assert V.changed_sections_of(tmp_path, ["other.md", "page.md"]) == \
        {"other.md": ["Risks"], "page.md": ["Warning signs"]}


def test_content_hash_follows_the_text_not_the_address():
    args = dict(slug="x", title="X", description="", meta={"reviewed": "2026-11-23"}, page_url="x/",
                registry={})
    a = X.page_record(content_html="<p>Rest for 2 days.</p>", site_url="https://a.example/", **args)
    b = X.page_record(content_html="<p>Rest for 2 days.</p>", site_url="https://b.example/sub/", **args)
    c = X.page_record(content_html="<p>Rest for 3 days.</p>", site_url="https://a.example/", **args)
    assert a["content_hash"] == b["content_hash"] != c["content_hash"]
    assert a["modified"] == "2026-11-23T00:00:00Z"


def test_the_data_steps_give_the_same_files_again(site_dir, tmp_path):
    """Same input, same output: the export, oEmbed, schema and changes steps run again over a
    copy of the build write byte-identical files."""
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy, symlinks=True)
    settings = Settings.from_file(ROOT / "mkdocs.yml", copy)
    site = P.run(settings, steps=(P.json_export, P.oembed, P.published_schemas, P.changes))
    assert not site.problems
    for name in DATA_OUTPUTS:
        a, b = site_dir / name, copy / name
        if a.is_dir():
            cmp = filecmp.dircmp(a, b)
            assert not (cmp.diff_files or cmp.left_only or cmp.right_only), (name, cmp.diff_files)
            for sub in cmp.subdirs.values():
                assert not (sub.diff_files or sub.left_only or sub.right_only), (name, sub.diff_files)
        else:
            assert a.read_bytes() == b.read_bytes(), name
    assert (site_dir / "recovery/index.html").read_bytes() == (copy / "recovery/index.html").read_bytes()


def test_last_commits_are_what_git_log_names_for_each_file():
    """versions.last_commits works out `git log -1 -- <file>` for every file from two git
    processes; on this repository's own history (merges included) it names the same commits."""
    docs = ROOT / "docs"
    if V.head(docs) is None:
        pytest.skip("no git history here (a tarball): the feed then says so, test_changes_feed covers it")
    rels = (V._git(docs, "ls-files", "--", ".") or "").split("\n")[:-1] + ["no-such-page.md"]
    found = V.last_commits(docs, rels)
    wanted = {rel: (V._git(docs, "log", "-1", "--format=%H", "--", rel) or "").strip() for rel in rels}
    assert found == wanted
    assert found["no-such-page.md"] == "" and len(set(found.values())) > 5, found
