"""Mistake-suite cases for the data parts of issue 15: a wrong `extra.embed_redirects` in
mkdocs.yml stops the strict build with a message naming the file and the setting. A bad path
gets a copy of its own (it stops the redirect check before the missing target is seen); the
missing target is one of test_mistakes.py's post-build mistakes, in their shared copy."""
from __future__ import annotations

from sitebuild import build
from test_mistakes import GROUP_OF, mistake_build, strict_build  # noqa: F401  (the shared build)


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


def test_a_redirect_to_a_missing_embed_stops_the_build(mistake_build):
    """In the shared copy of test_mistakes.py's post-build mistakes (its MISTAKES entry): the
    redirect is checked after the site is written, with the other post-build checks."""
    name = "embed redirect to a page the build did not write"
    result, _ = mistake_build(GROUP_OF[name])
    config = (result.project / "mkdocs.yml").read_text()
    assert "    embed/faq/topic-gone/: embed/no-such-page/\n" in config and "    faq/:" not in config
    code, output = strict_build(result)
    assert code != 0
    assert ("mkdocs.yml: extra.embed_redirects: embed/faq/topic-gone/ points to embed/no-such-page/, "
            "which the build did not write") in output
