"""Who may see and do what in mentoring.

Members' area: every logged-in person (leaders, would-be leaders as mentees,
the secretariat) may read the mentor directory; anonymous visitors are sent
to the log-in. Requests and mentorships belong to the pair: everybody else,
the secretariat included, gets 404. Wrong role on a visible object gets 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from balintkreis.accounts.models import User
from balintkreis.mentoring.models import MentoringRequest, MentorProfile, Mentorship


def require_leader(user: User) -> None:
    """Only group leaders can offer mentoring (403 otherwise)."""
    if not user.is_leader:
        raise PermissionDenied


def get_listed_mentor(user: User, pk: int) -> MentorProfile:
    """A listed profile, or the viewer's own profile even when unlisted."""
    visible = MentorProfile.objects.with_running_count().filter(
        Q(is_listed=True) | Q(user=user)
    )
    profile: MentorProfile = get_object_or_404(
        visible.select_related("user").prefetch_related("topics"), pk=pk
    )
    return profile


def get_request_for_party(user: User, pk: int) -> MentoringRequest:
    """A request seen by its mentor or mentee; 404 for anybody else."""
    requests = MentoringRequest.objects.filter(Q(mentor=user) | Q(mentee=user))
    return get_object_or_404(
        requests.select_related("mentor", "mentee").prefetch_related("topics"), pk=pk
    )


def get_request_for_mentor(user: User, pk: int) -> MentoringRequest:
    """Only the asked mentor answers: the mentee gets 403."""
    request = get_request_for_party(user, pk)
    if request.mentor_id != user.pk:
        raise PermissionDenied
    return request


def get_request_for_mentee(user: User, pk: int) -> MentoringRequest:
    """Only the mentee withdraws: the mentor gets 403."""
    request = get_request_for_party(user, pk)
    if request.mentee_id != user.pk:
        raise PermissionDenied
    return request


def get_mentorship_for_pair(user: User, pk: int) -> Mentorship:
    """A mentorship for its mentor or mentee; 404 for everybody else,
    including the secretariat (the notes are the pair's)."""
    return get_object_or_404(
        Mentorship.objects.of(user).select_related("mentor", "mentee"), pk=pk
    )
