"""Unit tests for the pure functions in scripts/mildguide/ behind the machinery hooks."""
from __future__ import annotations

import datetime as dt

import pytest

from mildguide import frontmatter
from mildguide.page import sources
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


# --- glossary, FAQ, comparison tables, care cards ---------------------------------------------

from mildguide.page import care, compare, faq, glossary  # noqa: E402

GLOSSARY = """---
title: G
---

# Glossary

## L

### Lumbar spinal stenosis { #lss }

*Also called:* spinal stenosis, stenosis, LSS

Narrowing of the canal.[@a] See [the canal](x.md).

### X-ray { #x-ray }

Pictures made with rays.
"""


def test_glossary_parse_reads_terms_synonyms_and_plain_meaning():
    terms, problems = glossary.parse(GLOSSARY, "docs/glossary.md")
    assert not problems
    assert [(t.id, t.forms, t.line) for t in terms] == [
        ("lss", ["Lumbar spinal stenosis", "spinal stenosis", "stenosis", "LSS"], 9), ("x-ray", ["X-ray"], 15)]
    assert terms[0].meaning == "Narrowing of the canal. See the canal."


def test_glossary_spots_the_same_term_under_another_spelling():
    text = GLOSSARY + "\n### Spinal-Stenosis { #ss }\n\nAgain.\n"
    _, problems = glossary.parse(text, "docs/glossary.md")
    assert [str(p)[:21] for p in problems] == ["docs/glossary.md:19: "]
    assert "'Spinal-Stenosis' twice" in problems[0].message


def test_tooltips_first_use_longest_match_whole_words_and_blocked_elements():
    terms, _ = glossary.parse(GLOSSARY, "g")
    tips = glossary.Tooltips(terms)
    html = ("<h2>Stenosis</h2><p>non-stenosis, <code>stenosis</code>, <a href='#'>stenosis</a>, "
            "lss, then Lumbar  spinal\nstenosis and stenosis; an x-ray and an X-ray.</p>"
            "<p>LSS <abbr>X-ray</abbr></p>")
    out = tips.apply(html, lambda t: f"g/#{t.id}")
    root = glossary.parse_fragment(out)
    links = [(a.text, a.get("href")) for a in root.iter("a") if a.get("class") == "omg-term"]
    assert links == [("Lumbar  spinal\nstenosis", "g/#lss"), ("x-ray", "g/#x-ray")]
    assert "<h2>Stenosis</h2>" in out and "<code>stenosis</code>" in out


def test_tooltips_match_plurals_of_ordinary_words_only():
    tips = glossary.Tooltips(glossary.parse(GLOSSARY, "g")[0])

    def found(text):
        return [(text[a:b], t.id) for a, b, t in tips.matches(text)]

    assert found("Two X-rays and more x-rayes.") == [("X-rays", "x-ray"), ("x-rayes", "x-ray")]
    assert found("Spinal stenosises.") == [("Spinal stenosises", "lss")]
    assert found("LSSs, LSSes, x-raysx, stenoses.") == []   # capitals-only forms take no plural


def test_faq_anchor_derives_ids_and_reports_duplicates():
    body = ("# FAQ\n\n## Before\n\n### Will I be awake?\n\nYes.\n\n### Own id? { #mine }\n\n"
            "### Has a class? { .x }\n\n### will i be AWAKE\n\nAgain.\n")
    out, problems = faq.anchor(body, "docs/faq.md", body_line=8)
    assert "## Before { #topic-before }" in out
    assert "### Will I be awake? { #faq-will-i-be-awake }" in out
    assert "### Own id? { #mine }" in out and "### Has a class? { #faq-has-a-class .x }" in out
    assert [str(p).split(": ")[0] for p in problems] == ["docs/faq.md:20", "docs/faq.md:20"]
    assert "duplicate question" in problems[0].message and "line 12" in problems[0].message


def test_faq_page_jsonld_strips_citations_and_permalinks():
    content = ('<h2 id="topic-a">A</h2><h3 id="faq-q">Q?<a class="headerlink" href="#faq-q">¶</a></h3>'
               '<p>Yes.<sup class="omg-cite"><a href="#">1</a></sup> Really.</p><ul><li>One</li></ul>'
               '<div class="omg-page-sources"><h2>Sources for this page</h2></div>')
    data = faq.faq_page(content, "https://x.org/faq/", "FAQ")
    assert data["mainEntity"] == [{"@type": "Question", "name": "Q?", "url": "https://x.org/faq/#faq-q",
                                   "acceptedAnswer": {"@type": "Answer", "text": "Yes. Really. One"}}]


def test_compare_check_reports_rows_missing_a_source():
    text = ('<div class="compare-table" markdown>\n\n| | A | B |\n|---|---|---|\n'
            "| Stay | 1 day[@a] | not stated in the sources |\n| Cut | small | `x|y`[@b] |\n\n</div>\n"
            "| outside | tables | are not checked |\n")
    problems = compare.check(text, "docs/c.md", first_line=10)
    assert [str(p).split(": ")[0] for p in problems] == ["docs/c.md:15"]
    assert "column(s) 2" in problems[0].message


def test_care_contact_lines():
    assert care.contact_html("care-urgent", {}) == ("Contact your care team today. If you cannot reach them, "
                                                    "go to an urgent care center or an emergency room.")
    clinic = {"name": "A & B Spine", "phone": "+1 555 0100", "booking_url": "http://insecure.example"}
    assert care.contact_html("care-nonurgent", clinic) == \
        'Contact A &amp; B Spine at <a href="tel:+15550100">+1 555 0100</a>.'
    assert care.contact_html("care-emergency", clinic) == ("Call 911 or go to the nearest emergency room. "
                                                           "Do not drive yourself.")
    assert care.contact_html("care-urgent", clinic).endswith(
        "today at <a href=\"tel:+15550100\">+1 555 0100</a>. If you cannot reach them, go to an urgent care "
        "center or an emergency room.")


def test_sources_differ_needs_two_different_sources():
    text = ('!!! sources-differ "x"\n    - a[@a]\n    - b[@a]\n\nafter[@b]\n\n'
            '??? sources-differ "y"\n    - a[@a; @b]\n')
    problems = care.check_sources_differ(text, "docs/p.md", first_line=5)
    assert [str(p).split(": ")[0] for p in problems] == ["docs/p.md:5"]


def test_cite_keeps_the_line_count_of_a_wrapped_citation():
    body = "a[@a;\n@b] b\nc\n"
    out = sources.cite(body, REG, "docs/p.md", "p.md")
    assert out.markdown.split("<div")[0].count("\n") >= body.count("\n")
    assert out.markdown.index("c\n") > 0 and out.markdown.split("\n")[2] == "c"


def test_cite_html_mode_uses_placeholders_outside_headings():
    out = sources.cite("## Head[@a]\n\nx[@b; @a] y\n", REG, "docs/p.md", "p.md",
                       html_href=lambda i: f"../sources/#source-{i}")
    assert '## Head<sup class="omg-cite">[1](sources.md#source-a "A &quot;one&quot;")</sup>' in out.markdown
    [token] = out.html
    assert token in out.markdown and "[@" not in out.markdown.split("<div")[0]
    filled = sources.fill(f"<p>x{token} y</p>", out.html)
    assert filled == ('<p>x<sup class="omg-cite"><a href="../sources/#source-a" aria-label="Source 1" '
                      'title="A &quot;one&quot;">1</a><span class="omg-cite-sep">, </span>'
                      '<a href="../sources/#source-b" aria-label="Source 2" title="B">2</a></sup> y</p>')
    again = sources.cite("x[@a] y[@a]\n", REG, "docs/p.md", "p.md", html_href=lambda i: i)
    second = sources.fill(" ".join(again.html), again.html).split("</sup>")[1]
    assert 'aria-label="Source 1"' in second and "title=" not in second   # tooltip on the first only


def test_terminology_reports_each_rejected_variant_with_its_line():
    """A Spanish page that uses a variant terminology.yml rejects gets file:line, once per line,
    ignoring case and accents; code, link targets, citations and "También llamado" are skipped."""
    from mildguide.page import terminology
    terms, problems = terminology.load(
        "terms:\n  - en: spinal canal\n    es: canal espinal\n    reject: [canal raquídeo, canal medular]\n"
        "  - en: sciatica\n    es: ciática\n    reject: [ciatalgia]\n")
    assert problems == []
    page = ("# Título\n"
            "El Canal Raquideo se estrecha. El canal raquídeo otra vez.\n"
            "Sin problema: `canal medular` y [enlace](canal-medular.md) y [@canal-medular].\n"
            "*También llamado:* ciatalgia\n"
            "Dolor de ciatalgia y del canal\nmedular.\n")
    found = [(p.line, p.message.split("'")[1]) for p in terminology.check_page(page, terms, "docs/x.es.md", 3)]
    assert found == [(4, "canal raquídeo"), (7, "canal medular"), (7, "ciatalgia")]
    assert "write 'canal espinal' (for 'spinal canal'; terminology.yml)" in \
        terminology.check_page(page, terms, "docs/x.es.md")[0].message


def test_two_comparison_tables_on_a_page_get_two_region_names():
    """Landmarks need unique names (axe landmark-unique): the second table is not a copy."""
    from mildguide.page import compare
    one = '<div class="compare-table" markdown>x</div>'
    assert compare.scroll_region(one).count('aria-label="Comparison table (scrolls sideways)"') == 1
    two = compare.scroll_region(one + one)
    assert 'aria-label="Comparison table 1 (scrolls sideways)"' in two
    assert 'aria-label="Comparison table 2 (scrolls sideways)"' in two


def test_terminology_finds_whole_word_variants_as_the_look_behind_search_does():
    """check_page tests "not after a letter" by hand (a pattern starting with a look-behind
    makes the regex engine try every position): a variant inside a longer word is skipped and
    the next whole-word use after it on the same line is still found, across accents and case."""
    import re

    from mildguide.page import terminology as T
    terms = [T.Term("spinal canal", "conducto raquídeo", ("canal raquideo", "a a"), 1)]
    page = "Línea uno.\nEl acanal raquideo y el Canal  Raquídeo.\nbaa a a\nnada\n"
    found = T.check_page(page, terms, "docs/x.es.md")
    assert [(p.line, p.message.split("'")[1]) for p in found] == [(2, "canal raquideo"), (3, "a a")]
    folded = T.fold(page)
    for variant in terms[0].reject:
        words = r"\s+".join(re.escape(w) for w in T.fold(variant).split())
        slow = re.compile(r"(?<!\w)" + words + r"(?!\w)")
        assert list(T._starts(variant, folded)) == [m.start() for m in slow.finditer(folded)]


def test_faq_hub_reports_a_topic_question_it_does_not_list():
    from lxml import html as lhtml
    from mildguide.site import faq_hub
    hub = lhtml.fromstring('<div><h2 id="topic-a">A</h2><ul>'
                           '<li><a id="faq-one" href="topic-a/#faq-one">One?</a></li>'
                           '<li><a id="faq-two" href="topic-a/#faq-other">Two?</a></li></ul></div>')
    topic = lhtml.fromstring('<div><h1 id="topic-a">A</h1>'
                             '<h2 id="faq-one">One?<a class="headerlink">¶</a></h2><p>Yes.</p>'
                             '<h2 id="faq-two">Two?</h2><p>No.</p><h2 id="__sources">Sources</h2></div>')
    hub_md = "# FAQ\n\n## A { #topic-a }\n\n- [One?](faq/topic-a.md#faq-one){ #faq-one }\n"
    found = faq_hub.unlisted(hub, "faq/", [("faq/topic-a/", "faq/topic-a.md", topic)], hub_md, "docs/faq.md")
    assert found == ["docs/faq.md:3: the question 'Two?' of faq/topic-a.md is not listed on the FAQ page: "
                     "add '- [Two?](faq/topic-a.md#faq-two){ #faq-two }' under its topic"]
    assert faq_hub.listed(hub, "es/faq/") == {("es/faq/topic-a/", "faq-one")}


def test_source_hub_reports_an_entry_on_no_group_page_or_not_listed():
    """The Sources split's build check (mildguide.site.source_hub): an entry whose group page is
    missing or lacks its section, and an entry the hub lists nowhere or links elsewhere, each
    name the entry's line in the registry."""
    from lxml import html as lhtml
    from mildguide.page.sources import Source
    from mildguide.site import source_hub
    reg = {i: Source(i, i.title(), "k", "u", "c", line=n, group=g)
           for i, n, g in (("a", 8, "trials"), ("b", 15, "trials"), ("c", 22, "pages"), ("d", 29, "care"))}
    hub = lhtml.fromstring('<div><ul><li><a id="source-a" href="trials/#source-a">A</a></li>'
                           '<li><a id="source-b" href="pages/#source-b">B</a></li>'
                           '<li><a id="source-d" href="care/#source-d">D</a></li></ul></div>')
    trials = lhtml.fromstring('<div><h3 id="source-a">A</h3><h3 id="source-b">B</h3></div>')
    pages = lhtml.fromstring('<div><h3 id="source-c">C</h3></div>')
    found = source_hub.missing(reg, hub, "sources/", {"trials": ("sources/trials/", trials),
                                                      "pages": ("sources/pages/", pages)},
                               "docs/sources.md", "docs/sources.md", lambda g: f"docs/sources/{g}.md")
    assert found == [
        "docs/sources.md:15: source 'b' is not listed on the Sources page (docs/sources.md): "
        "it needs the line <!-- source-list: trials -->",
        "docs/sources.md:22: source 'c' is not listed on the Sources page (docs/sources.md): "
        "it needs the line <!-- source-list: pages -->",
        "docs/sources.md:29: source 'd' is on no group page: docs/sources/care.md must exist and "
        "hold the line <!-- source-list -->"]
    # the Spanish hub links relative to es/sources/
    assert source_hub.missing({"a": reg["a"]}, hub, "es/sources/", {"trials": ("es/sources/trials/", trials)},
                              "docs/sources.md", "docs/sources.es.md", str) == []
