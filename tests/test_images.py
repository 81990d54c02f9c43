"""Content images load lazily (mildguide.page.images, issue 27): the figures below the first
screen no longer cost blocking time at load."""
from __future__ import annotations

from lxml import html as lxml_html

from mildguide.page.images import lazy_images


def test_an_image_gets_lazy_loading_unless_it_sets_its_own():
    assert lazy_images('<p><img alt="a" src="x.svg"></p>') == \
        '<p><img loading="lazy" decoding="async" alt="a" src="x.svg"></p>'
    kept = '<p><img loading="eager" alt="a" src="x.svg"></p>'
    assert lazy_images(kept) == kept
    assert lazy_images("<p>no image</p>") == "<p>no image</p>"


def test_built_figures_load_lazily_in_both_languages(site_dir):
    for rel in ("stenosis/", "es/stenosis/", "benefits/", "es/candidates/"):
        imgs = lxml_html.parse(str(site_dir / rel / "index.html")).xpath("//article//img")
        assert imgs, rel
        assert all(i.get("loading") == "lazy" and i.get("decoding") == "async" for i in imgs), rel
