"""Masking of personal identifiers for display: full values are shown only on audited request."""


def mask_identity_number(number: str | None) -> str:
    """`11010519491231002X` → `110105********002X`: the region stays, the birth date goes."""
    if not number:
        return ""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str | None) -> str:
    """`13812345678` → `138****5678`."""
    if not phone:
        return ""
    if len(phone) <= 7:
        return "*" * len(phone)
    return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
