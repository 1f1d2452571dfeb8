"""Invoices for agreed supervision periods (mentoring)."""

import datetime
from decimal import Decimal

import pytest

from balintkreis.billing import invoices
from balintkreis.billing.tests.conftest import END, START
from balintkreis.billing.tests.factories import FeeAgreementFactory


def test_supervision_bills_paid_sessions_with_vat(supervision, secretariat):
    invoice = invoices.issue_for_supervision(
        supervision, period_from=START, period_until=END, by=secretariat
    )
    assert invoice.kind == "supervision"
    assert (invoice.net, invoice.vat, invoice.gross) == (
        Decimal("160.00"),
        Decimal("30.40"),
        Decimal("190.40"),
    )
    assert invoice.recipient_organisation == "Praxis am Markt"
    line = invoice.lines.get()
    assert (line.quantity, line.unit_price) == (2, Decimal("80.00"))


def test_supervision_period_is_billed_once(supervision, secretariat):
    invoices.issue_for_supervision(
        supervision, period_from=START, period_until=END, by=secretariat
    )
    with pytest.raises(invoices.InvoiceError, match="bereits"):
        invoices.issue_for_supervision(
            supervision,
            period_from=datetime.date(2026, 11, 1),
            period_until=END,
            by=secretariat,
        )


def test_supervision_agreement_applies(supervision, secretariat):
    FeeAgreementFactory(
        mentorship=supervision, kind="fixed", reduction_percent=None, amount="120"
    )
    invoice = invoices.issue_for_supervision(
        supervision, period_from=START, period_until=END, by=secretariat
    )
    assert invoice.net == Decimal("120.00")
    assert invoice.lines.get().quantity == 1
