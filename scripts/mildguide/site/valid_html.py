"""Valid HTML from Material's base.html, which no partial can override.

base.html writes its two hidden toggles (the drawer and search checkboxes) with
`autocomplete="off"`, an attribute HTML allows on text-like inputs only, so the W3C checker
(vnu) reports it on every page. Material adds it so that Firefox does not restore a ticked
toggle on reload: without it, Firefox may reopen the menu or search after a reload (Material
closes both at the next navigation). That is the whole cost of valid HTML here. Every other invalid attribute is fixed in its partial (overrides/partials/).
"""
from __future__ import annotations

import re

# Exactly Material's two toggles: a clinic's own checkbox is not touched.
_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" '
                     r'id="__(?:drawer|search)") autocomplete="off">')


def drop_toggle_autocomplete(html: str) -> str:
    return _TOGGLE.sub(r"\1>", html)
