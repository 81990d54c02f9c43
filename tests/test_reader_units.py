"""Pure helpers behind the reader hooks: task-list labels and robots.txt."""
from __future__ import annotations

import markdown

from mildguide.site.robots import robots_txt
from mildguide.page.a11y import label_checkboxes, label_permalinks, scrollable_regions, table_semantics


def render(src: str) -> str:
    return markdown.markdown(src, extensions=["pymdownx.tasklist", "footnotes"],
                             extension_configs={"pymdownx.tasklist": {"custom_checkbox": True}})


def test_each_task_checkbox_is_named_by_its_own_text():
    out = label_checkboxes(render(
        "- [ ] Ask about **risks** & costs[^1], too\n- [x] Done\n    - [ ] nested one\n\n[^1]: x"))
    assert 'aria-label="Ask about risks &amp; costs, too"' in out      # citation number dropped
    assert '<input type="checkbox" aria-label="Done" disabled checked/>' in out
    assert 'aria-label="nested one"' in out
    assert out.count("aria-label=") == 3


def test_loose_task_lists_and_quotes():
    out = label_checkboxes(render('- [ ] first "one"\n\n- [ ] second\n'))
    assert 'aria-label="first &quot;one&quot;"' in out and 'aria-label="second"' in out


def test_other_html_is_untouched_and_existing_labels_kept():
    src = '<ul><li>plain</li></ul><input type="checkbox">'
    assert label_checkboxes(src) == src
    labelled = ('<li class="task-list-item"><label class="task-list-control">'
                '<input type="checkbox" aria-label="mine" disabled/></label> text</li>')
    assert label_checkboxes(labelled) == labelled


def test_robots_points_to_the_sitemap_under_site_url():
    assert "Sitemap: https://example.org/guide/sitemap.xml" in robots_txt("https://example.org/guide/")
    assert "Sitemap: https://example.org/sitemap.xml" in robots_txt("https://example.org")
    assert "Sitemap" not in robots_txt(None)


def test_tables_get_row_and_column_headers_and_no_empty_header():
    html = markdown.markdown("| | A | B |\n|---|---|---|\n| Stay | 1 day | 3 days |\n| Cut | small | big |",
                             extensions=["tables"])
    out = table_semantics(html)
    assert "<th></th>" not in out and "<td></td>" in out
    assert '<th scope="col">A</th>' in out
    assert '<th scope="row">Stay</th>' in out and '<th scope="row">Cut</th>' in out
    assert "<td>1 day</td>" in out
    assert table_semantics("<table><tr><td>x</td></tr></table>") == "<table><tr><td>x</td></tr></table>"


def test_compare_table_block_becomes_a_focusable_named_region():
    out = scrollable_regions('<div class="compare-table" id="t">x</div><div class="other">')
    assert out.startswith('<div class="compare-table" id="t" role="region" tabindex="0" aria-label=')
    assert '<div class="other">' in out
    assert scrollable_regions(out) == out


def test_heading_permalinks_get_a_name_but_no_title():
    md = markdown.Markdown(extensions=["toc"], extension_configs={"toc": {"permalink": True, "permalink_title": ""}})
    out = label_permalinks(md.convert("## Risks\n\n## Cost"))
    assert out.count('aria-label="Link to this section"') == 2 and "title=" not in out
    titled = '<a class="headerlink" href="#x" title="Permanent link">¶</a>'
    assert label_permalinks(titled) == titled                 # already named: left alone


def test_search_index_drops_page_source_lists_review_lines_and_citation_numbers():
    from mildguide.site.page_weight import trim_search_index
    index = {"config": {"lang": ["en"]}, "docs": [
        {"location": "risks/", "title": "Risks", "text": "<p>Low risk.<sup>1, 2</sup> Ask &amp; check.</p>"},
        {"location": "risks/#later", "title": "Later", "text": "<p>Soon.</p> <p>Last reviewed November 23, 2026 · Next review due 2027</p>"},
        {"location": "risks/#sources-for-this-page", "title": "Sources for this page", "text": "<ol><li>x</li></ol>"},
    ]}
    out = trim_search_index(index)
    assert out["config"] == index["config"]
    assert [d["location"] for d in out["docs"]] == ["risks/", "risks/#later"]
    assert out["docs"][0]["text"] == "Low risk. Ask &amp; check."
    assert out["docs"][1]["text"] == "Soon."


def test_minified_css_keeps_every_rule():
    from mildguide.site.page_weight import minify_css
    css = '/* note */\na[href^="https://"]::after {\n  content: " (" attr(href) ")";\n}\n@media print {\n  .x { color: #000; }\n}\n'
    assert minify_css(css) == 'a[href^="https://"]::after{content: " (" attr(href) ")"}@media print{.x{color: #000}}\n'
