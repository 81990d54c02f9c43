"""Mistake suite for the build's own checks (issue 14 §2, §3): each mistake is made in a copy of
the project and the strict build must fail with a message naming the file and the line.

To keep it cheap, ONE copy carries every independent mistake (each in its own place, each
message naming its own file:line) and is built once, with tests/test_mistakes.py's mistakes
found while the pages are converted (`checks_build`); the few mistakes that stop a build
before any page is read (a file that is not UTF-8) get a copy of their own. The helpers come
from tests/test_mistakes.py.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from mildguide.page import checks
from mildguide.mdext.checks import long_sentence_warnings
from sitebuild import build_once, copy_project, make_build, mkdocs_env
from test_mistakes import _new_page, _replace, _resub


@dataclass
class Case:
    page: str            # the docs/… file the message must name
    expect: str          # a phrase the message must contain
    marker: str | None   # a unique text on the line the message must name (None: `line`)
    line: int = 1


def _append(project: Path, page: str, text: str) -> None:
    path = project / page
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text + "\n", encoding="utf-8")


def _edit(project: Path, page: str, old: str, new: str) -> None:
    path = project / page
    path.write_text(_replace(old, new)(path.read_text(encoding="utf-8")), encoding="utf-8")


def _edit_re(project: Path, page: str, pattern: str, new: str) -> None:
    path = project / page
    path.write_text(_resub(pattern, new)(path.read_text(encoding="utf-8")), encoding="utf-8")


def _add_to_nav(project: Path, title: str, page: str) -> None:
    _edit(project, "mkdocs.yml", "  - For clinics:\n", f"  - {title}: {page}\n  - For clinics:\n")
    # with its Spanish menu title, as CONTRIBUTING asks (a nav entry without one fails the build)
    _edit(project, "mkdocs.yml", "          nav_translations:\n", f"          nav_translations:\n            {title}: {title} (es)\n")


SOON = (dt.date.today() + dt.timedelta(days=30)).isoformat()
LATER = (dt.date.today() + dt.timedelta(days=300)).isoformat()
LONG = ("This sentence about walking is written on purpose with far too many words in it so that "
        "the build can see that a reader on a small phone would lose the thread long before the "
        "end of it arrives at last.")

CASES: dict[str, Case] = {
    "phone number": Case("docs/before.md", "phone number '555-123-4567'", "Ring 555-123-4567"),
    "tel: link": Case("docs/before.md", "tel: link", "(tel:+15550100)"),
    "promotional phrase": Case("docs/benefits.md", "promotional phrase 'Book now'", "Book now and"),
    "promotional phrase (schedule)": Case("docs/home-care.md", "promotional phrase 'schedule a consultation'",
                                          "schedule a consultation"),
    "heading skips a level": Case("docs/recovery.md", "heading level skips from h2 to h4", "#### Too deep"),
    "duplicate heading id": Case("docs/home-care.md", "heading id '#twice-the-same' is used twice",
                                 "## Twice the same { #twice-the-same }\n\nMore text."),
    "image without alt text": Case("docs/what-is-mild.md", "has no alt text", "![](assets/images/favicon.svg)\n"),
    "<img> without alt text": Case("docs/what-is-mild.md", "<img> has no alt text", '<img src="../assets/'),
    "unknown care card type": Case("docs/recovery.md", "unknown care card type 'care-nonurgnet': did you mean "
                                   "'care-nonurgent'?", "!!! care-nonurgnet"),
    "iframe from another host (in links.yml)": Case("docs/evidence.md", "<iframe> loads from another host "
                                                    "(www.youtube.com)", "<iframe"),
    "reviewed date in the future": Case("docs/risks.md", f"'reviewed' date {SOON} is in the future",
                                        f"reviewed: {SOON}"),
    "impossible date": Case("docs/candidates.md", "2026-02-30 is no such date (February has no day 30)",
                            "reviewed: 2026-02-30"),
    "page with a heading only": Case("docs/blank.md", "the page has no text below its heading", None, 10),
    "registry source no page cites": Case("docs/sources.md", "source 'spare-one' is cited by no page",
                                          "  - id: spare-one"),
    "tab-indented list item": Case("docs/questions.md", "indent with 4 spaces", "\t- a tab-indented item"),
    "file name with spaces and capitals": Case("docs/My Page.md", "rename it 'my-page.md'", None, 1),
    "sentence over 35 words": Case("docs/index.md", "sentence of 41 words (limit 35): \"This sentence about "
                                   "walking is written on purpose", "This sentence about walking"),
    "unquoted ': ' in front matter": Case("docs/costs.md", "put the text in quotes", "title: Costs: what"),
    "broken registry entry": Case("docs/sources.md", "citations of 'src-001' are skipped", "verified: maybe"),
    # issue 23 §4: slips that reached readers
    "citation without its ]": Case("docs/before.md", "citation '[@src-000' has no closing ]",
                                   "awake.[@src-000 and"),
    "citation without its @": Case("docs/benefits.md", "'[src-000]' is a source id without its @: write "
                                   "[@src-000]", "home.[src-000]"),
    "misspelt glossary term": Case("docs/risks.md", "'laminectmy' is not a glossary term: did you mean "
                                   "'Laminectomy'?", "A laminectmy removes"),
    "triage in prose": Case("docs/recovery.md", "triage in prose ('call your doctor right away')",
                            "very sore, call your doctor"),
    "list glued to a paragraph": Case("docs/candidates.md", "no blank line before this list",
                                      "- Which type is used?"),
    "key figure written by hand, differently": Case(
        "docs/is-it-stenosis.md", "'about 3 hours' for how long the procedure takes differs from the key "
        "figure (60 minutes or less): write [[figure: procedure-time]]", "takes about 3 hours"),
}


def _make_mistakes(project: Path) -> None:
    _append(project, "docs/before.md", "Ring 555-123-4567 for help.\n\n[Call the desk](tel:+15550100).")
    _append(project, "docs/benefits.md", "Book now and feel better.")
    _append(project, "docs/home-care.md", "Please schedule a consultation soon.\n\n"
                                          "## Twice the same { #twice-the-same }\n\nText.\n\n"
                                          "## Twice the same { #twice-the-same }\n\nMore text.")
    _append(project, "docs/recovery.md", "## A new part\n\nSome text.\n\n#### Too deep\n\nMore text.\n\n"
                                         '!!! care-nonurgnet "Check in"\n    Tell your care team.')
    _append(project, "docs/what-is-mild.md", "![](assets/images/favicon.svg)\n\n"
                                             "![](assets/images/favicon.svg){ .decorative }\n\n"
                                             '<img src="../assets/images/favicon.svg">')
    _append(project, "docs/evidence.md", '<iframe src="https://www.youtube.com/embed/abc" title="A video">'
                                         "</iframe>")
    _edit(project, "links.yml", "links:\n", "links:\n  - url: https://www.youtube.com/embed/abc\n"
                                           "    note: a video (registered, but still no embeds)\n")
    _edit_re(project, "docs/risks.md", r"^reviewed: \S+\nnext_review: \S+$",
             f"reviewed: {SOON}\nnext_review: {LATER}")
    _edit_re(project, "docs/candidates.md", r"^reviewed: \S+$", "reviewed: 2026-02-30")
    (project / "docs" / "blank.md").write_text(
        "---\ntitle: Blank\ndescription: A page with a heading only.\nreviewed: 2026-11-23\n"
        "next_review: 2027-11-23\nclinical_review: none\ncitations: none\n---\n\n# Blank\n", encoding="utf-8")
    _add_to_nav(project, "Blank", "blank.md")
    _new_page(project, "My Page.md", "A page with a bad file name.")
    _add_to_nav(project, "Mine", "My Page.md")
    _edit(project, "docs/sources.md", "  - id: src-000\n", "  - id: spare-one\n    title: A spare source\n"
          "    kind: Book.\n    used_for: Nothing yet.\n    caveats: None.\n  - id: src-000\n")
    sources = (project / "docs" / "sources.md").read_text(encoding="utf-8")
    entry = sources.index("  - id: src-001")
    at = sources.index("verified: false", entry)
    (project / "docs" / "sources.md").write_text(
        sources[:at] + "verified: maybe" + sources[at + len("verified: false"):], encoding="utf-8")
    _append(project, "docs/questions.md", "- one item\n\t- a tab-indented item")
    _append(project, "docs/index.md", LONG)
    _edit(project, "docs/costs.md", "title: Costs and insurance (US)", "title: Costs: what you pay")
    _append(project, "docs/before.md", "You stay awake.[@src-000 and calm.")
    _append(project, "docs/benefits.md", "Most people go home.[src-000]")
    _append(project, "docs/risks.md", "A laminectmy removes more bone than MILD does.[@src-000]")
    _append(project, "docs/recovery.md", "If your throat is very sore, call your doctor right away.[@src-000]")
    _append(project, "docs/candidates.md", "Ask your team:\n- Which type is used?\n- Who gives it?")
    _append(project, "docs/is-it-stenosis.md", "The procedure takes about 3 hours.[@src-003]")
    # tests/test_generators.py's broken link and unknown source, under MkDocs
    from test_generators import plant_broken_link_and_unknown_source
    plant_broken_link_and_unknown_source(project)
    # tests/test_decision_aid.py's outcome rules (other-treatments.md and compare.md)
    from test_decision_aid import plant_outcome_mistakes
    (project.parent / "decision-aid.json").write_text(json.dumps(plant_outcome_mistakes(project)))
    # §3: one message per mistake
    _append(project, "docs/stenosis.md", "<script>alert('hi')</script>\n\n"
                                         "Read [the study](http://www.example.org/study).\n\n"
                                         "See [the plan](no-such-page.md).")


def checks_build(tmp_path_factory, worker_id):
    """The copy with every mistake of CASES and, after them, tests/test_mistakes.py's mistakes
    found while the pages are converted (its "before" group; the line each sits on goes to
    lines.json next to the project), built once per test run (build_once) by `make build`."""
    def make(dest):
        from test_mistakes import GROUPS, MISTAKES, inject
        project = copy_project(dest / "project")
        _make_mistakes(project)
        lines = {name: inject(project, MISTAKES[name]) for name in GROUPS["before-1"]}
        (dest / "lines.json").write_text(json.dumps(lines))
        return make_build(project)

    return build_once(tmp_path_factory, worker_id, "checks-mistakes", make)


@pytest.fixture(scope="session")
def mistakes(tmp_path_factory, worker_id):
    """Built once per test run (build_once), however many xdist workers run these tests."""
    result = checks_build(tmp_path_factory, worker_id)
    assert not result.ok, result.output
    return result.project, result


def _line_of(project: Path, case: Case) -> int:
    if case.marker is None:
        return case.line
    text = (project / case.page).read_text(encoding="utf-8")
    assert text.count(case.marker) == 1, f"marker {case.marker!r} is not unique in {case.page}"
    return text[: text.index(case.marker)].count("\n") + 1


@pytest.mark.parametrize("name", list(CASES))
def test_mistake_names_file_and_line(mistakes, name):
    project, result = mistakes
    case = CASES[name]
    where = f"{case.page}:{_line_of(project, case)}: "
    hits = [l for l in result.output.splitlines() if where in l and case.expect in l]
    assert hits, f"{name}: no message with {where!r} and {case.expect!r}\n{result.output}"


def _problems(output: str) -> list[str]:
    return [l for l in output.splitlines() if re.match(r"^(ERROR|WARNING) +- ", l)]


def test_each_problem_is_printed_once_and_counted(mistakes):
    project, result = mistakes
    out = result.output
    stenosis = (project / "docs" / "stenosis.md").read_text(encoding="utf-8").split("\n")
    script = next(n for n, l in enumerate(stenosis, 1) if "<script>" in l)
    http = next(n for n, l in enumerate(stenosis, 1) if "http://" in l)
    assert len([l for l in out.splitlines() if f"docs/stenosis.md:{script}:" in l]) == 1, out
    assert len([l for l in out.splitlines() if f"docs/stenosis.md:{http}:" in l]) == 1, out
    # MkDocs' own line-less warning for a link the link check reports with its line
    assert "contains a link 'no-such-page.md'" not in out, out
    assert re.search(r"docs/stenosis.md:\d+: .*no-such-page\.md", out), out
    # a broken registry entry: its citations are skipped, not "unknown" at each one
    assert "unknown source id 'src-001'" not in out, out
    assert len([l for l in out.splitlines() if "'src-001'" in l]) == 1, out
    # the summary counts what was shown, and comes after it
    summary = re.search(r"Aborted with (\d+) errors?, (\d+) warnings? in strict mode!", out)
    assert summary, out
    shown = _problems(out)
    errors = [l for l in shown if l.startswith("ERROR")]
    assert (len(errors), len(shown) - len(errors)) == (int(summary.group(1)), int(summary.group(2))), out
    tail = [l for l in out.rstrip().splitlines() if not l.startswith("build: ")]   # scripts/build.py's own lines
    assert tail[-1] == summary.group(0), "the summary must come after the list:\n" + out
    assert len(shown) == len(set(shown)), "a message printed twice"


def test_decorative_image_is_no_mistake(mistakes):
    project, result = mistakes
    page = (project / "docs" / "what-is-mild.md").read_text(encoding="utf-8").split("\n")
    line = next(n for n, l in enumerate(page, 1) if "{ .decorative }" in l)
    assert f"docs/what-is-mild.md:{line}:" not in result.output


# What a page renders is read from a clean clinic build (a failed build publishes nothing): the
# shared clinic copy of tests/clinicbuild.py (`clinic_variant_site`, built once per test run),
# which carries one decorative image (clinicbuild.DECORATIVE) at the end of what-is-mild.md.

def test_decorative_image_renders_with_empty_alt(clinic_variant_site):
    html = (clinic_variant_site / "what-is-mild" / "index.html").read_text(encoding="utf-8")
    tag = re.search(r'<img[^>]*class="decorative"[^>]*>', html)
    assert tag and 'alt=""' in tag.group(0) and 'aria-hidden="true"' in tag.group(0), tag


def test_non_utf8_file_is_one_line_with_file_and_line(tmp_path):
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "before.md"
    data = page.read_bytes()
    lines = data.count(b"\n")
    page.write_bytes(data + b"Caf\xe9 au lait.\n")          # Latin-1, as a word processor saves it
    result = make_build(project)
    assert not result.ok
    assert f"docs/before.md:{lines + 1}: " in result.output and "save the file as UTF-8" in result.output, \
        result.output
    assert "Traceback" not in result.output, result.output


def test_clinic_build_may_carry_its_phone_and_booking_link(clinic_variant_site):
    """The clinic profile puts a phone number, a tel: link and a booking link into the built
    pages; the checks read docs/, so they do not fire (the shared clinic build passed)."""
    html = (clinic_variant_site / "recovery" / "index.html").read_text(encoding="utf-8")
    assert 'href="tel:' in html and "555-0100" in html


# -- which checks apply to which language (cheap: the pure functions) --------------------------

def test_spanish_page_gets_language_neutral_checks_only():
    text = ("---\ntitle: T\n---\n\nLlame al 555-123-4567. Book now.\n\n## A\n\n#### B\n\n![](x.png)\n\n"
            + LONG + "\n")
    body_line = 5
    body = text.split("---\n", 2)[2].lstrip("\n")
    es = [p.message for p in checks.page_problems(text, "docs/x.es.md", "x.es.md", body, body_line)]
    en = [p.message for p in checks.page_problems(text, "docs/x.md", "x.md", body, body_line)]
    assert any("phone number" in m for m in es) and any("skips from h2 to h4" in m for m in es)
    assert any("no alt text" in m for m in es)
    assert not any("promotional" in m for m in es)
    assert any("promotional phrase 'Book now'" in m for m in en)
    assert checks.language("recovery.es.md") == "es" and checks.language("recovery.md") == "en"
    assert long_sentence_warnings(text, "docs/x.md")


@pytest.mark.parametrize("number", ["555-123-4567", "(555) 123-4567", "555.123.4567", "+1 555 123 4567",
                                    "1-800-555-0199", "555-0100"])
def test_common_us_phone_formats_are_caught(number):
    assert checks.contact_and_promotion(f"Call {number} now.\n", "docs/x.md", english=False)


@pytest.mark.parametrize("text", ["Reviewed 2026-11-23.", "Between 10-20 people.", "Pages 123-456.",
                                  "See [the paper](https://doi.org/10.1001/555-1234)."])
def test_dates_ranges_and_links_are_not_phone_numbers(text):
    assert not checks.contact_and_promotion(text + "\n", "docs/x.md")


# -- the reports (no build) ---------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]


def test_readability_report_shows_limit_pass_fail_and_longest_sentences_with_lines(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "easy.md").write_text("---\ntitle: Easy\n---\n\n# Easy\n\nThe cat sat. It was a good day.\n")
    (docs / "hard.md").write_text("---\ntitle: Hard\n---\n\n# Hard\n\nMultidisciplinary institutionalization "
                                  "necessitates comprehensive interdepartmental coordination "
                                  "notwithstanding considerable organizational heterogeneity.\n\n" + LONG + "\n")
    (docs / "hard.es.md").write_text("---\ntitle: Difícil\n---\n\n# Difícil\n\nUna frase.\n")
    proc = subprocess.run([sys.executable, "-m", "mildguide.reports.readability", str(docs)], env=mkdocs_env(),
                          capture_output=True, text=True)
    out = proc.stdout
    assert proc.returncode == 1, out
    assert "Reading grade limit: 8" in out
    assert re.search(r"^easy\.md .*\| pass$", out, re.M) and re.search(r"^hard\.md .*\| FAIL \(over 8\)$", out, re.M)
    assert not re.search(r"^hard\.es\.md .*\| (pass|FAIL)", out, re.M)   # English grade: English pages only
    assert re.search(r"docs/hard\.md:9: 41 words  OVER: This sentence about walking", out), out


def test_glossary_report_lists_linked_terms_and_near_misses_with_lines():
    proc = subprocess.run([sys.executable, "-m", "mildguide.reports.glossary_report", str(ROOT / "docs")],
                          env=mkdocs_env(), capture_output=True, text=True)
    out = proc.stdout
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"^docs/index\.md: links \d+ term\(s\): .*Lumbar spinal stenosis", out, re.M), out
    page = (ROOT / "docs" / "other-treatments.md").read_text(encoding="utf-8").split("\n")
    line = next(n for n, l in enumerate(page, 1) if "physical therapist" in l)
    assert (f"docs/other-treatments.md:{line}: near miss: 'physical therapist' is not the term "
            "'Physical therapy'") in out, out


def test_glossary_plural_in_ies_links_the_term():
    from mildguide.page import glossary
    terms = [glossary.Term("physical-therapy", "Physical therapy", [], "Exercise with a therapist.", 1,
                           ["Physical therapy"])]
    found = list(glossary.Tooltips(terms).matches("Two physical therapies helped."))
    assert [(s, e) for s, e, _ in found] == [(4, 22)]


def test_dedupe_keeps_distinct_problems_of_one_link():
    from mildguide.dedupe import unique
    messages = [
        "docs/a.md:3: raw <script> is not allowed in pages (no scripts in the guide)",
        "docs/a.md:3: <script> in page content → <script",
        "docs/a.md:4: external link must use https:// → http://x.org/a",
        "docs/a.md:4: external URL is not in the links registry (links.yml or docs/sources.md) → http://x.org/a",
        "docs/a.md:5: link to a URL shortener (bit.ly) → https://bit.ly/x",
        "docs/a.md:5: tracking parameter `utm_source` in link → https://bit.ly/x",
        "docs/a.md:5: external URL is not in the links registry (links.yml or docs/sources.md) → https://bit.ly/x",
        "docs/a.md:6: external URL is not in the links registry (links.yml or docs/sources.md) → https://y.org",
        "docs/a.md:6: external URL is not in the links registry (links.yml or docs/sources.md) → https://y.org",
        "docs/a.md:7: external URL is not in the links registry (links.yml or docs/sources.md) → https://y.org",
    ]
    assert unique(messages) == [messages[i] for i in (0, 2, 4, 5, 7, 9)]


def test_glossary_report_lists_a_misspelt_term_with_its_line(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "glossary.md").write_text((ROOT / "docs" / "glossary.md").read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "page.md").write_text("---\ntitle: P\n---\n\n# P\n\nA laminectmy removes more bone.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mildguide.reports.glossary_report", str(docs)],
                          env=mkdocs_env(), capture_output=True, text=True)
    assert "docs/page.md:7: near miss: 'laminectmy' is not the term 'Laminectomy' (misspelt?)" in proc.stdout, \
        proc.stdout


# -- issue 23 §4 checks on their own (cheap: the pure functions) --------------------------------

@pytest.mark.parametrize("text", [
    "Ask your doctor about it.", "Tell the team if you take a blood thinner.", "Talk to your doctor today.",
    "## When to get emergency help { #emergency-help }", "See [When to get emergency help](#emergency-help).",
    "Some signs need care right away: see the list.", "A few rare signs are an emergency.",
    '!!! care-urgent "Call today"\n    Call your doctor today.', "`call 911`",
])
def test_not_triage(text):
    from mildguide.page.triage import triage_prose
    assert not triage_prose(text + "\n", "docs/x.md"), text


@pytest.mark.parametrize("text, lang, words", [
    ("Call 911 if it gets worse.", "en", "Call 911"),
    ("You must go to the\nemergency room at once.", "en", "go to the emergency room"),
    ("If the wound is red, call your care team.", "en", "call your care team"),
    ("Seek urgent medical care.", "en", "Seek urgent medical care"),
    ("Llame al 911.", "es", "Llame al 911"),
    ("Si tiene fiebre, llame a su médico.", "es", "llame a su médico"),
])
def test_triage(text, lang, words):
    from mildguide.page.triage import triage_prose
    found = triage_prose(text + "\n", "docs/x.md", lang)
    assert [p.line for p in found] == [1] and f"('{words}')" in found[0].message, found


@pytest.mark.parametrize("text", [
    "Text.\n\n- a\n- b\n", "- a\n- b\nlazy line\n- c\n", "- a\n    - nested\n",
    '!!! key-points "Key points"\n    - a\n', "| a | b |\n- not a table row\n", "## Heading\n- a\n",
])
def test_list_not_glued(text):
    assert not checks.glued_lists(text, "docs/x.md"), text


def test_list_glued_in_a_box_too():
    found = checks.glued_lists('!!! note "N"\n    Ask:\n    - a\n', "docs/x.md")
    assert [p.line for p in found] == [3]


def test_glossary_spelling_knows_other_forms_and_other_pages():
    from mildguide.page import glossary
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    terms, _ = glossary.parse(text, "docs/glossary.md")
    spelling = glossary.Spelling(terms, text)
    assert spelling.near("stenossis") and spelling.near("laminectmy")
    assert not spelling.near("arthritic")                     # another form of "arthritis"
    assert spelling.near("infection") and not spelling.near("infection", {"infection"})   # used elsewhere


def test_key_figure_same_value_and_other_treatments_pass():
    from mildguide.page import key_figures
    figures, problems = key_figures.load((ROOT / "key-figures.yml").read_text(encoding="utf-8"), "key-figures.yml")
    assert not problems
    ok = ("# T\n\nMILD takes 60 minutes or less.[@src-003]\n\nThe maker says the opening is about 5.1 mm.[@x]\n\n"
          "Open surgery uses a cut of 4 to 6 cm.[@y]\n\nMILD takes [[figure: procedure-time]].[@src-003]\n")
    from mildguide.reports.prose import sentences
    assert not key_figures.hand_written(ok, sentences(ok), figures, "en", "docs/x.md")
    bad_text = "# T\n\nThe cut for MILD is about 4.5 cm.[@x]\n"
    bad = key_figures.hand_written(bad_text, sentences(bad_text), figures, "en", "docs/x.md")
    assert [(p.line, "'about 4.5 cm'" in p.message) for p in bad] == [(3, True)]
    out, problems = key_figures.expand("Dura [[figure: procedure-time]].", figures, "es", "docs/x.es.md")
    assert out == "Dura 60 minutos o menos." and not problems


def test_key_figure_under_another_treatments_heading_passes():
    """A section on another treatment ("## Laminectomy") states its own cut size; the MILD
    figure is still checked in the next section."""
    from mildguide.page import key_figures
    from mildguide.reports.prose import sentences
    figures, _ = key_figures.load((ROOT / "key-figures.yml").read_text(encoding="utf-8"), "key-figures.yml")
    text = ("# T\n\n## Laminectomy\n\nYou are fully asleep, and the cut is 4 to 6 cm.[@y]\n\n"
            "## MILD\n\nThe cut is about 4.5 cm.[@x]\n")
    found = key_figures.hand_written(text, sentences(text), figures, "en", "docs/x.md")
    assert [p.line for p in found] == [9]
