"""Demo: a group vote with the default question in the online demo group."""

from typing import TextIO

from balintkreis.feedback import polls
from balintkreis.feedback.models import Poll
from balintkreis.groups.models import BalintGroup

# The online demo group (balintkreis/online/demo.py); skipped if absent.
GROUP_SLUG = "online-thueringen"


def load(*, stdout: TextIO) -> None:
    group = BalintGroup.objects.filter(slug=GROUP_SLUG).first()
    if group is None or Poll.objects.filter(group=group).exists():
        return
    polls.open_poll(
        group,
        question=polls.DEFAULT_QUESTION,
        choices=polls.DEFAULT_CHOICES,
        by=group.leader,
    )
    stdout.write(f"Group vote: /rueckmeldung/gruppen/{group.slug}/abstimmungen/")
