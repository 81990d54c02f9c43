"""Mistake-suite cases for the data parts of issue 15: a wrong `extra.embed_redirects` in
mkdocs.yml stops the strict build with a message naming the file and the setting."""
from __future__ import annotations

from sitebuild import build


def test_bad_embed_redirects_stop_the_build(project_copy):
    config = project_copy / "mkdocs.yml"
    text = config.read_text()
    assert "\nextra:\n" in text
    config.write_text(text.replace("\nextra:\n", "\nextra:\n  embed_redirects:\n"
                                   "    embed/faq/topic-gone/: embed/no-such-page/\n"
                                   "    faq/: embed/faq/\n", 1))
    result = build(project_copy)
    assert not result.ok
    assert "mkdocs.yml: extra.embed_redirects: embed/faq/topic-gone/ points to embed/no-such-page/, " \
           "which the build did not write" not in result.output      # the bad path stops it first
    assert "mkdocs.yml: extra.embed_redirects: 'faq/' is not an embed path" in result.output


def test_a_redirect_to_a_missing_embed_stops_the_build(project_copy):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("\nextra:\n", "\nextra:\n  embed_redirects:\n"
                                                 "    embed/faq/topic-gone/: embed/no-such-page/\n", 1))
    result = build(project_copy)
    assert not result.ok
    assert ("mkdocs.yml: extra.embed_redirects: embed/faq/topic-gone/ points to embed/no-such-page/, "
            "which the build did not write") in result.output
