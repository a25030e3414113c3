"""Pages for bulk import (upload, result, error report) and the ledger's XLSX export.

The upload is checked at once (role, region, columns, a file imported before) and then
imported by the background worker; the page follows the job (`core.job_views`) and shows the
result page when it is done.
"""

import io

import openpyxl
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from minsheng.core.errors import DomainError, NotFound
from minsheng.core.jobs import job_list
from minsheng.registry.exports import LedgerFilters, export_ledger
from minsheng.registry.imports import (
    IMPORT_ROLES,
    ImportRefused,
    check_list,
    import_batch_get,
    import_batch_list,
    outcome_of,
)
from minsheng.registry.models import KeyGroup, LedgerReason
from minsheng.registry.selectors import CASE_ROLES
from minsheng.registry.tasks import IMPORT_JOB, queue_import

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_UPLOAD_BYTES = 50 * 1024 * 1024


class ImportForm(forms.Form):
    file = forms.FileField(label=_("List (CSV or XLSX)"))
    region = forms.CharField(
        label=_("Region code for rows without one"),
        required=False,
        max_length=6,
        help_text=_("Leave empty to use your own region."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 50 MB; split it."))
        return upload


class ExportForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for full identity numbers (leave empty for masked numbers)"),
        required=False,
        max_length=200,
    )
    ledger_reason = forms.ChoiceField(
        label=_("Ledger reason"), required=False, choices=[("", _("All")), *LedgerReason.choices]
    )
    group = forms.ChoiceField(
        label=_("Key group"), required=False, choices=[("", _("All")), *KeyGroup.choices]
    )


def require_importer(request) -> None:
    if request.user.role not in IMPORT_ROLES:
        raise Http404


def visible_batch(request, batch_id: int):
    try:
        return import_batch_get(actor=request.user, batch_id=batch_id)
    except NotFound:
        raise Http404 from None


@login_required
def import_upload(request):
    """The upload form and this area's earlier imports."""
    require_importer(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data, region_code = upload.read(), form.cleaned_data["region"] or None
        try:
            earlier = check_list(actor=request.user, data=data, region_code=region_code)
            if earlier is not None:
                messages.warning(
                    request, _("This file was imported before; nothing was written this time.")
                )
                return redirect("import_result", batch_id=earlier.pk)
            job = queue_import(
                actor=request.user, file_name=upload.name, data=data,
                region_code=region_code, today=timezone.localdate(),
            )  # fmt: skip
        except ImportRefused as refused:
            form.add_error("file", refused.bilingual())
        except DomainError as refused:
            form.add_error(None, refused.bilingual())
        else:
            return redirect("job_status", job_id=job.pk)
    if request.method == "POST":
        status = 400
    batches = Paginator(import_batch_list(actor=request.user), 20).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": batches,
        "export_form": ExportForm(),
        "jobs": job_list(actor=request.user, kind=IMPORT_JOB),
    }
    return render(request, "registry/import_upload.html", context, status=status)


@login_required
def import_result(request, batch_id: int):
    require_importer(request)
    batch = visible_batch(request, batch_id)
    errors = Paginator(batch.errors, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/import_result.html",
        {"batch": batch, "outcome": outcome_of(batch), "page": errors},
    )


@login_required
def import_errors_download(request, batch_id: int):
    """The batch's row errors as XLSX, to fix the rows and send them again."""
    require_importer(request)
    batch = visible_batch(request, batch_id)
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("错误报告")
    sheet.append(["行号 Row", "列 Column", "错误代码 Code", "原因 Reason"])
    for error in batch.errors:
        sheet.append([error["row"], error["column"], error["code"], error["message"]])
    return xlsx_response(workbook, f"import-{batch.pk}-errors.xlsx")


@login_required
@require_POST
def ledger_export_download(request):
    """The open ledger in the user's area as XLSX; full numbers only with a stated reason."""
    if request.user.role not in CASE_ROLES:
        raise Http404
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The export form is not valid."))
        return redirect("import_upload")
    filters = LedgerFilters(
        reason=form.cleaned_data["ledger_reason"], group=form.cleaned_data["group"]
    )
    output = io.BytesIO()
    try:
        export_ledger(
            actor=request.user, output=output, filters=filters, reason=form.cleaned_data["reason"]
        )
    except DomainError as refused:
        messages.error(request, refused.bilingual())
        return redirect("import_upload")
    name = f"ledger-{timezone.localdate():%Y%m%d}.xlsx"
    return bytes_response(output.getvalue(), name)


def xlsx_response(workbook, file_name: str) -> HttpResponse:
    output = io.BytesIO()
    workbook.save(output)
    return bytes_response(output.getvalue(), file_name)


def bytes_response(content: bytes, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response
