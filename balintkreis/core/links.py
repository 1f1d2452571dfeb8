"""Absolute links for places outside a request: e-mails, calendar files, PDFs."""

from typing import Any

from django.conf import settings
from django.urls import reverse


def absolute_url(view_name: str, *args: Any) -> str:
    """``SITE_URL`` followed by the path of ``view_name`` with ``args``."""
    return f"{settings.SITE_URL}{reverse(view_name, args=args)}"
