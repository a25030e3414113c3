"""Page forms of the skills context: they check that what was typed has the right shape; the
services check the rules, and `show_domain_error` puts a refusal next to its field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.forms import DateWidget
from minsheng.core.regions import region_tree
from minsheng.core.skill_levels import SkillLevel
from minsheng.skills.models import CourseStatus, FocusArea, ObtainedBy, ProviderKind


def today():
    return timezone.localdate()


def blank(choices, label="—") -> list:
    return [("", label), *choices]


def first_error(form: forms.Form) -> str:
    """One line for a refused row action: "Label: message"."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}: {errors[0]}" if label else errors[0]
    return ""


class CatalogueForm(forms.Form):
    q = forms.CharField(label=_("Course or provider"), max_length=100, required=False)
    focus_area = forms.ChoiceField(
        label=_("Focus area"), choices=blank(FocusArea.choices, _("Any")), required=False
    )
    occupation = forms.CharField(
        label=_("Occupation code"),
        max_length=10,
        required=False,
        help_text=_("An occupation such as 4-04-05-05, or a group such as 4-04-00-00."),
    )
    region = forms.ChoiceField(label=_("Where"), required=False)
    level = forms.TypedChoiceField(
        label=_("Skill level"),
        choices=blank(SkillLevel.choices, _("Any")),
        coerce=int,
        empty_value=None,
        required=False,
    )
    open_only = forms.BooleanField(label=_("Open for enrolment only"), required=False)

    def __init__(self, *args, regions: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = blank(regions, _("Anywhere"))

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"],
            "focus_area": data["focus_area"],
            "occupation_code": data["occupation"].strip(),
            "region_code": data["region"] if data["region"] in region_tree() else "",
            "level": data["level"],
            "open_on": today() if data["open_only"] else None,
        }


class ProviderForm(forms.Form):
    name = forms.CharField(label=_("Name of the provider"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of provider"), choices=blank(ProviderKind.choices))
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18)
    region_code = forms.CharField(label=_("Region code"), max_length=6)
    address = forms.CharField(label=_("Address"), max_length=200, required=False)
    accreditation_number = forms.CharField(label=_("Accreditation number"), max_length=64)
    accredited_from = forms.DateField(label=_("Accredited from"), widget=DateWidget())
    accredited_until = forms.DateField(
        label=_("Accredited until (empty: open-ended)"), widget=DateWidget(), required=False
    )


class CourseForm(forms.Form):
    provider = forms.TypedChoiceField(label=_("Training provider"), coerce=int)
    title = forms.CharField(label=_("Course title"), max_length=120)
    occupation_code = forms.CharField(
        label=_("Occupation code"),
        max_length=10,
        help_text=_("The focus area (digital, green, care) follows from the occupation."),
    )
    target_level = forms.TypedChoiceField(
        label=_("Level it leads to"), choices=blank(SkillLevel.choices), coerce=int
    )
    hours = forms.IntegerField(label=_("Hours"), min_value=1)
    starts_on = forms.DateField(label=_("First day"), widget=DateWidget())
    ends_on = forms.DateField(label=_("Last day"), widget=DateWidget())
    place = forms.CharField(label=_("Where it takes place"), max_length=200)
    region_code = forms.CharField(label=_("Region code"), max_length=6)
    capacity = forms.IntegerField(label=_("Places"), min_value=1)
    cost = forms.DecimalField(label=_("Fee per person (yuan)"), decimal_places=2, min_value=0)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, providers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = blank([(p.pk, p.name) for p in providers])


class RowForm(forms.Form):
    """A form shown beside others on one page (once per row of a table, or in a section of
    the person page): its ids carry a key, so that ids and labels stay unique on the page."""

    def __init__(self, *args, row: int | str = "", **kwargs):
        kwargs.setdefault("auto_id", f"id_{row}_%s" if row != "" else "id_%s")
        super().__init__(*args, **kwargs)


class AttendanceForm(RowForm):
    hours = forms.DecimalField(
        label=_("Hours attended"), decimal_places=1, min_value=0, widget=forms.NumberInput()
    )
    on = forms.DateField(label=_("Up to"), widget=DateWidget(), initial=today)


class CompletionForm(RowForm):
    completed_on = forms.DateField(label=_("Completed on"), widget=DateWidget(), initial=today)


class AssessmentForm(RowForm):
    score = forms.DecimalField(label=_("Score (0–100)"), decimal_places=1)
    assessed_on = forms.DateField(label=_("Assessed on"), widget=DateWidget(), initial=today)


class CertificateForm(RowForm):
    issued_on = forms.DateField(label=_("Issued on"), widget=DateWidget(), initial=today)


class DropForm(RowForm):
    reason = forms.CharField(label=_("Why the person leaves"), max_length=500)


class RevokeForm(RowForm):
    reason = forms.CharField(label=_("Why the certificate is revoked"), max_length=500)


class PayForm(RowForm):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateWidget(), initial=today)
    voucher = forms.CharField(label=_("Payment voucher"), max_length=64, required=False)


class CourseStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Enrolment"), choices=CourseStatus.choices)
    reason = forms.CharField(label=_("Why (needed to cancel)"), max_length=500, required=False)


class QuickEnrolForm(RowForm):
    course = forms.TypedChoiceField(label=_("Course"), coerce=int)

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].choices = blank(
            [(c.pk, f"{c.title} · {c.provider.name} · {c.starts_on:%Y-%m-%d}") for c in courses]
        )


class SkillLevelForm(RowForm):
    occupation_code = forms.CharField(label=_("Occupation code"), max_length=10)
    level = forms.TypedChoiceField(
        label=_("Skill level"), choices=blank(SkillLevel.choices), coerce=int
    )
    obtained_by = forms.ChoiceField(
        label=_("Obtained by"),
        choices=[
            (ObtainedBy.ENTERPRISE_EVALUATION, ObtainedBy.ENTERPRISE_EVALUATION.label),
            (ObtainedBy.VOCATIONAL_SCHOOL, ObtainedBy.VOCATIONAL_SCHOOL.label),
        ],
    )
    obtained_on = forms.DateField(label=_("Obtained on"), widget=DateWidget())
    evaluated_by = forms.CharField(label=_("Evaluated by (enterprise or school)"), max_length=200)


class ShortageForm(forms.Form):
    region = forms.CharField(label=_("Region code"), max_length=6)
    occupation = forms.CharField(
        label=_("Occupation (code or name)"), max_length=50, required=False
    )


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=40,
        help_text=_("As printed on the certificate, e.g. JN-2025-330106-K7M3QP-X."),
    )
