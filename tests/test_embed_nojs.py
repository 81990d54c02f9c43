"""Issue 15 §2: a snippet for content systems that strip <script> and unknown attributes.

Each widget on the Embed page has a no-script snippet: the frame alone, with a fixed height
from the height store's `snippets` (mildguide.site.embed_heights; measured by
scripts/measure_embed_heights.py). It must cover every widget and stay close to what the
widgets measure now.
"""
from __future__ import annotations

import re

from lxml import html

from embedhost import host_and_guide, snippets, wait_sized, write_host
from mildguide.site.embed_heights import snippet_heights

HEIGHTS = snippet_heights()


def noscript_snippets(site) -> dict[str, str]:
    tree = html.fromstring((site / "embedding" / "index.html").read_bytes())
    out = {}
    for pre in tree.xpath("//pre[contains(@class, 'omg-snippet--noscript')]"):
        code = pre.text_content()
        out[re.search(r'src="https://[^"]*?/(embed/[^"]+)"', code).group(1)] = code
    return out


def test_every_widget_has_a_noscript_snippet_with_its_measured_height(site_dir):
    codes = noscript_snippets(site_dir)
    assert set(codes) == set(snippets(site_dir)) == set(HEIGHTS), "re-run scripts/measure_embed_heights.py"
    for widget, code in codes.items():
        assert "<script" not in code and "data-omg-embed" not in code and "style=" not in code, widget
        assert f'height="{HEIGHTS[widget]["desktop"]}"' in code, widget
        assert HEIGHTS[widget]["phone"] > HEIGHTS[widget]["desktop"] > 300, widget


def test_measured_heights_are_current(browser, site_dir, tmp_path):
    """The desktop heights the no-script snippets use are within 10% of today's widgets."""
    stale = []
    with host_and_guide(site_dir, tmp_path / "host") as (host, guide):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        for i, (widget, expected) in enumerate(HEIGHTS.items()):
            name = write_host(tmp_path / "host", site_dir, guide, [widget], name=f"m{i}.html")   # no cached page
            page.goto(host + name)
            wait_sized(page)
            now = page.query_selector("iframe[data-omg-embed]").bounding_box()["height"]
            if abs(now - expected["desktop"]) > 0.1 * expected["desktop"]:
                stale.append(f"{widget}: {expected['desktop']} in the height store, {now:.0f} now")
        context.close()
    assert not stale, "re-run scripts/measure_embed_heights.py:\n" + "\n".join(stale)
