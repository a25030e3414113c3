from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError
from minsheng.core.services import sign_in


class SignInForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)

    def __init__(self, request, *args, **kwargs):
        self.request = request
        self.user = None
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            self.user = sign_in(
                request=self.request, username=data["username"], password=data["password"]
            )
        except DomainError as error:
            raise forms.ValidationError(str(error.message), code=error.code) from None
        return data


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100, initial="api")


class IdentifierForm(forms.Form):
    number = forms.CharField(label=_("Identity number or credit code"), max_length=32)


class DateWidget(forms.DateInput):
    """The browser's date picker; it only understands ISO dates, whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def show_domain_error(form: forms.Form, error: DomainError) -> None:
    """The service's message next to the field it names, else above the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message_in(get_language() or "zh-hans"))
