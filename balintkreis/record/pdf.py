"""The record's PDFs: the DBG logbook and the export of the whole record.

Drawn with fpdf2 on the shared ``meetings.pdf.Document`` (fonts, margins),
in the style of the certificates: organiser line, title, label/value facts,
bordered tables, signature lines. Always in German (the language of the
chamber and the DBG).
"""

import datetime
from collections.abc import Sequence

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.meetings.pdf import Document
from balintkreis.record import evaluation, logbook, sessions
from balintkreis.record.models import OutsideEntry

LABEL_WIDTH = 55


def _d(day: datetime.date | None) -> str:
    return f"{day:%d.%m.%Y}" if day else "–"


def _period(start: datetime.date, end: datetime.date) -> str:
    return _d(start) if start == end else f"{_d(start)}–{_d(end)}"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title(pdf: Document, title: str) -> None:
    pdf.add_page()
    pdf.font(10)
    pdf.set_text_color(80, 80, 80)
    pdf.cell(0, 5, settings.CME_ORGANISER, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    pdf.font(16, bold=True)
    pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _fact(pdf: Document, label: str, value: str) -> None:
    pdf.font(10, bold=True)
    pdf.cell(LABEL_WIDTH, 6, label)
    pdf.font(10)
    pdf.multi_cell(0, 6, value or "–", align="L", new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: Document, text: str) -> None:
    pdf.ln(3)
    pdf.font(12, bold=True)
    pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(1)


def _table(
    pdf: Document,
    widths: Sequence[float],
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    limits: Sequence[int],
) -> None:
    pdf.font(8, bold=True)
    for width, header in zip(widths, headers, strict=True):
        pdf.cell(width, 7, header, border=1)
    pdf.ln()
    pdf.font(8)
    for row in rows:
        for width, cell, limit in zip(widths, row, limits, strict=True):
            pdf.cell(width, 6, _short(cell, limit), border=1)
        pdf.ln()
    if not rows:
        pdf.cell(sum(widths), 6, _("none yet"), border=1)
        pdf.ln()


def _lines(pdf: Document, items: Sequence[str]) -> None:
    pdf.font(10)
    for item in items:
        pdf.multi_cell(0, 6, f"• {item}", new_x="LMARGIN", new_y="NEXT")


def _signatures(pdf: Document, left: str, right: str) -> None:
    if pdf.get_y() > pdf.h - 45:
        pdf.add_page()
    pdf.ln(14)
    y = pdf.get_y()
    pdf.line(pdf.l_margin, y, pdf.l_margin + 80, y)
    pdf.line(pdf.l_margin + 100, y, pdf.l_margin + 180, y)
    pdf.set_xy(pdf.l_margin, y + 1)
    pdf.font(8)
    pdf.cell(100, 4, left)
    pdf.cell(80, 4, right)
    pdf.ln(6)


# ------------------------------------------------------------- logbook


LOGBOOK_WIDTHS = (24, 22, 44, 36, 42, 16, 10, 16, 51)
LOGBOOK_LIMITS = (16, 16, 34, 27, 32, 12, 4, 10, 40)


def _logbook_headers() -> list[str]:
    return [
        _("Date(s)"),
        _("Kind"),
        _("Group or event"),
        _("Leader"),
        _("Recognition / organiser"),
        _("Mode"),
        _("DS"),
        _("Phase"),
        _("Confirmation"),
    ]


def _logbook_rows(rows: Sequence[logbook.LogbookRow]) -> list[list[str]]:
    return [
        [
            _period(r.on, r.until),
            r.kind,
            r.title,
            r.leader,
            " / ".join(p for p in (r.recognition, r.organiser) if p),
            r.mode,
            str(r.double_sessions),
            r.phase_label,
            r.confirmation,
        ]
        for r in rows
    ]


def render_logbook(book: logbook.Logbook) -> bytes:
    """The logbook for the DBG application (landscape A4, German)."""
    with translation.override(settings.LANGUAGE_CODE):
        pdf = Document(orientation="L")
        pdf.set_title(_("Logbook of the Balint leader training"))
        pdf.set_author(settings.CME_ORGANISER)
        _title(pdf, _("Logbook of the Balint leader training (DBG)"))
        progress = book.progress
        target = progress.target
        _fact(pdf, _("Name"), book.person.display_name)
        _fact(pdf, _("Profession"), book.person.get_profession_display())
        _fact(pdf, _("Start of the training"), _d(book.training_started_on))
        _fact(
            pdf,
            _("Participation"),
            _(
                "%(before)d of %(need_before)d double sessions before, "
                "%(during)d of %(need_during)d during the training"
            )
            % {
                "before": progress.before,
                "need_before": target.before_training,
                "during": progress.during,
                "need_during": target.during_training,
            },
        )
        _fact(
            pdf,
            _("Leader seminars"),
            _("%(count)d of %(need)d seminars, %(ds)d of %(need_ds)d double sessions")
            % {
                "count": progress.seminars,
                "need": target.leader_seminars,
                "ds": progress.seminar_double_sessions,
                "need_ds": target.leader_seminar_double_sessions,
            },
        )
        _fact(
            pdf,
            _("Supervised leading"),
            _("yes") if progress.supervised_leading else _("not yet"),
        )
        if progress.missing:
            _fact(pdf, _("Still missing"), "; ".join(progress.missing))
        for heading, rows in book.sections():
            _heading(pdf, heading)
            _table(
                pdf,
                LOGBOOK_WIDTHS,
                _logbook_headers(),
                _logbook_rows(rows),
                limits=LOGBOOK_LIMITS,
            )
        pdf.ln(2)
        pdf.font(8)
        pdf.multi_cell(
            0,
            4,
            _(
                "DS = double sessions of 90 minutes. Phase: before or during the "
                "training, from the start date above. Requirements as known to "
                "us; please check with the DBG: %(source)s."
            )
            % {"source": target.source},
            new_x="LMARGIN",
            new_y="NEXT",
        )
        _signatures(pdf, _("Place, date, signature of the trainee"), _("DBG office"))
        return bytes(pdf.output())


# -------------------------------------------------------- whole record


def _progress_lines(progress: evaluation.Progress) -> list[str]:
    text = _("%(credited)d of %(required)d double sessions (%(percent)d %%)") % {
        "credited": progress.credited,
        "required": progress.required,
        "percent": progress.percent,
    }
    if progress.reached:
        text += " – " + _("reached")
    lines = [text]
    if progress.missing:
        lines.append(
            _("Still missing: %(items)s") % {"items": "; ".join(progress.missing)}
        )
    return lines


def render_record(user: User) -> bytes:
    """The whole record as one document: targets, platform dates, outside
    entries (German)."""
    with translation.override(settings.LANGUAGE_CODE):
        rows = sessions.platform_rows(user)
        entries = sessions.outside_entries(user)
        totals = sessions.totals(rows, entries)
        pdf = Document(orientation="L")
        pdf.set_title(_("My Balint record"))
        pdf.set_author(settings.CME_ORGANISER)
        _title(pdf, _("Balint record of %(name)s") % {"name": user.display_name})
        _fact(pdf, _("As of"), _d(timezone.localdate()))
        _fact(
            pdf,
            _("Double sessions"),
            _(
                "%(platform)d on this platform, %(outside)d from outside "
                "(%(pending)d of them not confirmed yet)"
            )
            % {
                "platform": totals.platform_double_sessions,
                "outside": totals.outside_double_sessions,
                "pending": totals.pending_double_sessions,
            },
        )
        _fact(pdf, _("Period"), f"{_d(totals.first_on)} – {_d(totals.last_on)}")
        _fact(pdf, _("CME points on this platform"), str(totals.points))
        for item in sessions.progress_for(user, rows=rows, entries=entries):
            _heading(pdf, str(item.target.title))
            _lines(pdf, _progress_lines(item.progress))
        _heading(pdf, _("Sessions on this platform"))
        _table(
            pdf,
            (24, 70, 50, 22, 14, 16, 65),
            [
                _("Date"),
                _("Group"),
                _("Leader"),
                _("Mode"),
                _("DS"),
                _("Points"),
                _("Counts"),
            ],
            [
                [
                    _d(r.meeting.local_date),
                    r.meeting.group.title,
                    r.leader_name,
                    r.attendance.get_mode_display(),
                    str(r.meeting.double_sessions),
                    str(r.points) if r.counts else "–",
                    _("yes") if r.counts else r.reason,
                ]
                for r in rows
            ],
            limits=(12, 55, 38, 14, 4, 5, 50),
        )
        _heading(pdf, _("Entries from outside this platform"))
        _table(
            pdf,
            (30, 30, 62, 45, 22, 14, 58),
            [
                _("Date(s)"),
                _("Kind"),
                _("Group or event"),
                _("Leader"),
                _("Mode"),
                _("DS"),
                _("Status"),
            ],
            [
                [
                    _period(e.started_on, e.last_on),
                    e.get_kind_display(),
                    e.title,
                    e.leader_name,
                    e.get_mode_display(),
                    str(e.double_sessions),
                    logbook.entry_confirmation(e)
                    if e.status == OutsideEntry.Status.CONFIRMED
                    else e.get_status_display(),
                ]
                for e in entries
            ],
            limits=(24, 22, 48, 34, 14, 4, 45),
        )
        pdf.ln(2)
        pdf.font(8)
        pdf.multi_cell(
            0,
            4,
            _(
                "An overview, not a certificate: the chamber accepts the "
                "certificates of the leaders and organisers."
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        return bytes(pdf.output())
