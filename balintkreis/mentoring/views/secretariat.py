from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balintkreis.accounts.permissions import require_secretariat
from balintkreis.mentoring import logbook
from balintkreis.mentoring.models import MentoringRequest, MentorProfile, Mentorship


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Numbers and running pairs for the secretariat; never notes or fees."""
    require_secretariat(request.user)
    counts = Mentorship.objects.aggregate(
        active=Count("pk", filter=Q(status=Mentorship.Status.ACTIVE)),
        supervision=Count("pk", filter=Q(status=Mentorship.Status.SUPERVISION)),
        ended=Count("pk", filter=Q(status=Mentorship.Status.ENDED)),
    )
    running = (
        Mentorship.objects.filter(status__in=Mentorship.RUNNING)
        .with_free_sessions_used()
        .select_related("mentor", "mentee")
        .order_by("status", "-started_on")
    )
    return render(
        request,
        "mentoring/secretariat_overview.html",
        {
            "counts": counts,
            "listed_mentors": MentorProfile.objects.listed().count(),
            "open_requests": MentoringRequest.objects.filter(
                status=MentoringRequest.Status.PENDING
            ).count(),
            "running": running,
            "free_sessions": logbook.free_sessions(),
        },
    )
