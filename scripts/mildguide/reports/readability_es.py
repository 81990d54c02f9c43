"""Plain-language measure of the Spanish edition's pages (docs/<page>.es.md), offline.

textstat's Spanish measures on the same running prose as the English measure
(mildguide.reports.prose): Fernández-Huerta (a Spanish Flesch reading ease) and
Szigriszt-Pazos, whose INFLESZ scale reads: < 40 very hard, 40-55 somewhat hard, 55-65
normal, 65-80 fairly easy ("bastante fácil"), > 80 very easy. Targets (issue 16): median
INFLESZ >= 65 and every page >= 55. Spanish syllables come from pyphen's bundled
dictionary, so nothing is downloaded.

textstat keeps ONE language for the whole process: `_spanish()` switches to Spanish and
always back to English, so an English grade computed afterwards is still English.
"""
from __future__ import annotations

import contextlib
import statistics
from dataclasses import dataclass
from pathlib import Path

from .prose import prose
from .textstat_offline import offline_textstat, word_count

MIN_PAGE_INFLESZ = 55.0
MIN_MEDIAN_INFLESZ = 65.0


@contextlib.contextmanager
def _spanish():
    textstat = offline_textstat()
    textstat.set_lang("es")
    try:
        yield textstat
    finally:
        textstat.set_lang("en_US")


@dataclass(frozen=True)
class SpanishScore:
    path: Path
    words: int
    fernandez_huerta: float
    inflesz: float          # Szigriszt-Pazos


def score_text(text: str) -> tuple[float, float]:
    """(Fernández-Huerta, INFLESZ) of plain Spanish text; (0, 0) for empty text."""
    if not text.strip():
        return 0.0, 0.0
    with _spanish() as textstat:
        return float(textstat.fernandez_huerta(text)), float(textstat.szigriszt_pazos(text))


def score_page(path: Path) -> SpanishScore:
    text = prose(Path(path).read_text(encoding="utf-8"))
    fh, inflesz = score_text(text)
    return SpanishScore(Path(path), word_count(text), fh, inflesz)


def spanish_pages(docs_dir: Path) -> list[Path]:
    return sorted(p for p in Path(docs_dir).rglob("*.es.md"))


def score_docs(docs_dir: Path) -> list[SpanishScore]:
    return [score_page(p) for p in spanish_pages(docs_dir)]


def table(scores: list[SpanishScore], docs_dir: Path) -> str:
    rows = [f"{'Spanish page':<28} | {'words':>5} | F-Huerta | INFLESZ",
            f"{'-' * 28}-|-{'-' * 5}-|----------|--------"]
    for s in scores:
        flag = f"  (under {MIN_PAGE_INFLESZ:.0f})" if s.inflesz < MIN_PAGE_INFLESZ else ""
        rows.append(f"{str(s.path.relative_to(docs_dir)):<28} | {s.words:>5} | {s.fernandez_huerta:8.1f} | "
                    f"{s.inflesz:7.1f}{flag}")
    if scores:
        med = statistics.median(s.inflesz for s in scores)
        flag = f"  (under {MIN_MEDIAN_INFLESZ:.0f})" if med < MIN_MEDIAN_INFLESZ else ""
        rows.append(f"{'all Spanish pages: median':<28} | {sum(s.words for s in scores):>5} | "
                    f"{statistics.median(s.fernandez_huerta for s in scores):8.1f} | {med:7.1f}{flag}")
    else:
        rows.append("(no Spanish pages yet)")
    return "\n".join(rows)


def warnings(scores: list[SpanishScore], docs_dir: Path) -> list[str]:
    """One line per page under the per-page target (a report, not a failure)."""
    return [f"WARNING: {docs_dir.name}/{s.path.relative_to(docs_dir)}: INFLESZ {s.inflesz:.1f} is under "
            f"{MIN_PAGE_INFLESZ:.0f} (shorter sentences and shorter words help)"
            for s in scores if s.inflesz < MIN_PAGE_INFLESZ]
