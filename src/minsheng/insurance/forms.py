"""Page forms for enrolment, declarations, payments and transfers. They check the shape of what
was typed; the services decide, and `show_domain_error` puts a refusal next to its field."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.forms import DateWidget
from minsheng.insurance.calculations import add_months, month_start
from minsheng.insurance.models import EndReason, EnrolmentKind

MONTH_HELP = _("YYYY-MM, e.g. 2026-10.")


def last_month() -> str:
    return f"{add_months(month_start(timezone.localdate()), -1):%Y-%m}"


class MonthField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Contribution month"))
        kwargs.setdefault("help_text", MONTH_HELP)
        super().__init__(max_length=10, **kwargs)
        self.widget = forms.TextInput(attrs={"placeholder": "2026-10", "inputmode": "numeric"})


class EnrolEmployeeForm(forms.Form):
    identity_number = forms.CharField(label=_("Identity number"), max_length=24)
    name = forms.CharField(
        label=_("Name"),
        max_length=64,
        required=False,
        help_text=_("Needed when the person is not registered yet; checked when they are."),
    )
    started_on = forms.DateField(label=_("Insured from"), widget=DateWidget())


class EndEnrolmentForm(forms.Form):
    ended_on = forms.DateField(label=_("Insured until"), widget=DateWidget())
    reason = forms.ChoiceField(label=_("Why it ends"), choices=EndReason.choices)


class DeclareForm(forms.Form):
    month = MonthField()
    file = forms.FileField(
        label=_("Declaration file (CSV or XLSX)"),
        help_text=_("Columns 身份证号 and 缴费工资; 姓名 and 所属期 are read when present."),
    )


class PaymentForm(forms.Form):
    month = MonthField()
    amount = forms.DecimalField(label=_("Amount (yuan)"), max_digits=14, decimal_places=2)
    paid_on = forms.DateField(label=_("Paid on"), widget=DateWidget(), initial=timezone.localdate)
    reference = forms.CharField(label=_("Payment reference"), max_length=64, required=False)


class FlexibleEnrolForm(forms.Form):
    region_code = forms.CharField(
        label=_("Where you contribute (region code)"),
        max_length=6,
        help_text=_(
            "The city or county code, e.g. 330106. Any region in China: where your household "
            "is registered does not matter."
        ),
    )
    started_on = forms.DateField(label=_("Insured from"), widget=DateWidget())


class FlexibleBaseForm(forms.Form):
    month = MonthField()
    base = forms.DecimalField(
        label=_("Contribution base (yuan a month)"),
        max_digits=14,
        decimal_places=2,
        help_text=_("Between 60% and 300% of the provincial average wage."),
    )


class StaffFlexibleEnrolForm(FlexibleEnrolForm):
    identity_number = forms.CharField(label=_("Identity number"), max_length=24)
    name = forms.CharField(label=_("Name"), max_length=64, required=False)
    field_order = ["identity_number", "name", "region_code", "started_on"]


class TransferForm(forms.Form):
    to_region_code = forms.CharField(
        label=_("Receiving region (code)"),
        max_length=6,
        help_text=_("Your region, or a region below it, where the person now contributes."),
    )
    transferred_on = forms.DateField(
        label=_("Transferred on"), widget=DateWidget(), initial=timezone.localdate
    )


class EnrolmentFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or identity number"), max_length=32, required=False)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any")), *EnrolmentKind.choices], required=False
    )
    open_only = forms.BooleanField(label=_("Currently insured only"), required=False)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {"search": data["q"], "kind": data["kind"], "open_only": data["open_only"]}


def as_of_date(raw: str | None) -> datetime.date:
    try:
        return datetime.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        return timezone.localdate()
