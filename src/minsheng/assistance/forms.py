from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from minsheng.assistance.models import Channel, ServiceKind
from minsheng.core.forms import DateWidget


def today():
    return timezone.localdate()


class ServiceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    delivered_on = forms.DateField(label=_("Date"), widget=DateWidget, initial=today)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    content = forms.CharField(
        label=_("What was given"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )


class FollowUpForm(forms.Form):
    visited_on = forms.DateField(label=_("Date"), widget=DateWidget, initial=today)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    notes = forms.CharField(
        label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )


class AsOfForm(forms.Form):
    as_of = forms.DateField(label=_("As of"), widget=DateWidget, required=False)
    region = forms.CharField(label=_("Region code"), max_length=6, required=False)
    q = forms.CharField(label=_("Name"), max_length=64, required=False)

    def as_of_or_today(self):
        return (self.is_valid() and self.cleaned_data["as_of"]) or today()


class CaseworkerChoiceForm(forms.Form):
    caseworker = forms.ModelChoiceField(label=_("Caseworker"), queryset=None)
    on = forms.DateField(label=_("From"), widget=DateWidget, initial=today)

    def __init__(self, *args, caseworkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["caseworker"].queryset = caseworkers
        self.fields["caseworker"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )
