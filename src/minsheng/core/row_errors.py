"""A problem in one row of an imported file: row, column, a code and a message in both languages."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.functional import Promise

from minsheng.core.errors import LANGUAGE_CODES


def bilingual(message: str | Promise) -> dict[str, str]:
    messages = {}
    for language in LANGUAGE_CODES:
        with translation.override(language):
            messages[language] = str(message)
    return messages


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    code: str
    message: str | Promise

    def as_dict(self) -> dict:
        messages = bilingual(self.message)
        zh, en = messages["zh-hans"], messages["en"]
        return {
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": zh if zh == en else f"{zh} / {en}",
            "messages": messages,
        }
