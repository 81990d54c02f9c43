"""Issue 16: the clinic build in both languages: a clinic's name and phone appear on the
Spanish pages (contact box, care cards) and Spanish embeds, in Spanish words."""
from __future__ import annotations

from lxml import html

from sitebuild import build
from mildguide import translation as T
from test_i18n import spanish_copy


def test_clinic_name_and_phone_in_both_languages(project_copy):
    docs = project_copy / "docs"
    for old in docs.rglob("*.es.md"):
        old.unlink()
    spanish_copy(docs / "recovery.md", docs / "recovery.es.md", "Recuperación")
    T.stamp(docs)                       # a Spanish page with no stamp fails the build
    result = build(project_copy, config="mkdocs.clinic-example.yml")
    assert result.ok, result.output
    site = result.site
    for rel, lang in (("recovery/index.html", "en"), ("es/recovery/index.html", "es"),
                      ("es/embed/recovery/index.html", "es")):
        page = html.fromstring((site / rel).read_bytes())
        assert page.get("lang") == lang, rel
        box = page.xpath("string(//aside[@class='omg-clinic'])")
        assert "Example Spine Clinic (fictional)" in box and "555-0100" in box, rel
        words = ("Compartido con usted por", "Llame al") if lang == "es" else ("Shared with you by", "Call")
        assert all(w in box for w in words), (rel, box)
    spanish = html.fromstring((site / "es/recovery/index.html").read_bytes())
    urgent = spanish.xpath("string(//div[contains(concat(' ', @class, ' '), ' care-urgent ')]"
                           "/p[@class='omg-care-contact'])")
    assert urgent == ("Llame hoy a Example Spine Clinic (fictional) al 555-0100. Si no puede comunicarse con "
                      "ellos, vaya a un centro de atención de urgencias o a una sala de emergencias.")
