from django.urls import path

from balintkreis.billing.views import agreements, documents, member, secretariat

app_name = "billing"

urlpatterns = [
    path("rechnungen/", secretariat.invoice_list, name="invoice-list"),
    path("rechnungen/halbjahr/", secretariat.term_groups, name="term-groups"),
    path(
        "rechnungen/halbjahr/<slug:slug>/",
        secretariat.term_preview,
        name="term-preview",
    ),
    path("rechnungen/<int:pk>/", documents.invoice_detail, name="invoice-detail"),
    path("rechnungen/<int:pk>/pdf/", documents.invoice_pdf, name="invoice-pdf"),
    path("rechnungen/<int:pk>/xrechnung/", documents.invoice_xml, name="invoice-xml"),
    path(
        "rechnungen/<int:pk>/stornieren/",
        secretariat.invoice_cancel,
        name="invoice-cancel",
    ),
    path(
        "rechnungen/<int:pk>/korrigieren/",
        secretariat.invoice_correct,
        name="invoice-correct",
    ),
    path(
        "rechnungen/supervision/", secretariat.supervision_list, name="supervision-list"
    ),
    path(
        "rechnungen/supervision/<int:pk>/",
        secretariat.supervision_invoice,
        name="supervision-invoice",
    ),
    path(
        "rechnungen/vereinbarungen/", agreements.agreement_list, name="agreement-list"
    ),
    path(
        "rechnungen/vereinbarungen/mitgliedschaft/<int:pk>/",
        agreements.agreement_membership,
        name="agreement-membership",
    ),
    path(
        "rechnungen/vereinbarungen/mentoring/<int:pk>/",
        agreements.agreement_mentorship,
        name="agreement-mentorship",
    ),
    path(
        "rechnungen/vereinbarungen/<int:pk>/entfernen/",
        agreements.agreement_remove,
        name="agreement-remove",
    ),
    path("meine-rechnungen/", member.my_invoices, name="my-invoices"),
    path("meine-rechnungen/adresse/", member.billing_address, name="billing-address"),
]
