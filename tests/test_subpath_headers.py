"""`_headers` under a sub-path (issue 15): a build whose site_url is /guides/mild/ writes its
rules for that path, never for `/` or `/embed/*`."""
from __future__ import annotations

import pytest

from clinicbuild import clinic_build
from mildguide.site.headers import base_path, header_rule, parse_headers


@pytest.fixture(scope="module")
def clinic_site(tmp_path_factory, worker_id):
    return clinic_build(tmp_path_factory, worker_id)


def test_rules_start_at_the_site_url_path(clinic_site):
    text = (clinic_site / "_headers").read_text()
    patterns = [p for p, _ in parse_headers(text)]
    assert patterns[0] == "/guides/mild/*"
    assert "/guides/mild/" in patterns and "/guides/mild/embed/*" in patterns
    outside = [p for p in patterns if not p.startswith("/guides/mild/")]
    assert not outside, outside


def test_served_at_its_sub_path_embeds_alone_may_be_framed(clinic_site):
    rule = header_rule((clinic_site / "_headers").read_text(), base="/")   # as the host matches
    for path, ancestors in [("/guides/mild/", "'self'"), ("/guides/mild/recovery/", "'self'"),
                            ("/guides/mild/embed/recovery/", "*"),
                            ("/guides/mild/embed/faq/topic-cost/", "*")]:
        headers = rule(path)
        csp = headers.get("Content-Security-Policy", "")
        assert f"frame-ancestors {ancestors}" in csp, (path, csp)
        assert headers.get("X-Content-Type-Options") == "nosniff", path
    # nothing of this site is claimed at the host's root
    assert rule("/") == {} and rule("/embed/recovery/") == {}


def test_the_real_build_uses_its_own_site_url_path(site_dir):
    text = (site_dir / "_headers").read_text()
    assert parse_headers(text)[0][0] == "/guide/*"      # site_url https://open-mild-guide.github.io/guide/


@pytest.mark.parametrize("url, path", [
    ("", "/"), ("https://example.org", "/"), ("https://example.org/", "/"),
    ("https://example.org/patient-education/mild", "/patient-education/mild/"),
    ("https://example.org/patient-education/mild/", "/patient-education/mild/"),
])
def test_base_path(url, path):
    assert base_path(url) == path


def test_a_site_url_path_no_rule_can_hold_is_refused():
    with pytest.raises(ValueError):
        base_path("https://example.org/a*b/")
