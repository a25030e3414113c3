"""The citizens' pension calculator form: periods in years and months, months as YYYY-MM."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from minsheng.insurance.engine.months import parse_month
from minsheng.insurance.engine.rules import Category
from minsheng.insurance.pension_explain import category_text, province_text
from minsheng.insurance.pension_rules import pension_rules, provinces_with_pension_base


class MonthInput(forms.TextInput):
    """The browser's month picker; it posts `YYYY-MM`."""

    input_type = "month"


class MonthField(forms.CharField):
    """A calendar month `YYYY-MM`, cleaned to its first day."""

    widget = MonthInput

    def to_python(self, value):
        text = super().to_python(value)
        if not text:
            return None
        try:
            index = parse_month(text.strip())
        except ValueError:
            raise forms.ValidationError(_("Give a month as YYYY-MM."), code="month") from None
        return datetime.date(index // 12, index % 12 + 1, 1)


class YearsMonthsWidget(forms.MultiWidget):
    def __init__(self, attrs=None):
        years = forms.NumberInput(
            attrs={"min": 0, "aria-label": _("years"), "placeholder": _("years")}
        )
        months = forms.NumberInput(
            attrs={"min": 0, "max": 11, "aria-label": _("months"), "placeholder": _("months")}
        )
        super().__init__((years, months), attrs)

    def decompress(self, value):
        return [value // 12, value % 12] if value is not None else [None, None]


class YearsMonthsField(forms.MultiValueField):
    """A period entered as years and months, cleaned to a count of months."""

    widget = YearsMonthsWidget

    def __init__(self, **kwargs):
        fields = (
            forms.IntegerField(min_value=0, required=False),
            forms.IntegerField(min_value=0, max_value=11, required=False),
        )
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        years, months = [*data_list, None, None][:2]
        if years is None and months is None:
            return 0
        return (years or 0) * 12 + (months or 0)


class PensionEstimateForm(forms.Form):
    birth_month = MonthField(label=_("Birth month"))
    category = forms.ChoiceField(label=_("Category"))
    province_code = forms.ChoiceField(label=_("Province where you will retire"))
    contribution_months = YearsMonthsField(label=_("Contributed so far (years, months)"))
    planned_months = YearsMonthsField(
        label=_("Still to contribute before retirement (years, months)"), required=False
    )
    deemed_months = YearsMonthsField(
        label=_("Deemed contribution years before individual accounts (years, months)"),
        required=False,
    )
    average_index = forms.DecimalField(
        label=_("Average contribution index"),
        min_value=0,
        max_digits=6,
        decimal_places=4,
        help_text=_("Your contribution base divided by the average wage, averaged over the years."),
    )
    transitional_index = forms.DecimalField(
        label=_("Index of the deemed years (if different)"),
        required=False,
        min_value=0,
        max_digits=6,
        decimal_places=4,
        help_text=_("Beijing counts deemed years with an index of 1."),
    )
    account_balance = forms.DecimalField(
        label=_("Individual account balance at retirement (yuan)"),
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=_("Today's balance if you do not know it: the estimate is then a floor."),
    )
    retirement_month = MonthField(
        label=_("Retire early or late in (optional)"),
        required=False,
        help_text=_("Leave empty for the statutory retirement month."),
    )

    def __init__(self, *args, as_of: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        rules = pension_rules(as_of)
        self.fields["category"].choices = [(c.value, category_text(c, rules)) for c in Category]
        self.fields["province_code"].choices = [
            (code, province_text(code)) for code in provinces_with_pension_base(as_of)
        ]
