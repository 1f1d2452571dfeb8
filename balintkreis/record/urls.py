from django.urls import path

from balintkreis.record.views import confirmations, entries, exports, overview

app_name = "record"
urlpatterns = [
    path("", overview.overview, name="overview"),
    path("ziele/", overview.target_list, name="targets"),
    path("ziele/waehlen/", overview.target_choose, name="target-choose"),
    path("ziele/<int:pk>/entfernen/", overview.target_remove, name="target-remove"),
    path("eintraege/neu/", entries.entry_create, name="entry-create"),
    path("eintraege/<int:pk>/bearbeiten/", entries.entry_edit, name="entry-edit"),
    path("eintraege/<int:pk>/loeschen/", entries.entry_delete, name="entry-delete"),
    path(
        "eintraege/<int:pk>/bescheinigung/",
        entries.entry_document,
        name="entry-document",
    ),
    path("bestaetigen/", confirmations.queue, name="queue"),
    path("bestaetigen/<int:pk>/", confirmations.review, name="review"),
    path("bestaetigen/<int:pk>/bestaetigen/", confirmations.confirm, name="confirm"),
    path("bestaetigen/<int:pk>/ablehnen/", confirmations.reject, name="reject"),
    path("logbuch/", exports.logbook_page, name="logbook"),
    path("logbuch.pdf", exports.logbook_pdf, name="logbook-pdf"),
    path("export.pdf", exports.record_pdf, name="export-pdf"),
    path("export.json", exports.record_json, name="export-json"),
    path(
        "bescheinigung/",
        exports.combined_certificate,
        name="combined-certificate",
    ),
]
