"""Certificate numbers: `JN` + issue year + issuer's region code + 6 random characters + a check
character (ISO 7064 MOD 37,36, from python-stdnum), e.g. `JN2025330106K7M3QP` + `X`.

Shown grouped as `JN-2025-330106-K7M3QP-X`; typed with or without hyphens and spaces, in
either case. The random part keeps numbers from being guessed one after another on the public
verification page (36^6 ≈ 2 × 10^9 per issuer region and year); the check character catches
a mistyped character before the database is asked.
"""

import datetime
import secrets

from django.utils.translation import gettext_lazy as _
from stdnum.iso7064 import mod_37_36

from minsheng.core.errors import DomainError
from minsheng.core.identity import compact

PREFIX = "JN"
RANDOM_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: read aloud over the phone
RANDOM_LENGTH = 6
LENGTH = len(PREFIX) + 4 + 6 + RANDOM_LENGTH + 1


class InvalidCertificateNumber(DomainError):
    pass


def new_number(*, issued_on: datetime.date, region_code: str) -> str:
    random_part = "".join(secrets.choice(RANDOM_ALPHABET) for _ in range(RANDOM_LENGTH))
    body = f"{PREFIX}{issued_on.year:04d}{region_code}{random_part}"
    return body + mod_37_36.calc_check_digit(body)


def parse_number(raw: str, *, field: str = "number") -> str:
    """The number in its stored form, or a refusal saying what is wrong with it."""
    number = compact(raw)
    if len(number) != LENGTH or not number.startswith(PREFIX) or not number.isalnum():
        raise InvalidCertificateNumber(
            "certificate_number_format",
            _("A certificate number looks like JN-2025-330106-K7M3QP-X (19 letters and digits)."),
            field=field,
        )
    if not mod_37_36.is_valid(number):
        raise InvalidCertificateNumber(
            "certificate_number_checksum",
            _(
                "The check character of the certificate number is wrong; please check every "
                "character."
            ),
            field=field,
        )
    return number


def grouped(number: str) -> str:
    """`JN2025330106K7M3QPX` → `JN-2025-330106-K7M3QP-X`."""
    if len(number) != LENGTH:
        return number
    return "-".join((number[:2], number[2:6], number[6:12], number[12:18], number[18:]))
