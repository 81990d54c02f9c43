"""A Markdown file must be UTF-8: one file:line message instead of a decoding traceback."""
from __future__ import annotations

import os

from .problems import Problem


def check_utf8(path: str, config_file: str | None = None) -> Problem | None:
    """A Problem naming the line of the first byte that is not UTF-8, or None."""
    data = open(path, "rb").read()
    try:
        data.decode("utf-8")
        return None
    except UnicodeDecodeError as error:
        base = os.path.dirname(os.path.abspath(config_file or "mkdocs.yml"))
        label = os.path.relpath(path, base).replace(os.sep, "/")
        line = data.count(b"\n", 0, error.start) + 1
        return Problem(label, line, f"this file is not UTF-8 text (byte 0x{data[error.start]:02x}, "
                       "often a curly quote or accent from a word processor): save the file as UTF-8")
