"""The shared copy of page-local mistakes (tests/pagemistakes.py) proves what grouping them
needs: each planted mistake gives its own messages once, at its own file:line, and nothing
else; the same copy without them builds clean. Each mistake's own test (in test_trust.py,
test_warning_signs.py, test_decision_aid.py) fails when its check stops catching it."""
from __future__ import annotations

import re

from pagemistakes import PLANTED, assert_caught, problems


def test_every_planted_mistake_is_caught_once_at_its_own_line(page_mistakes):
    result, expects = page_mistakes
    assert sorted(expects) == sorted(PLANTED)
    for name in PLANTED:
        assert_caught(page_mistakes, name)
    for name, expect in expects.items():
        others = {f for n, e in expects.items() if n != name for f, _, _ in e}
        assert not {f for f, _, _ in expect} & others, f"{name} shares a file with another mistake"
    # An edited English page makes its Spanish page stale, and a stale page's structure is not
    # compared: no planted Spanish page may have an edited English page.
    files = {f for e in expects.values() for f, _, _ in e}
    assert not {f.replace(".es.md", ".md") for f in files if f.endswith(".es.md")} & files


def test_the_build_says_nothing_but_the_planted_mistakes(page_mistakes):
    """No message about another file or line: a mistake that changed another page's checks
    (or stopped the build before some pages were read) would show here."""
    result, expects = page_mistakes
    wanted = {f"{f}:{n}:" for e in expects.values() for f, n, _ in e}
    shown = problems(result.output)
    others = [l for l in shown if not any(w in l for w in wanted)]
    assert not others, "\n".join(others)
    assert len(shown) == len(wanted), "\n".join(shown)
    summary = re.search(r"Aborted with (\d+) errors?, (\d+) warnings? in strict mode!", result.output)
    assert summary and int(summary.group(1)) + int(summary.group(2)) == len(wanted), result.output


def test_the_same_copy_without_the_mistakes_builds_clean(unmodified_copy):
    assert unmodified_copy.ok, unmodified_copy.output
