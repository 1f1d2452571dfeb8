import datetime

import factory

from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.core.regions import Region
from balintkreis.mentoring.models import (
    FaqCategory,
    FaqEntry,
    Format,
    MentoringRequest,
    MentoringSession,
    MentorProfile,
    Mentorship,
    Topic,
)


def ensure_topics():
    """The topics come from a data migration; transactional tests flush them."""
    for position, code in enumerate(Topic.Code.values):
        Topic.objects.get_or_create(code=code, defaults={"position": position})


class MentorProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorProfile
        skip_postgeneration_save = True

    user = factory.SubFactory(LeaderFactory)
    biography = "Leite seit zehn Jahren eine Balintgruppe."
    years_leading = 10
    region = Region.TH
    city = "Jena"
    mode = MentorProfile.Mode.BOTH
    max_mentees = 2
    is_listed = True

    @factory.post_generation
    def topics(obj, create, extracted, **kwargs):
        if create:
            codes = extracted if extracted is not None else ["acquisition", "billing"]
            obj.topics.set(Topic.objects.filter(code__in=codes))


class MentoringRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringRequest
        skip_postgeneration_save = True

    mentee = factory.SubFactory(UserFactory)
    mentor = factory.SubFactory(LeaderFactory)
    situation = MentoringRequest.Situation.NEW
    message = "Ich plane meine erste Gruppe."

    class Params:
        accepted = factory.Trait(status=MentoringRequest.Status.ACCEPTED)


class MentorshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mentorship

    request = factory.SubFactory(MentoringRequestFactory, accepted=True)
    mentor = factory.SelfAttribute("request.mentor")
    mentee = factory.SelfAttribute("request.mentee")
    started_on = datetime.date(2026, 9, 1)


class MentoringSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentoringSession

    mentorship = factory.SubFactory(MentorshipFactory)
    held_on = datetime.date(2026, 9, 15)
    format = Format.ONLINE
    duration_minutes = 60
    notes = "Ausschreibung besprochen."
    is_free = True


class FaqCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqCategory
        django_get_or_create = ("slug",)

    name = "Abrechnung"
    slug = "abrechnung"


class FaqEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FaqEntry

    category = factory.SubFactory(FaqCategoryFactory)
    question = factory.Sequence(lambda n: f"Frage {n}?")
    answer = "Eine **klare** Antwort."
