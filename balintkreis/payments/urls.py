from django.urls import path

from balintkreis.payments.views import direct_debits, invoices, member, statements

app_name = "payments"
urlpatterns = [
    path("", invoices.overview, name="overview"),
    path("rechnungen/<int:pk>/zahlung/", invoices.record, name="record"),
    path("kontoauszug/", statements.statement_import, name="statement-import"),
    path("kontoauszug/<int:pk>/", statements.statement_detail, name="statement-detail"),
    path("pruefen/", statements.review, name="review"),
    path("pruefen/<int:pk>/zuordnen/", statements.entry_assign, name="entry-assign"),
    path("pruefen/<int:pk>/ignorieren/", statements.entry_ignore, name="entry-ignore"),
    path("lastschriften/", direct_debits.collection, name="direct-debits"),
    path(
        "lastschriften/<int:pk>/datei.xml",
        direct_debits.batch_download,
        name="batch-download",
    ),
    path("buchhaltung/", invoices.accounting_export, name="accounting"),
    path("buchhaltung/export.csv", invoices.accounting_csv, name="accounting-csv"),
    path("meine/", member.mine, name="mine"),
    path("meine/lastschriftmandat/", member.mandate, name="mandate"),
    path(
        "meine/lastschriftmandat/widerrufen/",
        member.mandate_revoke,
        name="mandate-revoke",
    ),
]
