"""The Spanish syllable count (mildguide.reports.syllables_es) against words counted by hand
(issue 25: textstat counts "día" and "agua" as one syllable)."""
from __future__ import annotations

import pytest

from mildguide.reports import syllables_es as S

# Counted by hand, syllables separated: día (dí-a), agua (a-gua), país (pa-ís), ...
HAND_COUNTED = {
    # hiatus with an accented weak vowel
    "día": 2, "país": 2, "reír": 2, "reúne": 3, "oído": 3, "caída": 3, "radiografía": 5, "maíz": 2,
    # hiatus of two strong vowels
    "aéreo": 4, "poeta": 3, "creer": 2, "reacción": 3, "anticoagulante": 7, "aorta": 3,
    # diphthongs and triphthongs
    "agua": 2, "ciudad": 2, "cuidado": 3, "emergencias": 4, "náuseas": 3, "Europa": 3,
    "fisioterapia": 5, "veintiséis": 3, "construir": 2, "buey": 1, "Paraguay": 3,
    # h is a consonant
    "ahora": 3, "huevo": 2, "prohíbe": 3, "ahí": 2,
    # silent u, and ü
    "que": 1, "guerra": 2, "aquí": 2, "pingüino": 3,
    # y
    "y": 1, "hoy": 1, "muy": 1, "ley": 1, "ayer": 2, "inyección": 3,
    # everyday words of the guide
    "sedación": 3, "estenosis": 4, "lumbar": 2, "columna": 3, "médico": 3, "acetaminofén": 6,
    "también": 2, "clave": 2, "piernas": 2, "cirugía": 4, "medicina": 4, "sangre": 2,
}


@pytest.mark.parametrize("word, syllables", sorted(HAND_COUNTED.items()))
def test_hand_counted_words(word, syllables):
    assert S.count(word) == syllables


def test_per_word_ignores_numbers_and_symbols():
    assert S.words("El 5.6% de 143 personas: día.") == ["El", "de", "personas", "día"]
    assert S.per_word("día agua") == 2.0
    assert S.per_word("123") == 0.0
