import datetime

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.record.models import ChosenTarget, OutsideEntry

# The smallest valid PDF header is enough for the upload check.
PDF_BYTES = b"%PDF-1.4\n% Bescheinigung\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class OutsideEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutsideEntry
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    kind = OutsideEntry.Kind.GROUP
    started_on = datetime.date(2024, 1, 15)
    ended_on = datetime.date(2024, 9, 15)
    double_sessions = 15
    title = "Balintgruppe Dr. Muster, Erfurt"
    leader_name = "Dr. med. Max Muster"
    leader_recognition = "DBG-anerkannt"
    organiser = "Praxis Muster"

    class Params:
        confirmed = factory.Trait(status=OutsideEntry.Status.CONFIRMED)

    @factory.post_generation
    def scan(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """``OutsideEntryFactory(scan=True)`` attaches an encrypted scan."""
        if create and extracted:
            from balintkreis.record import documents

            documents.store(
                self,
                SimpleUploadedFile(
                    "scan.pdf", PDF_BYTES, content_type="application/pdf"
                ),
            )


class ChosenTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChosenTarget

    user = factory.SubFactory(UserFactory)
    key = "psgv"
