import pytest
from django.urls import reverse

from balintkreis.mentoring import faq
from balintkreis.mentoring.models import FaqEntry
from balintkreis.mentoring.tests.factories import FaqEntryFactory

URL = reverse("mentoring:faq")


def test_markdown_is_rendered_and_sanitised():
    html = faq.render_answer(
        "**fett** <script>alert(1)</script> [Link](javascript:alert(1)) "
        "[Kammer](https://example.org)"
    )
    assert "<strong>fett</strong>" in html
    assert "<script>" not in html
    assert "javascript:" not in html
    assert 'href="https://example.org"' in html


@pytest.mark.django_db
def test_anonymous_sees_public_entries_only(client):
    FaqEntryFactory(question="Öffentliche Frage?")
    FaqEntryFactory(question="Interne Frage?", visibility=FaqEntry.Visibility.MEMBERS)
    FaqEntryFactory(question="Entwurf?", is_published=False)

    html = client.get(URL).content.decode()

    assert "Öffentliche Frage?" in html
    assert "Interne Frage?" not in html
    assert "Entwurf?" not in html
    assert "<strong>klare</strong>" in html


def test_members_see_members_only_entries(participant_client):
    FaqEntryFactory(question="Interne Frage?", visibility=FaqEntry.Visibility.MEMBERS)
    assert "Interne Frage?" in participant_client.get(URL).content.decode()


@pytest.mark.django_db
def test_search_matches_question_and_answer(client):
    FaqEntryFactory(question="Wie rechne ich ab?", answer="Quartalsweise.")
    FaqEntryFactory(question="Welcher Raum?", answer="Ein ruhiger Raum.")

    by_question = client.get(URL, {"q": "rechne"}).content.decode()
    by_answer = client.get(URL, {"q": "ruhiger"}).content.decode()
    nothing = client.get(URL, {"q": "Hubschrauber"}).content.decode()

    assert "Wie rechne ich ab?" in by_question
    assert "Welcher Raum?" not in by_question
    assert "Welcher Raum?" in by_answer
    assert "Keine Antwort enthält „Hubschrauber“" in nothing


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [3, 30])
def test_faq_query_count_is_constant(client, django_assert_num_queries, rows):
    FaqEntryFactory.create_batch(rows)
    # entries joined with their category
    with django_assert_num_queries(1):
        client.get(URL, {"q": "Frage"})


@pytest.mark.django_db
def test_seed_is_german_and_idempotent():
    created = faq.load_seed()
    assert created >= 12
    assert faq.load_seed() == 0
    slugs = set(FaqEntry.objects.values_list("category__slug", flat=True))
    assert {
        "gruendung",
        "anerkennung",
        "abrechnung",
        "raeume",
        "online",
        "mentoring",
    } <= slugs
    assert FaqEntry.objects.filter(visibility="members").exists()
