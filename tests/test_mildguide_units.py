"""Unit tests for the pure functions in scripts/mildguide/ behind the machinery hooks."""
from __future__ import annotations

import datetime as dt

import pytest

from mildguide import frontmatter, sources
from mildguide.mdtext import mask_code, slugify
from mildguide.problems import Problem

PAGE = "---\ntitle: T\ndescription: D\nreviewed: 2026-02-28\nnext_review: 2027-02-28\n---\n\n# T\n\nBody.\n"


def test_mask_code_keeps_offsets_and_hides_code():
    text = "a `[@x]` b\n```\n[@y]\n```\n<!-- [@z] -->[@w]\n"
    masked = mask_code(text)
    assert len(masked) == len(text) and masked.count("\n") == text.count("\n")
    assert "[@x]" not in masked and "[@y]" not in masked and "[@z]" not in masked
    assert masked.index("[@w]") == text.index("[@w]")


def test_front_matter_parse_gives_body_and_lines():
    fm = frontmatter.parse(PAGE, "docs/t.md")
    assert fm.meta["reviewed"] == "2026-02-28" and fm.lines["next_review"] == 5
    assert fm.body.startswith("# T") and fm.body_line == 8
    assert frontmatter.validate(fm, "docs/t.md") == []


def test_malformed_front_matter_names_the_line():
    with pytest.raises(Problem) as exc:
        frontmatter.parse(PAGE.replace("description: D", "description: a: b"), "docs/t.md")
    assert str(exc.value).startswith("docs/t.md:3: front matter is not valid YAML")


def test_three_year_limit_handles_leap_days():
    assert frontmatter.add_years(dt.date(2024, 2, 29), 3) == dt.date(2027, 2, 28)
    fm = frontmatter.parse(PAGE.replace("2027-02-28", "2029-03-01"), "docs/t.md")
    [problem] = frontmatter.validate(fm, "docs/t.md")
    assert problem.line == 5 and "more than 3 years" in problem.message


def test_review_state_uses_the_injected_day():
    meta = {"reviewed": dt.date(2026, 1, 1), "next_review": dt.date(2027, 1, 1)}
    assert frontmatter.review(meta, dt.date(2026, 12, 31)).days_left == 1
    late = frontmatter.review(meta, dt.date(2027, 1, 2))
    assert late.overdue and "omg-due" in frontmatter.add_review_html("<h1>x</h1><p>y</p>", late)
    assert "omg-due" not in frontmatter.add_review_html("<h1>x</h1>", frontmatter.review(meta, dt.date(2026, 6, 1)))


def test_json_script_cannot_close_the_script_element():
    assert "</script>" not in frontmatter.json_script({"a": "</script><b>&"})


REG = {"a": sources.Source("a", 'A "one"', "k", "u", "c"), "b": sources.Source("b", "B", "k", "u", "c")}


def test_cite_numbers_by_first_use_and_lists_sources():
    out = sources.cite("x[@b] y[@a; @b] `[@zz]`\n", REG, "docs/d/p.md", "d/p.md")
    assert out.order == ["b", "a"] and not out.problems
    assert '[1](../sources.md#source-b "B")' in out.markdown
    assert '[1](../sources.md#source-b "B")<span class="omg-cite-sep">, </span>[2](../sources.md#source-a "A &quot;one&quot;")' in out.markdown
    assert "`[@zz]`" in out.markdown
    assert out.markdown.rstrip().endswith("1. [B](../sources.md#source-b)\n2. [A \"one\"](../sources.md#source-a)\n\n</div>")


def test_cite_reports_unknown_and_malformed_with_lines():
    out = sources.cite("ok\n\nx[@nope]\ny[@a, @b]\n[@a](https://x.example) is a link\n", REG, "docs/p.md", "p.md", body_line=7)
    assert [str(p).split(": ", 1)[0] for p in out.problems] == ["docs/p.md:9", "docs/p.md:10"]
    assert "unknown source id 'nope'" in str(out.problems[0]) and "malformed" in str(out.problems[1])


def test_registry_rejects_duplicates_and_http():
    text = ("---\nsources:\n  - {id: a, title: A, kind: k, used_for: u, caveats: c}\n"
            "  - {id: a, title: A2, kind: k, used_for: u, caveats: c}\n"
            "  - {id: b, title: B, kind: k, used_for: u, caveats: c, url: 'http://x.org'}\n---\nbody\n")
    registry, problems = sources.parse_registry(text, "docs/sources.md")
    assert list(registry) == ["a"]
    assert [str(p)[:19] for p in problems] == ["docs/sources.md:4: ", "docs/sources.md:5: "]


def test_render_registry_needs_exactly_one_marker():
    with pytest.raises(Problem):
        sources.render_registry("no marker\n", REG, "docs/sources.md", 5)
    out = sources.render_registry("x\n\n<!-- source-list -->\n", REG, "docs/sources.md")
    assert "### A \"one\" { #source-a }" in out and "{ #source-b }" in out


def test_slugify_is_stable():
    assert slugify("How long does MILD take?[@a]") == "how-long-does-mild-take"
