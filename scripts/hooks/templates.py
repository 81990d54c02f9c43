"""MkDocs hook: reuse compiled theme templates across builds in one process (mildguide.templatecache)."""
from __future__ import annotations

from mildguide.templatecache import CACHE


def on_env(env, config, files):
    env.bytecode_cache = CACHE
    return env
