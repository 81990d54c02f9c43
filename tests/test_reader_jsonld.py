"""Issue 7.6: schema.org JSON-LD on every page parses and uses the types correctly —
MedicalWebPage on every page (matching its title, description, canonical URL and review date),
FAQPage on the FAQ with one Question per FAQ heading."""
from __future__ import annotations

import json
import re
from urllib.parse import urljoin

from lxml import html
from mildguide.i18n import lang_of_url

from readerkit import page_paths, site_base
from test_reader_findable import front_matter, source_for

# Properties schema.org defines for these types (WebPage/CreativeWork/Thing and the Q&A types)
# that a page here might use; anything else is most likely a typo.
ALLOWED = {
    "MedicalWebPage": {"@context", "@type", "@id", "name", "headline", "description", "url",
                       "inLanguage", "isPartOf", "lastReviewed", "reviewedBy", "about",
                       "audience", "medicalAudience", "specialty", "mainEntity", "datePublished",
                       "dateModified", "citation", "publisher", "author", "license",
                       "mainContentOfPage", "breadcrumb", "keywords"},
    "FAQPage": {"@context", "@type", "@id", "name", "description", "url", "inLanguage",
                "isPartOf", "mainEntity", "lastReviewed", "about"},
    "Question": {"@type", "@id", "name", "text", "url", "acceptedAnswer", "answerCount"},
    "Answer": {"@type", "@id", "text", "url", "citation"},
    "WebSite": {"@type", "@id", "name", "url", "inLanguage", "publisher"},
}


def blocks(doc) -> list[dict]:
    out = []
    for script in doc.xpath('//script[@type="application/ld+json"]'):
        data = json.loads(script.text)                # must parse
        for item in (data.get("@graph", [data]) if isinstance(data, dict) else data):
            out.append(item)
    return out


def check_properties(item: dict, where: str) -> None:
    kind = item.get("@type")
    assert kind in ALLOWED, f"{where}: unexpected schema.org type {kind!r}"
    unknown = set(item) - ALLOWED[kind]
    assert not unknown, f"{where}: {kind} has properties schema.org does not define: {unknown}"
    for value in item.values():
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, dict) and "@type" in child:
                check_properties(child, where)


def test_every_page_has_a_correct_medical_web_page(site_dir):
    base = site_base(site_dir)
    for path in page_paths(site_dir):
        doc = html.parse(str(site_dir / path / "index.html")).getroot()
        items = blocks(doc)
        assert items, f"{path or '/'}: no JSON-LD"
        for item in items:
            assert item.get("@context") in ("https://schema.org", "https://schema.org/"), item
            check_properties(item, path or "/")
        pages = [i for i in items if i["@type"] == "MedicalWebPage"]
        assert len(pages) == 1, f"{path or '/'}: {len(pages)} MedicalWebPage blocks"
        page, meta = pages[0], front_matter(source_for(path))
        assert page["name"] == str(meta["title"]).strip()
        assert page["description"] == doc.xpath('//meta[@name="description"]/@content')[0]
        assert page["url"] == base + path
        assert page["lastReviewed"] == str(meta["reviewed"])
        assert page.get("inLanguage", "en").startswith(lang_of_url(path))


def faq_topic(path: str) -> bool:
    """A one-topic FAQ page (faq/topic-cost/, es/faq/topic-cost/); the hub faq/ holds no answers."""
    return re.fullmatch(r"(es/)?faq/topic-[a-z0-9-]+/", path) is not None


def test_each_faq_topic_page_lists_its_questions_as_faqpage(site_dir):
    topics = 0
    for path in page_paths(site_dir):
        doc = html.parse(str(site_dir / path / "index.html")).getroot()
        faqs = [i for i in blocks(doc) if i["@type"] == "FAQPage"]
        if not faq_topic(path):
            assert not faqs, f"{path or '/'}: FAQPage outside the FAQ topic pages"
            continue
        topics += 1
        assert len(faqs) == 1
        questions = faqs[0]["mainEntity"]
        headings = [h.text_content().replace("¶", "").strip()
                    for h in doc.xpath('//div[contains(@class,"md-content")]//h2[starts-with(@id, "faq-")]')]
        assert headings and [q["name"] for q in questions] == headings
        ids = set(doc.xpath("//@id"))
        for q in questions:
            assert q["@type"] == "Question" and q["acceptedAnswer"]["@type"] == "Answer"
            assert len(q["acceptedAnswer"]["text"]) > 20, q
            assert q["url"].startswith(site_base(site_dir) + path + "#"), q["url"]
            assert q["url"].split("#")[1] in ids, q["url"]
    assert topics >= 20, "the FAQ topic pages (both languages) were not found"


def test_faq_hub_keeps_each_question_id_as_a_link_to_its_answer(site_dir):
    """An old address such as faq/#faq-awake still lands on the question, which links to the
    topic page that answers it (and lists it in its FAQPage)."""
    for hub in ("faq/", "es/faq/"):
        doc = html.parse(str(site_dir / hub / "index.html")).getroot()
        links = doc.xpath('//div[contains(@class,"md-content")]//a[starts-with(@id, "faq-")]')
        assert len(links) >= 40, hub
        for a in links:
            page, _, anchor = urljoin(hub, a.get("href")).partition("#")
            assert anchor == a.get("id") and faq_topic(page), (hub, a.get("href"))
            target = html.parse(str(site_dir / page / "index.html")).getroot()
            assert target.xpath(f'//h2[@id="{anchor}"]'), (hub, a.get("href"))
            urls = {q["url"] for b in blocks(target) if b["@type"] == "FAQPage" for q in b["mainEntity"]}
            assert site_base(site_dir) + page + "#" + anchor in urls
