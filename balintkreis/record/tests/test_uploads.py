"""A scan never touches the disk unencrypted (record/uploads.py)."""

from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, RequestFactory
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.record.models import OutsideEntry
from balintkreis.record.tests.factories import PDF_BYTES, OutsideEntryFactory
from balintkreis.record.tests.test_views import _form

MB = 1024 * 1024


def _pdf(size: int) -> SimpleUploadedFile:
    content = PDF_BYTES + b"0" * (size - len(PDF_BYTES))
    return SimpleUploadedFile("scan.pdf", content, content_type="application/pdf")


@pytest.fixture
def no_temporary_files():
    """Fails the test if Django creates a temporary upload file."""
    with mock.patch(
        "django.core.files.uploadedfile.tempfile.NamedTemporaryFile",
        side_effect=AssertionError("an upload was written to a temporary file"),
    ) as created:
        yield created


def test_the_guard_catches_djangos_default_handling(no_temporary_files):
    """Without the record's handler a 3 MB file would go to a temporary file."""
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE < 3 * MB
    request = RequestFactory().post("/", {"scan": _pdf(3 * MB)})
    with pytest.raises(AssertionError, match="temporary file"):
        request.FILES  # noqa: B018


def test_a_scan_above_the_memory_size_stays_in_memory(
    participant, participant_client, no_temporary_files
):
    response = participant_client.post(
        reverse("record:entry-create"), {**_form(), "scan": _pdf(3 * MB)}
    )
    assert response.status_code == 302
    entry = OutsideEntry.objects.get(user=participant)
    assert entry.document.filename == "scan.pdf"
    download = participant_client.get(reverse("record:entry-document", args=[entry.pk]))
    assert len(download.content) == 3 * MB
    assert not no_temporary_files.called


def test_a_too_large_scan_is_refused_in_german_and_the_input_kept(
    participant, participant_client, no_temporary_files, settings
):
    settings.RECORD_MAX_UPLOAD_MB = 3
    response = participant_client.post(
        reverse("record:entry-create"),
        {**_form(title="Balintgruppe Gera"), "scan": _pdf(3 * MB + 1)},
    )
    assertContains(
        response,
        "Die Datei ist größer als 3 MB. Bitte scannen Sie sie mit einer "
        "geringeren Auflösung.",
        status_code=422,
    )
    assertContains(response, 'value="Balintgruppe Gera"', status_code=422)
    assertContains(response, 'value="Praxis Muster"', status_code=422)
    assert not OutsideEntry.objects.exists()
    assert not no_temporary_files.called


def test_editing_keeps_the_scan_in_memory_too(
    participant, participant_client, no_temporary_files, settings
):
    settings.RECORD_MAX_UPLOAD_MB = 3
    entry = OutsideEntryFactory(user=participant)
    url = reverse("record:entry-edit", args=[entry.pk])
    refused = participant_client.post(url, {**_form(), "scan": _pdf(4 * MB)})
    assertContains(refused, "größer als 3 MB", status_code=422)
    saved = participant_client.post(url, {**_form(), "scan": _pdf(3 * MB)})
    assert saved.status_code == 302
    entry.refresh_from_db()
    assert entry.document.filename == "scan.pdf"
    assert not no_temporary_files.called


def test_the_upload_views_still_check_the_csrf_token(participant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(participant)
    response = client.post(reverse("record:entry-create"), _form())
    assert response.status_code == 403
    entry = OutsideEntryFactory(user=participant)
    response = client.post(reverse("record:entry-edit", args=[entry.pk]), _form())
    assert response.status_code == 403
    assert OutsideEntry.objects.count() == 1
    client.get(reverse("record:entry-create"))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(
        reverse("record:entry-create"),
        {**_form(), "scan": _pdf(1024), "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert OutsideEntry.objects.count() == 2
