"""Spanish syllable count, by rule (issue 25): textstat's Spanish count comes from pyphen's
hyphenation points, which never split off a one-letter syllable nor most vowel pairs said as
two syllables, so it counts "día" and "agua" as one syllable and scores pages too easy.

A syllable has one vowel nucleus. Two vowels next to each other share a nucleus (a diphthong,
or a triphthong with a third) when one of them is an unstressed weak vowel (i, u, ü, and a
final y): "agua", "ciudad", "buey". Two strong vowels (a, e, o) are two syllables (hiatus:
"aéreo"), and so is an accented í or ú next to any vowel ("día", "país", "reír"). The u of
"que", "qui", "gue", "gui" is silent; an h is a consonant ("ahora" has 3). A y before a vowel
is a consonant ("ayer"); elsewhere it is the vowel i ("y", "hoy", "muy"). Pure functions.
"""
from __future__ import annotations

import re

STRONG = set("aeoáéóàèò")
ACCENTED_WEAK = set("íúìù")
WEAK = set("iuü")
WORD = re.compile(r"[^\W\d_]+")


def _kinds(word: str) -> list[str]:
    """One class per letter: S strong vowel, A accented í/ú, W weak vowel, C consonant."""
    w = re.sub(r"([qg])u(?=[eiéí])", r"\1", word.casefold())      # que, qui, gue, gui
    out = []
    for i, ch in enumerate(w):
        if ch in STRONG:
            out.append("S")
        elif ch in ACCENTED_WEAK:
            out.append("A")
        elif ch in WEAK:
            out.append("W")
        elif ch == "y":
            nxt = w[i + 1] if i + 1 < len(w) else ""
            vowel_next = nxt in STRONG or nxt in ACCENTED_WEAK or nxt in WEAK
            out.append("C" if vowel_next and i + 1 < len(w) else "W")
        else:
            out.append("C")
    return out


def count(word: str) -> int:
    """Syllables in one Spanish word (0 for a word with no vowel)."""
    n, prev = 0, "C"
    for kind in _kinds(word):
        if kind != "C":
            joins = prev != "C" and "A" not in (prev, kind) and "W" in (prev, kind)
            if not joins:
                n += 1
        prev = kind
    return n


def words(text: str) -> list[str]:
    """The words of `text` that have letters (numbers and symbols are left out)."""
    return WORD.findall(text)


def per_word(text: str) -> float:
    """Average syllables per word over the words with letters; 0 for none."""
    found = words(text)
    return sum(count(w) for w in found) / len(found) if found else 0.0
