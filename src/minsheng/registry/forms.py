"""Page forms: they check the shape of what was typed; the services check the business rules,
and `show_domain_error` puts a refused rule next to the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError
from minsheng.core.forms import DateWidget
from minsheng.registry.memberships import (
    DISABILITY_CATEGORY_CHOICES,
    DISABILITY_GRADE_CHOICES,
    LOW_INCOME_KIND_CHOICES,
)
from minsheng.registry.models import (
    Education,
    EmploymentStatus,
    ExitReason,
    HowFound,
    KeyGroup,
    LedgerReason,
)

# Browsers only accept ISO dates in a date input, whatever the language.


def blank(choices) -> list:
    return [("", "—"), *choices]


def show_domain_error(form: forms.Form, error: DomainError) -> None:
    """The refusal next to its field when the form has that field, else above the form."""
    field = (error.field or "").removeprefix("details.")
    form.add_error(field if field in form.fields else None, str(error.message))


class PersonFieldsForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=64)
    region_code = forms.CharField(label=_("Region code"), max_length=6, min_length=6)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    education = forms.ChoiceField(
        label=_("Education"), choices=blank(Education.choices), required=False
    )
    school = forms.CharField(label=_("School"), max_length=100, required=False)
    major = forms.CharField(label=_("Major"), max_length=100, required=False)
    graduation_date = forms.DateField(
        label=_("Graduation date"), required=False, widget=DateWidget()
    )


class PersonRegisterForm(PersonFieldsForm):
    identity_number = forms.CharField(label=_("Identity number"), max_length=24)
    field_order = ["identity_number", "name"]


class PersonEditForm(PersonFieldsForm):
    # The version the clerk read; the save is refused if someone saved the person since.
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_person(cls, person):
        return cls(
            initial={
                "name": person.name,
                "region_code": person.region_id,
                "phone": person.phone,
                "education": person.education,
                "school": person.school,
                "major": person.major,
                "graduation_date": person.graduation_date,
                "version": person.version,
            }
        )

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data


class StatusChangeForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=EmploymentStatus.choices)
    since = forms.DateField(label=_("Since"), widget=DateWidget())
    employer_name = forms.CharField(
        label=_("Employer (when employed)"), max_length=200, required=False
    )
    employer_credit_code = forms.CharField(
        label=_("Employer's credit code"), max_length=24, required=False
    )
    occupation_code = forms.CharField(
        label=_("Occupation code"), max_length=10, required=False, help_text="2-02-10-03"
    )
    how_found = forms.ChoiceField(
        label=_("How the work was found"), choices=blank(HowFound.choices), required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class LedgerEnterForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason"), choices=LedgerReason.choices)
    entered_on = forms.DateField(label=_("Entered on"), widget=DateWidget())


class LedgerExitForm(forms.Form):
    reason = forms.ChoiceField(label=_("Exit reason"), choices=blank(ExitReason.choices))
    exited_on = forms.DateField(label=_("Exit date"), widget=DateWidget())


class JobWishForm(forms.Form):
    occupation_code = forms.CharField(
        label=_("Occupation code"), max_length=10, required=False, help_text="2-02-10-03"
    )
    region_code = forms.CharField(label=_("Region code"), max_length=6, required=False)
    expected_monthly_pay = forms.IntegerField(
        label=_("Expected monthly pay (yuan)"), required=False, min_value=1
    )
    willing_to_move = forms.BooleanField(label=_("Willing to move"), required=False)


class MembershipForm(forms.Form):
    """One form for every group; only the fields of the chosen group are used."""

    group = forms.ChoiceField(label=_("Key group"), choices=KeyGroup.choices)
    since = forms.DateField(label=_("Since"), widget=DateWidget())
    home_region = forms.CharField(
        label=_("Home region code (migrant workers)"), max_length=6, required=False
    )
    work_region = forms.CharField(
        label=_("Work region code (migrant workers)"), max_length=6, required=False
    )
    returned_home = forms.BooleanField(
        label=_("Returned home to work (migrant workers)"), required=False
    )
    category = forms.ChoiceField(
        label=_("Disability category"), choices=blank(DISABILITY_CATEGORY_CHOICES), required=False
    )
    grade = forms.TypedChoiceField(
        label=_("Disability grade"),
        choices=blank(DISABILITY_GRADE_CHOICES),
        coerce=int,
        required=False,
        empty_value=None,
    )
    kind = forms.ChoiceField(
        label=_("Low-income kind"), choices=blank(LOW_INCOME_KIND_CHOICES), required=False
    )
    discharge_year = forms.IntegerField(
        label=_("Discharge year (retired soldiers)"), required=False
    )

    def details(self) -> dict:
        data = self.cleaned_data
        fields = {
            KeyGroup.MIGRANT_WORKER: ("home_region", "work_region", "returned_home"),
            KeyGroup.DISABILITY: ("category", "grade"),
            KeyGroup.LOW_INCOME: ("kind",),
            KeyGroup.RETIRED_SOLDIER: ("discharge_year",),
        }.get(data["group"], ())
        return {name: data[name] for name in fields}


class MembershipEndForm(forms.Form):
    until = forms.DateField(label=_("Until"), widget=DateWidget())
