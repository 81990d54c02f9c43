"""oEmbed (issue 15): every page with an embed has a static `oembed/<page>.json` (type rich,
version 1.0, the Embed page's iframe) that its <head> points to with a discovery <link>."""
from __future__ import annotations

import json

import pytest
from lxml import html

from browser import serve
from clinicbuild import SITE_URL, clinic_build, site_file
from mildguide.site import embed_heights as H
from mildguide.site import oembed as O

REAL_URL = "https://open-mild-guide.github.io/guide/"


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory, worker_id):
    return clinic_build(tmp_path_factory, worker_id)


def discovered(site, site_url):
    """(page JSON record, oEmbed record, page URL) for every exported page, found the way a CMS
    finds it: the page's discovery <link>, followed to the file it names."""
    index = json.loads((site / "api/index.json").read_text())
    assert index["pages"]
    for entry in index["pages"]:
        page = html.parse(str(site_file(site, site_url, entry["url"])))
        links = page.xpath("/html/head/link[contains(concat(' ', normalize-space(@rel), ' '), ' alternate ')]"
                           "[@type='application/json+oembed']")
        assert len(links) == 1, entry["url"]
        href = links[0].get("href")
        assert href == site_url + f"oembed/{entry['slug']}.json"       # absolute, as consumers need
        yield entry, json.loads(site_file(site, site_url, href).read_text()), links[0]


@pytest.mark.parametrize("which", ["real", "clinic"])
def test_every_page_is_discoverable_and_its_oembed_frames_the_embed(which, site_dir, clinic_site):
    site, site_url = (site_dir, REAL_URL) if which == "real" else (clinic_site, SITE_URL)
    count = 0
    for entry, record, link in discovered(site, site_url):
        assert record["type"] == "rich" and record["version"] == "1.0"
        assert record["title"] == entry["title"] and link.get("title").startswith(entry["title"])
        assert record["provider_name"] and record["provider_url"] == site_url
        assert record["author_name"] == "Open MILD Guide" and record["author_url"] == REAL_URL   # credit upstream
        for key in ("width", "height"):
            assert isinstance(record[key], int) and record[key] > 0
        frame = html.fragment_fromstring(record["html"], create_parent="div")
        iframes = frame.xpath(".//iframe")
        assert len(iframes) == 1
        src = iframes[0].get("src")
        assert src == entry["embed_url"] == site_url + f"embed/{entry['slug']}/"
        assert site_file(site, site_url, src).is_file()
        assert iframes[0].get("height") == str(record["height"]) and iframes[0].get("title")
        count += 1
    assert count > 10


def test_pages_without_an_embed_have_no_discovery_link(site_dir):
    page = html.parse(str(site_dir / "embedding/index.html"))          # embed: false
    assert not page.xpath("//link[@type='application/json+oembed']")
    assert not (site_dir / "oembed/embedding.json").exists()


def test_fixed_heights_hold_every_embed_of_both_languages_at_a_phone_width(browser, site_dir):
    """The oEmbed frames' fixed heights (for CMSs that strip our resizer) hold each whole-page
    embed, English and Spanish, at the phone width: the credit and disclaimer at the bottom
    show. An embed not measured yet (a new page) is measured here and its estimate must hold
    it too, so a new page needs no step first; the estimate also holds every measured embed."""
    paths = [p for p in H.embed_paths(site_dir) if p.rstrip("/").count("/") == (2 if p.startswith("es/") else 1)]
    assert any(p.startswith("es/") for p in paths) and len(paths) > 30
    with serve(site_dir) as base:
        measured = H.measure(browser, base, paths, widths=(H.PHONE,))
    short, estimates = {}, {}
    for path, m in measured.items():
        need = m[str(H.PHONE)]
        page_html = (site_dir / path / "index.html").read_text()
        if H.fixed_height(path, page_html) < need:
            short[path] = (H.fixed_height(path, page_html), need)
        if H.estimate(page_html) < need:
            estimates[path] = (H.estimate(page_html), need)
    assert not short, ("fixed heights too short (re-measure: make build && PYTHONPATH=scripts "
                       f".venv/bin/python -m mildguide.site.embed_heights site): {short}")
    assert not estimates, f"the estimate for unmeasured embeds is too small: {estimates}"
    record = json.loads((site_dir / "es/oembed/recovery.json").read_text())
    assert record["height"] == H.fixed_height("es/embed/recovery/") and record["width"] == O.WIDTH
    assert H.is_measured("es/embed/recovery/")


def test_an_unmeasured_embed_gets_an_estimate_not_a_failure():
    text = "<html><main><h1>New page</h1>" + "<p>" + "word " * 400 + "</p></main></html>"
    assert not H.is_measured("embed/brand-new-page/")
    height = H.fixed_height("embed/brand-new-page/", text)
    assert height == H.estimate(text) >= 2000 * H.ESTIMATE_PX_PER_CHAR


def test_titles_reach_the_html_escaped():
    hostile = 'Care" onmouseover="alert(1)" x="<script>'
    link = html.fragment_fromstring(O.discovery_link("https://a.example/oembed/x.json", hostile))
    assert link.get("title").startswith(hostile) and link.get("onmouseover") is None
    record = O.oembed_record(title=hostile, embed_path="embed/x/", site_url="https://a.example/",
                             provider_name="P", provider_url="https://a.example/")
    frame = html.fragment_fromstring(record["html"], create_parent="div")
    assert [f.get("title") for f in frame.iter("iframe")] == [f"{hostile} (Open MILD Guide)"]
    assert not frame.xpath(".//*[@onmouseover]") and len(frame.xpath(".//script")) == 1
