"""A YAML mistake in mkdocs.yml, in plain words with its line (issue 23 §5).

MkDocs reports it in parser language ("while parsing a block mapping … expected <block end>,
but found '-'"), with a line and column but no fix. The nav is the part of mkdocs.yml every
new contributor edits, so the usual slips get a plain message: `mkdocs.yml:LINE: what to do`.
scripts/build.py and scripts/serve.py check the config with `problem()` before MkDocs reads it.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

INDENT = ("check the indentation: this line does not line up with the lines above it. In nav:, the "
          "entries of one section start in the same column, 2 spaces further in than the section's "
          "own line, each with '- ' (use spaces, never tabs)")
ADVICE = [
    ("mapping values are not allowed", "a ': ' inside a title or value: put it in quotes, like "
                                       "- \"Is it stenosis? Other causes: a list\": page.md"),
    ("expected <block end>", INDENT),
    ("did not find expected '-' indicator", INDENT),
    ("did not find expected key", INDENT),
    ("found character '\\t'", "a tab: indent with spaces only"),
    ("found a tab character", "a tab: indent with spaces only"),
    ("found unexpected end of stream", "a quote (\" or ') is opened and never closed"),
    ("did not find expected alphabetic or numeric character", "a title starting with * or & needs quotes"),
    ("found undefined alias", "a title starting with * needs quotes"),
    ("while scanning a quoted scalar", "a quote (\" or ') is opened and never closed"),
]


def problem(config_file: str | Path) -> str | None:
    """`mkdocs.yml:LINE: plain words` for a YAML syntax error in the config, else None."""
    path = Path(config_file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None                 # MkDocs says it (a missing file) or the UTF-8 check does
    try:
        for _ in yaml.compose_all(text, Loader=yaml.SafeLoader):    # tags (!ENV …) need no constructor here
            pass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        what = " ".join(filter(None, [error.context, error.problem]))
        fix = next((advice for key, advice in ADVICE if key in what), None) or \
            f"this is not valid YAML ({error.problem}): compare this line with the lines around it"
        label = os.path.relpath(path, os.getcwd()) if path.is_absolute() else str(path)
        if label.startswith(".."):
            label = path.name
        return f"{label}:{mark.line + 1 if mark else 1}: {fix}"
    except yaml.YAMLError as error:
        return f"{path.name}:1: this is not valid YAML ({error})"
    return None
