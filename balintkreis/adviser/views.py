from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from balintkreis.adviser import advice, catalogue, goals, prefill
from balintkreis.adviser.forms import AdviserForm
from balintkreis.core import ratelimit


@require_GET
def adviser(request: HttpRequest) -> HttpResponse:
    """The adviser, "Welche Weiterbildung passt zu mir?": the questions, and with them
    answered, the answer. Public, by GET, nothing stored."""
    user = request.user
    if "goal" not in request.GET and "profession" not in request.GET:
        initial = prefill.initial_for(user) if user.is_authenticated else {}
        form = AdviserForm(initial=initial)
        return render(
            request, "adviser/adviser.html", {"form": form, "prefilled": bool(initial)}
        )
    form = AdviserForm(request.GET)
    if not form.is_valid():
        return render(request, "adviser/adviser.html", {"form": form}, status=422)
    try:
        ratelimit.check(
            request,
            "adviser",
            rate=settings.ADVISER_RATE_LIMIT,
            message=_(
                "You have asked the adviser many times in a short time. Please "
                "wait a minute and try again."
            ),
        )
    except ratelimit.RateLimited as error:
        form.add_error(None, error.message)
        return render(request, "adviser/adviser.html", {"form": form}, status=429)
    answers = form.answers()
    requirement = goals.requirement_for(
        answers, chamber=catalogue.chamber_for(answers.region)
    )
    record = (
        prefill.record_progress(user, goals.target_key(answers))
        if user.is_authenticated
        else None
    )
    today = timezone.localdate()
    result = advice.advise(
        answers,
        requirement,
        catalogue.candidates(today=today),
        today=today,
        own_series=prefill.own_series(record),
    )
    return render(
        request,
        "adviser/adviser.html",
        {"form": form, "advice": result, "record": record},
    )
