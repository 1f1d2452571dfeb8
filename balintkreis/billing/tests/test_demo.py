import io

import pytest

from balintkreis.accounts import demo as accounts_demo
from balintkreis.billing import demo, einvoice, invoices
from balintkreis.billing.models import FeeAgreement, Invoice
from balintkreis.groups import demo as groups_demo
from balintkreis.mentoring import demo as mentoring_demo


@pytest.mark.django_db
def test_demo_issues_a_term_one_correction_and_a_supervision_invoice():
    out = io.StringIO()
    # Only the parts billing builds on (the full demo command has its own test).
    accounts_demo.load(stdout=out)
    groups_demo.load(stdout=out)
    mentoring_demo.load(stdout=out)
    demo.load(stdout=out)
    demo.load(stdout=out)

    term = Invoice.objects.filter(kind=Invoice.Kind.GROUP_FEE)
    assert term.count() > 10
    assert Invoice.objects.filter(kind=Invoice.Kind.CANCELLATION).count() == 1
    corrected = Invoice.objects.get(cancellation__isnull=False)
    assert corrected.recipient.email == "teilnahme@demo.balintkreis.example"
    new = term.filter(recipient=corrected.recipient, membership=corrected.membership)
    new = new.exclude(pk=corrected.pk).get()
    assert new.recipient_organisation == "Hausarztpraxis Albrecht"
    supervision = Invoice.objects.get(kind=Invoice.Kind.SUPERVISION)
    assert supervision.vat > 0
    assert FeeAgreement.objects.filter(kind=FeeAgreement.Kind.REDUCED).exists()
    assert invoices.open_invoices().count() == term.count()
    einvoice.cii_xml(new)
    einvoice.cii_xml(supervision)
