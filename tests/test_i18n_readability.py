"""Issue 16: the Spanish plain-language measure (mildguide.reports.readability_es): Fernández-Huerta
and INFLESZ (Szigriszt-Pazos) per Spanish page, offline, printed by `make readability`."""
from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from mildguide.reports import readability, readability_es as ES

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SPANISH = [p.relative_to(DOCS).as_posix() for p in ES.spanish_pages(DOCS)]   # faq/topic-cost.es.md too

EASY = "El gato come. La casa es azul. Hoy hace sol. Mi hijo lee un libro."
HARD = ("La multidisciplinariedad institucional necesariamente conlleva reconsideraciones "
        "organizacionales extraordinariamente comprehensivas e interdepartamentales.")


def test_spanish_scores_offline_and_easy_beats_hard(monkeypatch):
    import nltk

    def no_download(*args, **kwargs):
        raise AssertionError("textstat tried to download data")

    monkeypatch.setattr(nltk, "download", no_download)
    easy_fh, easy_inflesz = ES.score_text(EASY)
    hard_fh, hard_inflesz = ES.score_text(HARD)
    assert easy_inflesz > 80 > 40 > hard_inflesz
    assert easy_fh > hard_fh


def test_spanish_scoring_leaves_english_grades_english():
    before = readability.grade("The cat sat on the mat. It was a good day.")
    ES.score_text(EASY)
    assert readability.grade("The cat sat on the mat. It was a good day.") == before


def test_make_readability_prints_each_spanish_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(DOCS / "recovery.md", docs / "recovery.md")
    (docs / "recovery.es.md").write_text("---\ntitle: Recuperación\n---\n\n# Recuperación\n\n"
                                         f"{EASY}\n\n- {HARD}\n", encoding="utf-8")
    (docs / "risks.es.md").write_text(f"# Riesgos\n\n{HARD} {HARD}\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mildguide.reports.readability", str(docs)],
                         capture_output=True, text=True, cwd=ROOT)
    print(out.stdout)
    lines = out.stdout.splitlines()
    english = [line for line in lines if line.startswith("recovery.md ")]
    assert len(english) == 1 and not any(line.startswith("recovery.es.md") and "grade" in line for line in lines)
    assert any(line.startswith("recovery.es.md ") for line in lines)
    assert any(line.startswith("risks.es.md ") and "(under 55)" in line for line in lines)
    assert "WARNING: docs/risks.es.md: INFLESZ" in out.stdout
    assert "all Spanish pages: median" in out.stdout


@pytest.mark.parametrize("page", SPANISH or ["(no Spanish page yet)"])
def test_each_spanish_page_score_is_printed(page):
    """Every Spanish page's score, printed (the closing note's table). The per-page target
    (INFLESZ >= 55) and the median target (>= 65) are reported by `make readability`."""
    if not SPANISH:
        assert not list(DOCS.glob("*.es.md"))
        print("no docs/*.es.md yet: every /es/ page shows the English page with the notice")
        return
    score = ES.score_page(DOCS / page)
    print(f"{page}: {score.words} words, Fernández-Huerta {score.fernandez_huerta:.1f}, "
          f"INFLESZ {score.inflesz:.1f}")
    assert score.words > 0 and 0 < score.inflesz < 120


def test_spanish_median_is_reported():
    scores = ES.score_docs(DOCS)
    text = ES.table(scores, DOCS)
    print("\n" + text)
    assert len(text.splitlines()) == 3 + len(SPANISH)     # header, rule, a row per page, the median
    if scores:
        median = statistics.median(s.inflesz for s in scores)
        print(f"median INFLESZ {median:.1f} (target {ES.MIN_MEDIAN_INFLESZ:.0f})")
