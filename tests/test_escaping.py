"""Values from config reach HTML escaped (issue 15 §1): a build whose site_name and every
field of extra.clinic that can hold text (name, booking_url, site_title, note, reviewer
name; phone, logo and the addresses refuse markup, tested below) hold markup must not grow an
attribute or element from them."""
from __future__ import annotations

import json

from lxml import html

from sitebuild import build, copy_project

ATTACK = 'X" onmouseover="alert(1)" data-omg-injected="<script>alert(2)</script><b data-omg-injected>'
LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#fff"/></svg>'
HOSTILE = f"""INHERIT: mkdocs.yml
site_name: 'MILD guide {ATTACK}'
extra:
  clinic:
    name: 'Clinic {ATTACK}'
    phone: 555-0142
    booking_url: 'https://clinic.example.org/book?a=%22%3E%3Cscript%3Ealert(3)%3C/script%3E&b=1'
    site_title: 'Title {ATTACK}'
    note: 'Note {ATTACK}'
    logo: 'assets/logo-hostile.svg'
    primary: '#0b5d4b'
    reviewer:
      name: 'Dr. {ATTACK}'
      date: '2026-11-01'
    report_url: 'mailto:x@example.org?subject=%22%3E%3Cscript%3Ealert(4)&b=1'
    repo_url: 'https://git.example.org/clinic'
    edit_uri: 'edit/main/docs/'
"""


def test_hostile_site_name_and_clinic_fields_are_escaped_everywhere(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "mkdocs.hostile.yml").write_text(HOSTILE)
    (project / "docs" / "assets" / "logo-hostile.svg").write_text(LOGO)
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


def test_addresses_material_writes_unescaped_are_refused(tmp_path):
    """Material writes the edit link's href and the logo's src unescaped, so the profile check
    refuses markup there (a file name may hold a quote)."""
    import pytest

    from mildguide import clinic as K
    for field, bad in [("booking_url", 'https://c.example.org/book?x="><script>alert(3)</script>'),
                       ("booking_url", "https://c.example.org/book?x='a'"),
                       ("report_url", 'mailto:x@example.org?subject="><script>alert(4)</script>'),
                       ("report_url", "https://c.example.org/report?from=<b>")]:
        with pytest.raises(K.ClinicError, match=f"{field}: .* without spaces, quotes or angle brackets"):
            K.validate({"name": "C", field: bad}, None, str(tmp_path))
    with pytest.raises(K.ClinicError, match="repo_url: .* must be an https:// address"):
        K.validate({"name": "C", "repo_url": 'https://git.example.org/x"><script>alert(5)</script>'},
                   None, str(tmp_path))
    name = 'logo x" onmouseover="alert(1).svg'
    (tmp_path / name).write_text(LOGO)
    with pytest.raises(K.ClinicError, match="logo: .* may hold only letters, digits"):
        K.validate({"name": "C", "logo": name}, None, str(tmp_path))
