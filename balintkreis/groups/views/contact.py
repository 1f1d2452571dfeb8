from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from balintkreis.core import ratelimit
from balintkreis.core.errors import RuleError
from balintkreis.groups import inquiries
from balintkreis.groups.forms import ContactForm
from balintkreis.groups.models import BalintGroup


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                # Only complete messages count toward the limit, so a person
                # correcting typos is never locked out.
                ratelimit.check(
                    request,
                    "contact",
                    rate=settings.CONTACT_RATE_LIMIT,
                    message=_(
                        "You have sent several messages in a short time. Please "
                        "wait an hour and try again, or write to us by e-mail."
                    ),
                )
                inquiries.submit_inquiry(
                    name=form.cleaned_data["name"],
                    email=form.cleaned_data["email"],
                    profession=form.cleaned_data["profession"],
                    group=form.cleaned_data["group"],
                    message=form.cleaned_data["message"],
                    consent_version=settings.PRIVACY_NOTICE_VERSION,
                    language=get_language() or "de",
                )
            except ratelimit.RateLimited as err:
                form.add_error(None, err.message)
                return render(
                    request, "groups/contact.html", {"form": form}, status=429
                )
            except RuleError as err:
                form.add_error(None, err.message)
            else:
                messages.success(request, _("Your message has been sent."))
                return redirect("groups:contact-thanks")
        return render(request, "groups/contact.html", {"form": form}, status=422)
    form = ContactForm(initial=_initial_for(request))
    return render(request, "groups/contact.html", {"form": form})


def _initial_for(request: HttpRequest) -> dict:
    slug = request.GET.get("gruppe", "")
    initial = {"group": slug}
    group = BalintGroup.objects.filter(slug=slug).first() if slug else None
    if group is not None and request.GET.get("frage") == "kosten":
        # The "ask for fee and free places" button of a group on request.
        initial["message"] = _(
            "Please tell me the fee and the free places of the group “%(group)s”."
        ) % {"group": group.title}
    user = request.user
    if user.is_authenticated:
        initial |= {
            "name": " ".join(p for p in (user.first_name, user.last_name) if p),
            "email": user.email,
            "profession": user.profession,
        }
    return initial


@require_GET
def contact_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "groups/contact_thanks.html", {})
