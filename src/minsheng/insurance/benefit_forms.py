"""Page forms for unemployment claims and personal pensions. They check the shape of what was
typed; the services decide, and `show_domain_error` puts a refusal next to its field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.forms import DateWidget
from minsheng.insurance.engine.rules import Category
from minsheng.insurance.forms import MonthField
from minsheng.insurance.personal_pension_rules import ATTESTED, LABELS
from minsheng.insurance.unemployment_models import ClaimStatus, JobLossReason

CATEGORY_LABELS = {
    Category.MALE: _("Man (60 before the reform)"),
    Category.FEMALE_CADRE: _("Woman retiring at 55 before the reform"),
    Category.FEMALE_WORKER: _("Woman retiring at 50 before the reform"),
}


class ClaimFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or identity number"), max_length=32, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *ClaimStatus.choices], required=False
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"search": self.cleaned_data["q"], "status": self.cleaned_data["status"]}


class ClaimForm(forms.Form):
    lost_job_on = forms.DateField(label=_("The job ended on"), widget=DateWidget())
    reason = forms.ChoiceField(label=_("How the job ended"), choices=JobLossReason.choices)
    seeking_work = forms.BooleanField(
        label=_("I am looking for work and will take part in job search and training"),
        required=False,
    )


class StaffClaimForm(ClaimForm):
    identity_number = forms.CharField(label=_("Identity number"), max_length=24)
    field_order = ["identity_number", "lost_job_on", "reason", "seeking_work"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seeking_work"].label = _("The claimant states they are looking for work")


class PayBenefitsForm(forms.Form):
    month = MonthField(label=_("Benefit month"))


class IdentityForm(forms.Form):
    identity_number = forms.CharField(label=_("Identity number"), max_length=24)


class PersonalPensionSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or identity number"), max_length=32, required=False)


class PersonalContributionForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (yuan)"), max_digits=14, decimal_places=2, min_value=0
    )
    paid_on = forms.DateField(label=_("Paid on"), widget=DateWidget(), initial=timezone.localdate)


class WithdrawalForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount to withdraw (yuan)"), max_digits=14, decimal_places=2, min_value=0
    )
    retirement_category = forms.ChoiceField(
        label=_("Retirement category"),
        choices=[("", _("From the record (women: 55)")), *CATEGORY_LABELS.items()],
        required=False,
    )


class StaffWithdrawalForm(WithdrawalForm):
    attested = forms.MultipleChoiceField(
        label=_("Conditions recorded from documents"),
        choices=[(code, LABELS[code]) for code in ATTESTED],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    evidence = forms.CharField(
        label=_("Document"),
        max_length=200,
        required=False,
        help_text=_("The appraisal, certificate or decision the conditions are recorded from."),
    )
