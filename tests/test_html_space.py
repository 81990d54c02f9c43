"""Built pages without the templates' indentation (mildguide.site.html_space, issue 27):
whitespace between tags and at the edges of text is cut to one line break; attribute values,
pre, code, textarea, script and style stay byte for byte; on the real build every HTML file
has been through it and the Embed page's code examples keep their indentation."""
from __future__ import annotations

from mildguide.site.html_space import collapse


def test_indentation_between_tags_and_at_text_edges_becomes_one_line_break():
    assert collapse("<ul>\n    <li>\n      one\n      two\n    </li>\n  </ul>\n") == \
        "<ul>\n<li>\none\n      two\n</li>\n</ul>\n"
    assert collapse("<p>a <b>b</b> c</p>") == "<p>a <b>b</b> c</p>"      # no line break: as is


def test_what_keeps_its_whitespace():
    page = ('<a title="x\n   y" href="#">t</a>\n  <pre>\n  x\n   <b>y</b>\n</pre>\n  <code>\n  c\n</code>'
            '\n  <script>if (a<b) {x = "<pre>";}\n  y()</script>\n  <textarea>\n  t\n</textarea>'
            '\n  <style>\n  p{}\n</style>\n  <p>\n  z</p>')
    assert collapse(page) == (
        '<a title="x\n   y" href="#">t</a>\n<pre>\n  x\n   <b>y</b>\n</pre>\n<code>\n  c\n</code>'
        '\n<script>if (a<b) {x = "<pre>";}\n  y()</script>\n<textarea>\n  t\n</textarea>'
        '\n<style>\n  p{}\n</style>\n<p>\nz</p>')


def test_a_tag_it_cannot_pair_leaves_the_rest_as_it_is():
    assert collapse("<p>\n  a</p><pre>\n  b\n  <p>\n  c</p>") == "<p>\na</p><pre>\n  b\n  <p>\n  c</p>"
    assert collapse("<script>x()\n  <p>\n  c</p>") == "<script>x()\n  <p>\n  c</p>"


def test_every_built_html_file_went_through_it(site_dir):
    files = sorted(site_dir.rglob("*.html"))
    assert len(files) > 100          # pages of both languages, embeds, 404s
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert collapse(text) == text, f.relative_to(site_dir)


def test_code_examples_keep_their_indentation(site_dir):
    text = (site_dir / "embedding" / "index.html").read_text(encoding="utf-8")
    assert '(e) {\n  // e.detail is {event: "viewed"' in text
    assert "\n  console.log(e.detail);\n});</code></pre>" in text
