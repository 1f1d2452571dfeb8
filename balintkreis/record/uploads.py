"""Uploads of scanned certificates stay in memory (DOMAIN.md R11).

Django writes uploads above ``FILE_UPLOAD_MAX_MEMORY_SIZE`` (2.5 MB) to a
temporary file; a scan must never lie unencrypted on disk. The record's entry
views replace the request's upload handlers with ``MemoryOnlyUploadHandler``
(Django docs, "Modifying upload handlers on the fly"): every file is kept in
memory up to ``RECORD_MAX_UPLOAD_MB``; of a larger one nothing more is kept,
the rest of the request (the typed fields) is still read, and the form gets
an empty file with the real size, which ``documents.check`` refuses with its
German message.

This holds under WSGI (gunicorn, ``manage.py serve``), which streams the
body to the parser. An ASGI server would spool the raw body to a temporary
file before any view runs.
"""

from io import BytesIO
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.http import HttpRequest

from balintkreis.record import documents


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Keeps each file in memory up to ``documents.max_bytes()``; a larger
    file is returned empty with its real size, so the form refuses it."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.limit = documents.max_bytes()
        self.file = BytesIO()
        self.too_large = False

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file = BytesIO()
        self.too_large = False
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.too_large:
            return None
        if start + len(raw_data) > self.limit:
            # Drop what has been kept: the file is refused anyway.
            self.too_large = True
            self.file = BytesIO()
            return None
        self.file.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.file.seek(0)
        return InMemoryUploadedFile(
            file=self.file,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )


def keep_in_memory(request: HttpRequest) -> None:
    """Use only ``MemoryOnlyUploadHandler`` for this request; call before
    anything reads ``request.POST`` or ``request.FILES``."""
    request.upload_handlers = [MemoryOnlyUploadHandler(request)]
