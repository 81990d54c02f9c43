"""Values from config reach HTML escaped (issue 15 §1): a build whose site_name and every
text field of extra.clinic hold markup must not grow an attribute or element from them."""
from __future__ import annotations

import json

from lxml import html

from sitebuild import build, copy_project

ATTACK = 'X" onmouseover="alert(1)" data-omg-injected="<script>alert(2)</script><b data-omg-injected>'
HOSTILE = f"""INHERIT: mkdocs.yml
site_name: 'MILD guide {ATTACK}'
extra:
  clinic:
    name: 'Clinic {ATTACK}'
    phone: 555-0100
    booking_url: 'https://clinic.example.org/book?a="><script>alert(3)</script>'
    site_title: 'Title {ATTACK}'
    note: 'Note {ATTACK}'
"""


def test_hostile_site_name_and_clinic_fields_are_escaped_everywhere(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "mkdocs.hostile.yml").write_text(HOSTILE)
    result = build(project, config="mkdocs.hostile.yml")
    assert result.ok, result.output
    pages = sorted(result.site.rglob("*.html"))
    assert len(pages) > 20
    shown = 0
    for path in pages:
        tree = html.fromstring(path.read_bytes())
        where = path.relative_to(result.site)
        assert not tree.xpath("//@onmouseover | //@data-omg-injected"), f"{where}: injected attribute"
        for script in tree.xpath("//script"):
            if script.get("type") == "application/ld+json":   # data, not code: must stay valid JSON
                json.loads(script.text)
            else:
                assert "alert(" not in (script.text or ""), f"{where}: injected script"
        assert not tree.xpath("//b[@data-omg-injected]"), f"{where}: injected element"
        shown += tree.text_content().count('onmouseover="alert(1)"')
    assert shown > 0, "the hostile text should still be shown to readers, as text"
