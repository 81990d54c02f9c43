"""Issue 26 §2: safe clinic templates. mkdocs.clinic-template.yml INHERITs the guide itself;
the fictional example's values (mkdocs.clinic-example.yml, the one place they live) stop any
other clinic build that still carries one, naming the field and the line."""
from __future__ import annotations

import datetime as dt
import shutil

import pytest
import yaml

from mildguide import clinic as K
from sitebuild import ROOT, build, copy_project

EXAMPLE = yaml.safe_load((ROOT / K.EXAMPLE).read_text())["extra"]["clinic"]


def test_template_inherits_the_guide_and_documents_every_field():
    text = (ROOT / "mkdocs.clinic-template.yml").read_text()
    assert yaml.safe_load(text)["INHERIT"] == "mkdocs.yml"
    for field in K.FIELDS:
        assert f"# {field}:" in text or f"    {field}:" in text, f"{field} is not in the template"
    assert not set(yaml.safe_load(text)["extra"]["clinic"]) - {"name"}      # all else commented


def _config(tmp_path, text: str):
    """A config file next to a copy of the example (where a clinic's config sits)."""
    shutil.copy(ROOT / K.EXAMPLE, tmp_path / K.EXAMPLE)
    path = tmp_path / "mkdocs.mine.yml"
    path.write_text(text)
    return path


@pytest.mark.parametrize("field", [f for f in EXAMPLE if f not in K.NOT_FICTION])
def test_an_inherited_fictional_value_stops_the_build(tmp_path, field):
    """MkDocs deep-merges `extra`: a config that INHERITs the example and sets only its name
    keeps the rest. Each leftover field is named, with its line in the example."""
    config = _config(tmp_path, f"INHERIT: {K.EXAMPLE}\nextra:\n  clinic:\n    name: Real Clinic\n")
    profile = {"name": "Real Clinic", field: EXAMPLE[field]}
    if field == "name":
        profile["name"] = EXAMPLE["name"]
    with pytest.raises(K.ClinicError) as error:
        K.validate(profile, str(config), str(ROOT / "docs"))
    message = str(error.value)
    line = next(n for n, t in enumerate((ROOT / K.EXAMPLE).read_text().splitlines(), 1)
                if t.strip().startswith(f"{field}:"))
    assert f"extra.clinic.{field}" in message and "fictional example" in message, message
    assert (f"mkdocs.mine.yml:" in message if field == "name" else
            f"inherited from {K.EXAMPLE}:{line}" in message), message


def test_a_copied_fictional_value_is_named_at_its_own_line(tmp_path):
    text = (ROOT / K.EXAMPLE).read_text().replace("name: Example Spine Clinic (fictional)", "name: Real Clinic")
    config = _config(tmp_path, text)
    raw = yaml.safe_load(text)["extra"]["clinic"]
    with pytest.raises(K.ClinicError) as error:
        K.validate(raw, str(config), str(ROOT / "docs"))
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.strip().startswith("phone:"))
    assert f"mkdocs.mine.yml:{line}: extra.clinic.phone" in str(error.value)


def test_the_example_itself_and_a_clinic_of_its_own_build_checks(tmp_path):
    config = _config(tmp_path, "x: 1\n")
    K.validate(dict(EXAMPLE), str(tmp_path / K.EXAMPLE), str(ROOT / "docs"))      # the example: allowed
    own = {"name": "Real Clinic", "phone": "(608) 555-0142", "primary": EXAMPLE["primary"],
           "reviewer": {"name": "Dr. Real Person, MD", "date": "2026-10-01"}}
    assert K.validate(own, str(config), str(ROOT / "docs"))["name"] == "Real Clinic"


def test_a_reviewer_needs_a_past_date_and_a_name():
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    for reviewer, words in [({"name": "Dr. A", "date": tomorrow}, "in the future"),
                            ({"date": "2026-10-01"}, "needs 'name'")]:
        with pytest.raises(K.ClinicError, match=words):
            K.validate({"name": "Real Clinic", "reviewer": reviewer}, None, str(ROOT / "docs"))


def test_inheriting_the_example_stops_the_real_build_and_leaves_no_site(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "mkdocs.min.yml").write_text(
        f"INHERIT: {K.EXAMPLE}\nextra:\n  clinic:\n    name: Real Clinic\n    phone: (608) 555-0142\n")
    result = build(project, config="mkdocs.min.yml")
    assert not result.ok
    assert f"mkdocs.min.yml (inherited from {K.EXAMPLE}:" in result.output
    assert "extra.clinic.booking_url" in result.output and "belongs to the fictional example" in result.output
    assert not (project / "site" / "index.html").exists()
    # the template, once named, builds
    (project / "mkdocs.clinic.yml").write_text((project / "mkdocs.clinic-template.yml").read_text()
                                               .replace('name: ""', "name: Real Clinic"))
    result = build(project, config="mkdocs.clinic.yml")
    assert result.ok, result.output
    assert b"Real Clinic" in (result.site / "index.html").read_bytes()
    assert b"fictional" not in (result.site / "recovery/index.html").read_bytes()


def test_the_unfilled_template_stops_on_the_name(tmp_path):
    project = copy_project(tmp_path / "project")
    result = build(project, config="mkdocs.clinic-template.yml")
    assert not result.ok and "mkdocs.clinic-template.yml:" in result.output
    assert "extra.clinic.name: missing" in result.output or "extra.clinic.name: is empty" in result.output
