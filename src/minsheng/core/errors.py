"""Typed business errors: a stable code, a message a clerk understands, and the field at fault.

Messages are gettext strings, so each error can be shown in Chinese and in English.
"""

from django.utils import translation
from django.utils.functional import Promise

LANGUAGE_CODES = ("zh-hans", "en")


class DomainError(Exception):
    """A request refused for a business reason; maps to a 4xx answer."""

    status = 400

    def __init__(
        self,
        code: str,
        message: str | Promise,
        *,
        field: str | None = None,
        params: dict | None = None,
    ) -> None:
        """`params` fill `%(name)s` placeholders after translation, so both languages get them."""
        self.code = code
        self.message = message
        self.field = field
        self.params = params
        super().__init__(self.message_in(translation.get_language() or "zh-hans"))

    def message_in(self, language: str) -> str:
        with translation.override(language):
            text = str(self.message)
        return text % self.params if self.params else text

    def messages(self) -> dict[str, str]:
        return {language: self.message_in(language) for language in LANGUAGE_CODES}

    def bilingual(self) -> str:
        """The message as "中文 / English", for CLI output and import error reports."""
        zh, en = self.message_in("zh-hans"), self.message_in("en")
        return zh if zh == en else f"{zh} / {en}"

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": self.message_in(translation.get_language() or "zh-hans"),
            "messages": self.messages(),
            "field": self.field,
        }

    def __str__(self) -> str:
        return self.bilingual()


class NotFound(DomainError):
    """The record does not exist or lies outside the actor's region: the answer is the same."""

    status = 404


class PermissionDenied(DomainError):
    status = 403


class Conflict(DomainError):
    """Someone else changed the record first (optimistic locking) or a duplicate exists."""

    status = 409
