from django.utils.translation import gettext_lazy as _

from minsheng.core.errors import DomainError


def test_placeholders_are_filled_in_both_languages():
    error = DomainError(
        "unknown_region",
        _("Unknown region code."),
        field="region_code",
    )
    with_params = DomainError(
        "too_many_titles", _("At most %(limit)s titles per call."), params={"limit": 1000}
    )

    assert error.messages()["en"] == "Unknown region code."
    assert error.messages()["zh-hans"] != error.messages()["en"]
    assert with_params.messages()["en"] == "At most 1000 titles per call."
    assert "1000" in with_params.messages()["zh-hans"]
    assert with_params.messages()["zh-hans"] != with_params.messages()["en"]
    assert with_params.as_dict()["field"] is None
