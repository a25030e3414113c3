"""Page forms of recruitment docking: they check what was typed has the right shape; the
services check the rules, and `show_domain_error` puts a refusal next to its field."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.core.forms import DateWidget
from minsheng.core.regions import region_tree
from minsheng.core.skill_levels import SkillLevel
from minsheng.jobs.models import CampaignKind, ContractType, EmployerSize, FairMode, Industry
from minsheng.registry.models import Education, KeyGroup

# The site's stylesheet makes every input a full-width block; a tick box stays small.
CHECKBOX_STYLE = "display:inline-block;width:auto;margin-right:.4rem"


def today():
    return timezone.localdate()


def blank(choices, label="—") -> list:
    return [("", label), *choices]


def county_choices(province_code: str | None) -> list[tuple[str, str]]:
    """The counties (and districts) of a province, named "city district"."""
    tree = region_tree()
    if not province_code:
        return []
    choices = []
    for code in tree.counties_under(province_code):
        county = tree.get(code)
        city = tree.get(county.parent_code) if county.parent_code else None
        # The synthesised "市辖区" level of the municipalities has no pinyin and no use here.
        city_name = city.name if city and city.pinyin and city.code != province_code else ""
        choices.append((code, f"{city_name} {county.name}".strip()))
    return choices


class VacancyForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=100)
    description = forms.CharField(
        label=_("What the work is"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    headcount = forms.IntegerField(label=_("How many people"), min_value=1, initial=1)
    pay_min = forms.DecimalField(label=_("Lowest monthly pay (yuan)"), decimal_places=2)
    pay_max = forms.DecimalField(label=_("Highest monthly pay (yuan)"), decimal_places=2)
    education = forms.ChoiceField(
        label=_("Minimum education"),
        choices=blank(Education.choices, _("Not required")),
        required=False,
    )
    skill_level = forms.TypedChoiceField(
        label=_("Skill level"),
        choices=blank(SkillLevel.choices, _("Not required")),
        coerce=int,
        empty_value=None,
        required=False,
    )
    region_code = forms.ChoiceField(label=_("Where the work is"))
    contract_type = forms.ChoiceField(label=_("Type of contract"), choices=ContractType.choices)
    opens_on = forms.DateField(label=_("Open from"), widget=DateWidget(), initial=today)
    closes_on = forms.DateField(label=_("Open until"), widget=DateWidget())
    occupation_code = forms.CharField(
        label=_("Occupation code (optional)"),
        max_length=10,
        required=False,
        help_text=_(
            "Leave empty: the occupation is coded from the job title automatically. "
            "You can correct it afterwards."
        ),
    )

    def __init__(self, *args, province_code: str | None, current_region: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        choices = county_choices(province_code)
        if current_region and current_region not in dict(choices):
            region = region_tree().get(current_region)
            choices.insert(0, (current_region, region.name if region else current_region))
        self.fields["region_code"].choices = choices

    def service_fields(self) -> dict:
        return dict(self.cleaned_data)


class VacancyEditForm(VacancyForm):
    # The version that was read; the save is refused if someone saved the vacancy since.
    version = forms.IntegerField(widget=forms.HiddenInput)

    @classmethod
    def for_vacancy(cls, vacancy, *, province_code: str):
        initial = {
            name: getattr(vacancy, name)
            for name in (
                "title", "description", "headcount", "pay_min", "pay_max", "education",
                "skill_level", "contract_type", "opens_on", "closes_on", "occupation_code",
                "version",
            )
        }  # fmt: skip
        initial["region_code"] = vacancy.region_id
        return cls(initial=initial, province_code=province_code, current_region=vacancy.region_id)

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("version")
        return data


class ReviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("What the employer must change (when sending back)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class StepForm(forms.Form):
    status = forms.ChoiceField(
        choices=[(s, s) for s in ("interviewed", "offered", "hired", "rejected", "withdrawn")]
    )
    on = forms.DateField(label=_("Date"), widget=DateWidget(), initial=today)
    monthly_pay = forms.DecimalField(
        label=_("Agreed monthly pay (yuan)"), decimal_places=2, required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class FairJoinForm(forms.Form):
    vacancies = forms.ModelMultipleChoiceField(
        label=_("Vacancies you bring to the fair"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple(attrs={"style": CHECKBOX_STYLE}),
    )

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancies"].queryset = vacancies
        self.fields["vacancies"].label_from_instance = lambda v: (
            f"{v.title} · {v.headcount} · {v.pay_min:.0f}–{v.pay_max:.0f}"
        )


class EmployerForm(forms.Form):
    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=18)
    name = forms.CharField(label=_("Name of the employer"), max_length=200)
    industry = forms.ChoiceField(label=_("Industry"), choices=blank(Industry.choices))
    size = forms.ChoiceField(label=_("Size"), choices=blank(EmployerSize.choices))
    region_code = forms.CharField(label=_("Region code"), max_length=6)
    contact_name = forms.CharField(label=_("Contact person"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("Contact phone"), max_length=20, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class AccountForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Type of campaign"), choices=CampaignKind.choices)
    starts_on = forms.DateField(label=_("First day"), widget=DateWidget())
    ends_on = forms.DateField(label=_("Last day"), widget=DateWidget())
    region_code = forms.CharField(label=_("Organising region code"), max_length=6)
    target_groups = forms.MultipleChoiceField(
        label=_("Meant for (none ticked: everyone)"),
        choices=KeyGroup.choices,
        widget=forms.CheckboxSelectMultiple(attrs={"style": CHECKBOX_STYLE}),
        required=False,
    )
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class FairForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    mode = forms.ChoiceField(label=_("On site or online"), choices=FairMode.choices)
    held_on = forms.DateField(label=_("Held on"), widget=DateWidget())
    region_code = forms.CharField(label=_("Region code"), max_length=6)
    venue = forms.CharField(label=_("Venue (on site)"), max_length=200, required=False)
    booths = forms.IntegerField(label=_("Booths (on site)"), min_value=0, initial=0)


class VacancySearchForm(forms.Form):
    q = forms.CharField(label=_("Job title or employer"), max_length=100, required=False)
    region = forms.CharField(label=_("Region code"), max_length=6, required=False)
    contract_type = forms.ChoiceField(
        label=_("Type of contract"), choices=blank(ContractType.choices, _("Any")), required=False
    )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "search": data["q"],
            "region_code": data["region"] if data["region"] in region_tree() else "",
            "contract_type": data["contract_type"],
        }
