"""Where mails about invoices go: the one rule for billing and the apps
above it (payments' reminders and direct debit notices).

A person who set an e-mail address for invoices in their billing address
(``BillingAddress.invoice_email``, e.g. the practice's accounting) gets
every mail about their invoices there; everybody else at their account's
address. The address is read when the mail is written, so a changed
billing address counts for the next reminder, not only for new invoices.
The greeting and language stay the person's own.
"""

from dataclasses import dataclass

from balintkreis.accounts.models import User
from balintkreis.billing.models import BillingAddress


@dataclass(frozen=True)
class InvoiceMailRecipient:
    """``person`` written to at ``email`` (fits the outbox's Recipient)."""

    person: User
    email: str

    @property
    def language(self) -> str:
        return str(self.person.language)

    def letter_salutation(self) -> str:
        return self.person.letter_salutation()


def invoice_mail_to(person: User) -> User | InvoiceMailRecipient:
    """The recipient for a mail about ``person``'s invoices: their invoice
    e-mail address when they set one, else the person (account address)."""
    try:
        address: BillingAddress = person.billing_address
    except BillingAddress.DoesNotExist:
        return person
    if address.invoice_email:
        return InvoiceMailRecipient(person=person, email=address.invoice_email)
    return person
