"""Group votes: list, open, vote, close."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.feedback import permissions, polls
from balintkreis.feedback.forms import PollForm, VoteForm
from balintkreis.feedback.models import Poll, PollVoter


def _get_poll(request: AuthenticatedHttpRequest, poll_id: int) -> Poll:
    poll = Poll.objects.select_related("group").filter(pk=poll_id).first()
    if poll is None:
        raise Http404
    permissions.get_group(request.user, poll.group.slug)
    return poll


@login_required
@require_GET
def poll_list(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group(request.user, slug)
    is_leader = permissions.is_leader_of(request.user, group)
    voted = set(
        PollVoter.objects.filter(poll__group=group, user=request.user).values_list(
            "poll_id", flat=True
        )
    )
    rows = []
    for poll in group.polls.prefetch_related("choices").all():
        results = polls.results(poll)
        rows.append(
            {
                "poll": poll,
                "has_voted": poll.pk in voted,
                "form": VoteForm(poll=poll, auto_id=f"poll{poll.pk}_%s")
                if poll.is_open and not is_leader and poll.pk not in voted
                else None,
                "results": results,
                # After a closed format vote the leader may switch all
                # upcoming meetings in one step (meetings:format-switch).
                "offers_format_switch": is_leader
                and bool(results)
                and polls.is_format_vote(poll),
                "winning_format": polls.winning_format(results),
                "voters": poll.voters.count() if is_leader else None,
                "can_close": is_leader and polls.can_close(poll),
                "can_end": is_leader and poll.is_open and not polls.can_close(poll),
            }
        )
    return render(
        request,
        "feedback/poll_list.html",
        {
            "group": group,
            "rows": rows,
            "is_leader": is_leader,
            "min_votes": polls.min_votes(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def poll_new(request: AuthenticatedHttpRequest, slug: str) -> HttpResponse:
    group = permissions.get_group_for_leader(request.user, slug)
    form = PollForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            polls.open_poll(
                group,
                question=form.cleaned_data["question"],
                choices=form.cleaned_data["choices"],
                by=request.user,
            )
            messages.success(request, _("The poll is open. Members can vote now."))
            return redirect("feedback:polls", slug=group.slug)
        return render(
            request,
            "feedback/poll_form.html",
            {"group": group, "form": form},
            status=422,
        )
    return render(request, "feedback/poll_form.html", {"group": group, "form": form})


@login_required
@require_POST
def poll_vote(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    poll = _get_poll(request, poll_id)
    form = VoteForm(request.POST, poll=poll)
    if not form.is_valid():
        messages.error(request, _("Please choose one of the answers."))
        return redirect("feedback:polls", slug=poll.group.slug)
    try:
        polls.vote(poll, voter=request.user, choice_id=form.cleaned_data["choice"])
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your vote has been counted anonymously."))
    return redirect("feedback:polls", slug=poll.group.slug)


def _end_poll(
    request: AuthenticatedHttpRequest,
    poll_id: int,
    rule: Callable[..., Poll],
    done: str,
) -> HttpResponse:
    """The leader closes (``close_poll``) or ends (``end_without_result``)."""
    poll = _get_poll(request, poll_id)
    if not permissions.is_leader_of(request.user, poll.group):
        raise PermissionDenied
    try:
        rule(poll, by=request.user)
    except RuleError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("feedback:polls", slug=poll.group.slug)


@login_required
@require_POST
def poll_close(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    return _end_poll(
        request,
        poll_id,
        polls.close_poll,
        _("The poll is closed; the result is visible."),
    )


@login_required
@require_POST
def poll_end(request: AuthenticatedHttpRequest, poll_id: int) -> HttpResponse:
    """End a vote that did not reach k votes; nothing is counted."""
    return _end_poll(
        request,
        poll_id,
        polls.end_without_result,
        _("The vote has ended without a result; no vote was counted."),
    )
