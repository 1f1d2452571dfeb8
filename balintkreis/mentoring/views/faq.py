from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from balintkreis.mentoring import faq
from balintkreis.mentoring.forms import FaqSearchForm
from balintkreis.mentoring.models import FaqEntry


def faq_list(request: HttpRequest) -> HttpResponse:
    """Public FAQ; members-only entries appear after log-in (one query)."""
    form = FaqSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    entries = (
        FaqEntry.objects.visible_to(request.user)
        .search(query)
        .select_related("category")
    )
    categories: dict = {}
    for entry in entries:
        entry.answer_html = faq.render_answer(entry.answer)
        categories.setdefault(entry.category, []).append(entry)
    return render(
        request,
        "mentoring/faq_list.html",
        {"form": form, "query": query, "categories": categories.items()},
    )
