import factory

from balintkreis.accounts import registration
from balintkreis.accounts.models import Chamber, LeaderProfile, User


class ChamberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Chamber
        django_get_or_create = ("name",)

    name = "Landesärztekammer Thüringen"
    short_name = "LÄKTh"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Muster{n}")
    profession = User.Profession.PHYSICIAN
    password = factory.PostGenerationMethodCall("set_password", "geheim-genug-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def verified_email(obj, create, extracted, **kwargs):
        """allauth's mandatory verification: people in tests can log in.

        ``UserFactory(verified_email=False)`` leaves the address unconfirmed.
        """
        if create and extracted is not False:
            registration.confirm_email(obj)


class LeaderFactory(UserFactory):
    profile = factory.RelatedFactory(
        "balintkreis.accounts.tests.factories.LeaderProfileFactory",
        factory_related_name="user",
    )


class LeaderProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeaderProfile

    qualification = "Facharzt für Psychosomatische Medizin und Psychotherapie"
