import datetime

import pytest

from minsheng.registry.models import Person, StatusChange
from minsheng.registry.selectors import is_long_term_unemployed, long_term_unemployed

pytestmark = pytest.mark.django_db

D = datetime.date


def history(person, *changes):
    for status, since in changes:
        StatusChange.objects.create(person=person, status=status, since=since)
    return list(person.status_history.all())


@pytest.mark.parametrize(
    ("changes", "as_of", "expected"),
    [
        ([("unemployed", D(2025, 1, 10))], D(2026, 1, 10), True),  # exactly 12 months
        ([("unemployed", D(2025, 1, 10))], D(2026, 1, 9), False),  # one day short
        # re-registering as unemployed does not restart the run
        ([("unemployed", D(2024, 6, 1)), ("unemployed", D(2025, 9, 1))], D(2025, 10, 1), True),
        # a job in between breaks it
        (
            [
                ("unemployed", D(2024, 1, 1)),
                ("employed", D(2024, 8, 1)),
                ("unemployed", D(2025, 3, 1)),
            ],
            D(2026, 1, 1),
            False,
        ),
        ([("unemployed", D(2024, 1, 1)), ("employed", D(2025, 6, 1))], D(2026, 1, 1), False),
        # history after as_of is ignored: on 2025-03-01 they were long-term unemployed
        ([("unemployed", D(2024, 1, 1)), ("employed", D(2025, 6, 1))], D(2025, 3, 1), True),
        ([], D(2026, 1, 1), False),
    ],
)
def test_long_term_unemployment_is_derived_from_the_status_history(
    people, changes, as_of, expected
):
    person = people["xihu"]
    recorded = history(person, *changes)

    assert is_long_term_unemployed(recorded, as_of) is expected
    found = long_term_unemployed(Person.objects.filter(pk=person.pk), as_of)
    assert found.exists() is expected
