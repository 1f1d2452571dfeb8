"""allauth adapters: every allauth e-mail goes through our outbox, the client
address is the one behind our trusted proxies (core/ratelimit.py), and second
factors are stored encrypted with the field key (core/crypto.py)."""

import hashlib
import uuid
from typing import cast

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.utils import timezone, translation

from balintkreis.accounts import two_factor
from balintkreis.accounts.models import User
from balintkreis.core import crypto, ratelimit
from balintkreis.notifications import outbox

# Rendered allauth mails are passed to these pass-through outbox templates.
OUTBOX_TEMPLATE = "accounts/email/allauth"
# Without a request (management commands) mails are told apart by time bucket.
BUCKET_SECONDS = 180


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def _request_nonce(request: HttpRequest | None) -> str:
    """One random value per request: the same request never sends a mail twice,
    a second request (a password reset asked for again) always sends anew."""
    if request is None:
        return f"t{int(timezone.now().timestamp() // BUCKET_SECONDS)}"
    nonce = getattr(request, "_balintkreis_mail_nonce", None)
    if nonce is None:
        nonce = uuid.uuid4().hex
        # Our own mark on the request; HttpRequest declares no such attribute.
        request._balintkreis_mail_nonce = nonce  # type: ignore[attr-defined]
    return nonce


def idempotency_key(
    template_prefix: str, email: str, body: str, request: HttpRequest | None
) -> str:
    """``allauth:<prefix>:<hash of address>:<keyed hash of body>:<request nonce>``.

    The address is hashed because the key travels as a mail header. The body
    hash is keyed (``crypto.fingerprint``): a plain hash of a mail with a
    six-digit log-in code could be reversed by trying every code.
    """
    return ":".join(
        [
            "allauth",
            template_prefix,
            _digest(email.lower()),
            crypto.fingerprint(body)[:16],
            _request_nonce(request),
        ]
    )[:200]


def _salutation(user: object, email: str) -> str:
    """The letter's opening for the account behind ``email`` (salutation.py);
    "Hello," when the address belongs to nobody (yet)."""
    if not isinstance(user, User):
        user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return ""
    return user.letter_salutation()


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Render allauth's templates in the current language and enqueue."""
        request = allauth_context.request
        language = translation.get_language() or settings.LANGUAGE_CODE
        ctx = {"request": request, "email": email, "current_site": _Site()}
        ctx.update(context)
        with translation.override(language):
            ctx["salutation"] = _salutation(ctx.get("user"), email)
            message = self.render_mail(template_prefix, email, ctx)
        body_text, body_html = message.body, ""
        if isinstance(message, EmailMultiAlternatives) and message.alternatives:
            # render_mail attaches the HTML part as text.
            body_html = cast(str, message.alternatives[0][0])
        if message.content_subtype == "html":
            body_text, body_html = "", message.body
        outbox.enqueue(
            to=email,
            template=OUTBOX_TEMPLATE,
            context={
                "subject": message.subject,
                "body_text": body_text,
                "body_html": body_html,
            },
            key=idempotency_key(
                template_prefix, email, message.subject + body_text, request
            ),
            language=language,
            # Reset and confirmation links, log-in codes: nobody reads these.
            carries_secret=True,
        )

    def get_client_ip(self, request: HttpRequest) -> str:
        """allauth's rate limits count per client, behind TRUSTED_PROXY_COUNT
        proxies, exactly as the project's own limits (issue 11 item 8)."""
        return ratelimit.client_ip(request) or super().get_client_ip(request)


class _Site:
    """allauth's templates greet with the site name; ours is fixed."""

    name = "Balintkreis"

    @property
    def domain(self) -> str:
        return settings.SITE_URL.split("://", 1)[-1]


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        """TOTP secrets and recovery-code seeds at rest (issue 11 item 3)."""
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)

    def can_delete_authenticator(self, authenticator: Authenticator) -> bool:
        """Staff keep their second factor while it is required (issue 7)."""
        if two_factor.is_required_for(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
