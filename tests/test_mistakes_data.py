"""Mistake-suite cases for the data parts of issue 15: a wrong `extra.embed_redirects` in
mkdocs.yml stops the strict build with a message naming the file and the setting. A bad path
stops the redirect check before the missing target is seen, so it is planted apart from
test_mistakes.py's post-build mistakes (which hold the missing target): in the copy of
test_mistakes_messages.py's nav mistakes (`nav_mistakes`, built once per run)."""
from __future__ import annotations

from test_mistakes import GROUP_OF, mistake_build, strict_build  # noqa: F401  (the shared build)
from test_mistakes_messages import BAD_EMBED_REDIRECTS, nav_mistakes  # noqa: F401  (the shared build)


def test_bad_embed_redirects_stop_the_build(nav_mistakes):
    project, result = nav_mistakes
    assert "\nextra:\n" + BAD_EMBED_REDIRECTS in (project / "mkdocs.yml").read_text()
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
