"""The combined "Bescheinigung über Balintgruppenteilnahme" (DOMAIN.md R6)
across all platform groups of a person.

A chamber accepts a series as one closed group under one fixed leader, so
the combined certificate is a cover page listing every series of the
person's platform groups (group, leader, period, double sessions, online
share, certificate number), followed by one certificate per series issued by
cme (``cme.certificates.issue_for_term`` with the series' period: numbered,
verifiable, the same certificate on repeat) and drawn by
``cme.certificate_pdf.draw``. Nothing of the certificate layout is copied
here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.cme import certificate_pdf, certificates
from balintkreis.cme.models import Certificate
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.pdf import Document
from balintkreis.record import evaluation, sessions


class CombinedError(RuleError):
    pass


@dataclass(frozen=True)
class PlatformSeries:
    group: BalintGroup
    series: evaluation.Series


def platform_series(rows: list[sessions.PlatformRow]) -> list[PlatformSeries]:
    """Every series of the person's counted platform dates, oldest first."""
    counted = [r for r in rows if r.counts]
    groups = {r.meeting.group_id: r.meeting.group for r in counted}
    found = evaluation.runs([sessions.from_attendance(r) for r in counted])
    result = [
        PlatformSeries(groups[int(s.group_key.removeprefix("platform-"))], s)
        for s in found
    ]
    return sorted(result, key=lambda p: p.series.sessions[0].on)


def issue(user: User, *, by: User) -> list[tuple[PlatformSeries, Certificate]]:
    """One term certificate per series (existing ones are returned again)."""
    found = platform_series(sessions.platform_rows(user))
    if not found:
        raise CombinedError(_("There is no confirmed attendance on this platform yet."))
    with transaction.atomic():
        return [
            (
                item,
                certificates.issue_for_term(
                    item.group,
                    user=user,
                    by=by,
                    period_from=item.series.sessions[0].on,
                    period_until=item.series.sessions[-1].until,
                ),
            )
            for item in found
        ]


def _cover(
    pdf: Document, user: User, issued: list[tuple[PlatformSeries, Certificate]]
) -> None:
    pdf.add_page()
    pdf.font(10)
    pdf.set_text_color(80, 80, 80)
    pdf.cell(0, 5, settings.CME_ORGANISER, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(6)
    pdf.font(18, bold=True)
    pdf.multi_cell(
        0,
        9,
        _("Certificate of Balint group participation – overview"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(2)
    pdf.font(10)
    pdf.multi_cell(
        0,
        6,
        _(
            "%(name)s took part in the following Balint groups. Each series "
            "(one group under one leader) is certified on the following pages."
        )
        % {"name": user.display_name},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.ln(3)
    widths = (52, 40, 38, 14, 16, 14)
    headers = (
        _("Group"),
        _("Leader"),
        _("Period"),
        _("DS"),
        _("online"),
        _("No."),
    )
    pdf.font(8, bold=True)
    for width, header in zip(widths, headers, strict=True):
        pdf.cell(width, 7, header, border=1)
    pdf.ln()
    pdf.font(8)
    total = 0
    for item, certificate in issued:
        series = item.series
        total += certificate.double_sessions
        online = sum(s.double_sessions for s in series.sessions if s.online)
        cells = (
            item.group.title[:34],
            series.leader_name[:26],
            f"{certificate.period_from:%d.%m.%Y}–{certificate.period_until:%d.%m.%Y}",
            str(certificate.double_sessions),
            str(online),
            certificate.number.removeprefix("BK-"),
        )
        for width, cell in zip(widths, cells, strict=True):
            pdf.cell(width, 6, cell, border=1)
        pdf.ln()
    pdf.ln(3)
    pdf.font(10, bold=True)
    pdf.multi_cell(
        0,
        6,
        _("Total: %(ds)d double sessions (%(units)d units)")
        % {"ds": total, "units": 2 * total},
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.font(8)
    pdf.multi_cell(
        0,
        4,
        _(
            "A change of group or leader starts a new series; for "
            "Psychosomatische Grundversorgung the chamber counts one series."
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )


def render(user: User, issued: list[tuple[PlatformSeries, Certificate]]) -> bytes:
    """Cover page plus every series' certificate, in German."""
    with translation.override(settings.LANGUAGE_CODE):
        pdf = Document()
        pdf.set_title(_("Certificate of Balint group participation"))
        pdf.set_author(settings.CME_ORGANISER)
        _cover(pdf, user, issued)
        for _item, certificate in issued:
            certificate_pdf.draw(pdf, certificate)
        return bytes(pdf.output())
