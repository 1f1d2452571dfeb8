"""A group's tab bar and a meeting's buttons, assembled from the apps' hooks.

Registered as a built-in template library (settings.TEMPLATES), so the apps'
templates use ``{% group_tabs group %}``, ``{% meeting_links meeting as
links %}`` and ``{% group_dates group as links %}`` without naming the site
layer. The tags only assemble links; who
sees which link is decided by each app's hook from the group access rule.
"""

from django import template
from django.urls import reverse

from balintkreis.core import hooks
from balintkreis.core.hooks import Link
from balintkreis.groups import access
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting

register = template.Library()


@register.inclusion_tag("site/_group_tabs.html", takes_context=True)
def group_tabs(context: template.Context, group: BalintGroup) -> dict:
    """The tab bar and, above it, the "Sie sind hier" trail: Start › group
    (its first tab) › the tab the page belongs to (the longest tab address
    the page's address starts with)."""
    request = context["request"]
    user = request.user
    rights = access.access(group, user)
    tabs = hooks.links("group_tabs", group, user, rights)
    path = request.path
    current = max(
        (tab for tab in tabs if path.startswith(tab.url)),
        key=lambda tab: len(tab.url),
        default=None,
    )
    return {
        "group": group,
        "tabs": tabs,
        "current": current,
        "is_current_page": current is not None and current.url == path,
        "group_url": tabs[0].url if tabs else "",
        "start_url": reverse(
            "accounts:dashboard" if user.is_authenticated else "core:home"
        ),
    }


@register.simple_tag(takes_context=True)
def meeting_links(context: template.Context, meeting: Meeting) -> list[Link]:
    user = context["request"].user
    rights = access.access(meeting.group, user)
    return hooks.links("meeting_links", meeting, user, rights)


@register.simple_tag(takes_context=True)
def group_dates(context: template.Context, group: BalintGroup) -> list[Link]:
    """A group's next dates (for "Meine Gruppen"), from the apps' hooks."""
    user = context["request"].user
    rights = access.access(group, user)
    return hooks.links("group_dates", group, user, rights)
