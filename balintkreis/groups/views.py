from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balintkreis.groups.models import BalintGroup


def catalogue(request: HttpRequest) -> HttpResponse:
    groups = BalintGroup.objects.listed().with_catalogue_data()
    return render(request, "groups/group_list.html", {"groups": groups})


def contact(request: HttpRequest) -> HttpResponse:
    return render(request, "groups/contact.html", {})


@login_required
def today(request: HttpRequest) -> HttpResponse:
    if not request.user.is_secretariat:
        raise PermissionDenied
    return render(request, "groups/today.html", {})
