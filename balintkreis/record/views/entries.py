from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from balintkreis.accounts.http import AuthenticatedHttpRequest
from balintkreis.core.errors import RuleError
from balintkreis.record import documents, entries, permissions, uploads
from balintkreis.record.forms import OutsideEntryForm
from balintkreis.record.models import OutsideEntry


def _form_page(
    request: AuthenticatedHttpRequest,
    form: OutsideEntryForm,
    entry: OutsideEntry | None,
) -> HttpResponse:
    status = 422 if request.method == "POST" else 200
    context = {"form": form, "entry": entry}
    return render(request, "record/entry_form.html", context, status=status)


# The scan must stay in memory (record/uploads.py): the upload handlers are
# replaced before anything reads the body. The CSRF middleware reads
# request.POST before the view, so it is skipped there and the check runs
# inside, after the replacement (Django docs, "Modifying upload handlers on
# the fly").


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def entry_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    uploads.keep_in_memory(request)
    return _entry_create(request)


@csrf_protect
def _entry_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = OutsideEntryForm(
        request.POST or None, request.FILES or None, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            entries.add(
                request.user,
                by=request.user,
                values=form.cleaned_data,
                upload=form.cleaned_data.get("scan"),
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                _(
                    "The entry has been added. It counts as self-reported until it is confirmed."
                ),
            )
            return redirect("record:overview")
    return _form_page(request, form, None)


@csrf_exempt
@login_required
@require_http_methods(["GET", "POST"])
def entry_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    uploads.keep_in_memory(request)
    return _entry_edit(request, pk)


@csrf_protect
def _entry_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_own_entry(request.user, pk)
    if not entry.is_editable:
        messages.info(
            request, _("This entry has been confirmed and can no longer be changed.")
        )
        return redirect("record:overview")
    form = OutsideEntryForm(
        request.POST or None, request.FILES or None, instance=entry, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            entries.update(
                entry,
                by=request.user,
                values=form.cleaned_data,
                upload=form.cleaned_data.get("scan"),
            )
        except RuleError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The entry has been saved."))
            return redirect("record:overview")
    return _form_page(request, form, entry)


@login_required
@require_http_methods(["GET", "POST"])
def entry_delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = permissions.get_own_entry(request.user, pk)
    if request.method == "POST":
        entries.delete(entry, by=request.user)
        messages.success(request, _("The entry has been deleted."))
        return redirect("record:overview")
    return render(request, "record/entry_delete.html", {"entry": entry})


@login_required
@require_GET
def entry_document(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The decrypted scan for the person and the confirming role (audited)."""
    entry = permissions.get_entry_for_reader(request.user, pk)
    if not hasattr(entry, "document"):
        messages.info(request, _("No certificate has been uploaded for this entry."))
        return redirect("record:overview")
    document = documents.read(entry, by=request.user)
    response = HttpResponse(document.content, content_type=document.content_type)
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
