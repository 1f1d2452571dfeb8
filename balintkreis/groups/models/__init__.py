"""The models of groups, split by topic (issue 14 item 8); every model is
re-exported here, so ``balintkreis.groups.models.X`` and the migrations are
unchanged."""

from balintkreis.groups.models.applications import (
    Application,
    ApplicationQuerySet,
    InterestListEntry,
)
from balintkreis.groups.models.fees import FeeSchedule, FeeTier
from balintkreis.groups.models.groups import (
    HARD_CAPACITY_LIMIT,
    USUAL_CAPACITY,
    BalintGroup,
    BalintGroupQuerySet,
    EntryDate,
)
from balintkreis.groups.models.inquiries import Inquiry, InquiryReply
from balintkreis.groups.models.memberships import Membership, MembershipQuerySet

__all__ = [
    "HARD_CAPACITY_LIMIT",
    "USUAL_CAPACITY",
    "Application",
    "ApplicationQuerySet",
    "BalintGroup",
    "BalintGroupQuerySet",
    "EntryDate",
    "FeeSchedule",
    "FeeTier",
    "Inquiry",
    "InquiryReply",
    "InterestListEntry",
    "Membership",
    "MembershipQuerySet",
]
