from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balintkreis.groups.models import BalintGroup


def catalogue(request: HttpRequest) -> HttpResponse:
    groups = BalintGroup.objects.listed().with_catalogue_data()
    return render(request, "groups/group_list.html", {"groups": groups})
