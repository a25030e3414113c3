"""Region scope, shown on the audit log (a core model whose rows carry a region code)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from minsheng.core import audit
from minsheng.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def events_by_region():
    """One audit event per region code: Xihu, Binjiang (also Hangzhou), Ningbo, Chaoyang."""
    codes = ["330106", "330108", "330203", "110105"]
    audit.record_many(
        None,
        [
            audit.Change(
                action="read_unmasked",
                object_type="registry.person",
                object_id=code,
                region_code=code,
            )
            for code in codes
        ],
    )
    return codes


def visible_to(actor) -> set[str]:
    events = AuditEvent.objects.for_actor(actor).filter(action="read_unmasked")
    return set(events.values_list("object_id", flat=True))


def test_county_staff_see_their_county(events_by_region, caseworker):
    assert visible_to(caseworker) == {"330106"}


def test_city_staff_see_the_whole_city(events_by_region, supervisor):
    assert visible_to(supervisor) == {"330106", "330108"}


def test_province_staff_see_the_whole_province(events_by_region, make_user):
    zhejiang = make_user("supervisor_zj", role="supervisor", region_code="330000")

    assert visible_to(zhejiang) == {"330106", "330108", "330203"}


def test_national_staff_see_everything(events_by_region, administrator):
    assert visible_to(administrator) == set(events_by_region)


def test_municipal_district_staff_see_beijing_records(events_by_region, make_user):
    beijing = make_user("supervisor_bj", role="supervisor", region_code="110000")

    assert visible_to(beijing) == {"110105"}


@pytest.mark.parametrize(
    "actor",
    [
        None,
        AnonymousUser(),
        User(username="ghost", role="caseworker", region_id=None),
        User(username="left", role="caseworker", region_id="100000", is_active=False),
        User(username="odd", role="astronaut", region_id="100000"),
    ],
    ids=["no actor", "anonymous", "staff without region", "inactive", "unknown role"],
)
def test_scope_fails_closed(events_by_region, actor):
    assert visible_to(actor) == set()


@pytest.mark.parametrize("role", ["citizen", "employer"])
def test_citizens_and_employers_see_no_staff_records(events_by_region, make_user, role):
    assert visible_to(make_user(f"a_{role}", role=role)) == set()


def test_can_see_region(caseworker, supervisor, administrator):
    assert caseworker.can_see_region("330106")
    assert not caseworker.can_see_region("330108")
    assert supervisor.can_see_region("330108")
    assert not supervisor.can_see_region("330000")
    assert administrator.can_see_region("650000")
