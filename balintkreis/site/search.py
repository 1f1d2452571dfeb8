"""Finding a person for the secretariat: by name or e-mail, with their
memberships and applications in every group.

Reading who is in which group is a read of personal data across groups, so
``find_people`` writes one audit event per search naming the people found by
pseudonym (never the search words, which may be a name or an address).
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Prefetch, Q

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.groups.models import Application, Membership

# More than this many hits: the secretariat is asked to search more precisely.
MAX_RESULTS = 25
MIN_LENGTH = 2


@dataclass(frozen=True)
class PersonSearch:
    query: str
    people: list[User]
    too_many: bool

    @property
    def searched(self) -> bool:
        return bool(self.query)


def _matches(term: str) -> Q:
    return (
        Q(first_name__icontains=term)
        | Q(last_name__icontains=term)
        | Q(email__icontains=term)
        | Q(emailaddress__email__icontains=term)
    )


def find_people(query: str, *, reader: User) -> PersonSearch:
    """People whose name or e-mail contains every word of ``query``; each
    with ``memberships`` and ``applications`` (their groups loaded). Three
    queries and one audit row, whatever the number of hits."""
    query = " ".join(query.split())
    if len(query) < MIN_LENGTH:
        return PersonSearch(query=query, people=[], too_many=False)
    condition = reduce(and_, (_matches(term) for term in query.split()))
    found = list(
        User.objects.filter(pk__in=User.objects.filter(condition).values("pk"))
        .prefetch_related(
            Prefetch(
                "memberships",
                Membership.objects.select_related("group").order_by("-started_on"),
            ),
            Prefetch(
                "applications",
                Application.objects.select_related("group").order_by("-created_at"),
            ),
        )
        .order_by("last_name", "first_name", "pk")[: MAX_RESULTS + 1]
    )
    people = found[:MAX_RESULTS]
    audit.record(
        reader,
        "site.person_search.read",
        data={"found": [audit.pseudonym(person.pk) for person in people]},
    )
    return PersonSearch(query=query, people=people, too_many=len(found) > MAX_RESULTS)
