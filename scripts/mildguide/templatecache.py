"""Compiled theme templates, kept in memory for the life of the process.

MkDocs makes a new Jinja environment for every build, so each build compiles Material's
templates again: twice per `mkdocs build` (the Spanish edition is a second build) and twice
per `make serve` rebuild. Jinja's bytecode cache keys each template by name and checks the
source's checksum, so an edited template (overrides/) is compiled afresh and nothing stale
is ever served. Attached by scripts/hooks/templates.py (on_env).
"""
from __future__ import annotations

import jinja2


class MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)     # ignored when the checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


CACHE = MemoryBytecodeCache()
