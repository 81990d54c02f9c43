"""No English on a Spanish page (issue 25): the built es/ pages and embeds hold no English
sentence outside source titles (marked lang="en") and quotations, and the build's own check
(mildguide.site.english_check, built from each module's message catalogue) fails a build whose
module writes its English words onto a Spanish page, with file:line."""
from __future__ import annotations

import re
import subprocess
import sys

from lxml import html

from mildguide.site import english_check as E
from sitebuild import ROOT, mkdocs_env

# Words that only English uses (none is a Spanish word): a sentence with 2 or more of them and
# more of them than Spanish function words is English.
ENGLISH = set("the of and to is are was were with this that your you be have has not by on at from "
              "which what when who how does can will would should about our we they their these those "
              "page study source people".split())
SPANISH = set("el la los las de del y que en es son un una para con por su sus se no lo le al más "
              "esta este".split())
SKIP = {"script", "style", "svg", "code", "pre"}


def visible_sentences(tree):
    """Sentences of the page's visible text, without lang="en" parts and "quoted" words."""
    root = tree.getroot()
    # source titles (lang="en"; the table of contents links to them) and code stay as they are
    for el in root.xpath('//*[@lang="en"] | //a[starts-with(@href, "#source-")] | //' + " | //".join(SKIP)):
        if el.getparent() is not None:
            el.drop_tree()                    # keeps the text that follows it
    text = root.xpath("string(//body)")
    text = re.sub(r'"[^"\n]{0,200}"|“[^”\n]{0,200}”|https?://\S+', " ", text)
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", text):
        yield re.sub(r"\s+", " ", sentence).strip()


def is_english(sentence: str) -> bool:
    words = re.findall(r"[a-záéíóúñü']+", sentence.lower())
    en = sum(w in ENGLISH for w in words)
    return len(words) >= 4 and en >= 2 and en > sum(w in SPANISH for w in words)


def test_the_detector_tells_english_from_spanish():
    assert is_english("The source's numbers: 57% of 82 people.")
    assert is_english("In this study, about 6 of 100 people had surgery.")
    assert not is_english("En este estudio, unas 6 de cada 100 personas se operaron.")
    assert not is_english("Números de la fuente: 57% de 82 personas.")


def test_no_english_sentence_on_spanish_pages_and_embeds(site_dir):
    pages = sorted((site_dir / "es").rglob("*.html"))
    assert len([p for p in pages if "/embed/" in p.as_posix()]) > 20, "no Spanish embeds were built"
    found = []
    for path in pages:
        tree = html.parse(str(path))
        if tree.xpath("//aside[contains(@class, 'omg-i18n-fallback')]"):
            continue                # not translated yet: the English page, with a Spanish notice
        for sentence in visible_sentences(tree):
            if is_english(sentence):
                found.append(f"{path.relative_to(site_dir)}: {sentence[:120]}")
    assert not found, "\n".join(found[:40])


def test_check_finds_a_catalogue_piece_and_skips_lang_en():
    cats = [("m", {"en": {"k": "The source's numbers: {said}."}, "es": {"k": "Números de la fuente: {said}."}})]
    page = html.fromstring("<html><body><p>Texto.</p>\n<p>The source's numbers: 5.</p>"
                           "<p lang='en'>The source's numbers: 6.</p></body></html>")
    assert E.find(page.getroottree(), cats) == [(2, "m", "k", "The source's numbers")]
    spanish = html.fromstring("<html><body><p>Números de la fuente: 5.</p></body></html>")
    assert E.find(spanish.getroottree(), cats) == []


def test_check_matches_whole_words_and_whole_one_word_texts_in_catalogue_order():
    """The compiled pieces (mildguide.site.english_check.Pieces) find what a plain loop over
    every piece finds: a piece of several words only between word boundaries, a one-word piece
    only as a whole text, each entry once, in catalogue order within a text."""
    cats = [("m", {"en": {"a": "Print", "b": "Open the page", "c": "the page"},
                   "es": {"a": "Imprimir", "b": "Abrir la página", "c": "la página"}})]
    page = html.fromstring("<html><body><p>Print.</p><p>Printing here</p><p>Reopen the pages</p>"
                           "<p>Open the page, then the page</p><p>Print</p></body></html>")
    assert E.find(page.getroottree(), cats) == [(1, "m", "a", "Print"), (1, "m", "b", "Open the page"),
                                                (1, "m", "c", "the page")]


MUTATED_BUILD = """
import sys
import mildguide.page.icon_array as m
m.MESSAGES["es"] = dict(m.MESSAGES["es"], numbers=m.MESSAGES["en"]["numbers"])   # the mutation
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "--strict", "--site-dir", sys.argv[1]]
cli()
"""


def test_build_fails_when_a_module_writes_english_on_a_spanish_page(tmp_path):
    """Mutation: the icon array's Spanish "numbers" entry set back to the English words. The
    build must fail naming the Spanish page, the built file and line, and the catalogue."""
    proc = subprocess.run([sys.executable, "-c", MUTATED_BUILD, str(tmp_path / "site")], cwd=ROOT,
                          env=mkdocs_env(), capture_output=True, text=True)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out[-2000:]
    assert re.search(r"docs/other-treatments\.es\.md: built site/es/other-treatments/index\.html:\d+: "
                     r"English text on a Spanish page: 'The source's numbers' comes from "
                     r"mildguide\.page\.icon_array MESSAGES\['numbers'\]", out), out[-3000:]
