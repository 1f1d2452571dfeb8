from typing import Any

from django.apps import AppConfig
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "balintkreis.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Hooks (core/hooks.py): the person's data, the demo people.
        from balintkreis.accounts import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

        from django.contrib.auth.signals import user_logged_in

        # A signal, not the allauth adapter: every log-in path (allauth, the
        # test client's force_login) must start the staff session clock.
        user_logged_in.connect(_start_session_clock, dispatch_uid="staff_sessions")

    # Hooks of the field key (core/checks.py, rotate_field_key): allauth's
    # authenticators are encrypted through the MFA adapter, not a field.
    def field_key_samples(self) -> dict[str, list[str]]:
        from allauth.mfa.models import Authenticator

        from balintkreis.accounts import two_factor

        tokens = two_factor.sample_tokens(Authenticator.objects.all())
        return {"mfa.Authenticator.data": tokens}

    def rotate_field_key(self) -> dict[str, int]:
        from allauth.mfa.models import Authenticator

        from balintkreis.accounts import two_factor

        rows = two_factor.reencrypt_stored_secrets(Authenticator.objects.all())
        return {"mfa.Authenticator.data": rows}


def _start_session_clock(sender: Any, request: HttpRequest, **kwargs: Any) -> None:
    from balintkreis.accounts import staff_sessions

    if request is not None and hasattr(request, "session"):
        staff_sessions.start(request.session, now=timezone.now())
