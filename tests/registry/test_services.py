"""Writes of the ledger: validation a clerk would notice, optimistic locking, and audit rows."""

import datetime

import pytest
from stdnum.cn import ric

from minsheng.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from minsheng.core.models import AuditEvent
from minsheng.registry import services
from minsheng.registry.models import LedgerEntry, Person

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 25)


def identity_number(region_code="330106", birth="19990315", sequence=13) -> str:
    body = f"{region_code}{birth}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def register(actor, **overrides) -> Person:
    fields = {
        "identity_number": identity_number(),
        "name": "林晓",
        "region_code": "330106",
        "today": TODAY,
    } | overrides
    return services.register_person(actor=actor, **fields)


def refusal(excinfo) -> tuple[str, str | None]:
    return excinfo.value.code, excinfo.value.field


def test_registering_derives_birth_date_and_sex_and_audits_masked(caseworker):
    person = register(caseworker, phone="13900001111", graduation_date=D(2021, 6, 30))

    assert (person.birth_date, person.sex, person.province_code) == (D(1999, 3, 15), "M", "330000")
    event = AuditEvent.objects.get(action="person_registered")
    assert event.object_id == str(person.pk) and event.actor_id == caseworker.pk
    assert person.identity_number not in str(event.after)
    assert event.after["phone"] == "139****1111"


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"identity_number": identity_number()[:-1] + "0"}, "identity_number_checksum", None),
        ({"identity_number": "33010619990315"}, "identity_number_length", None),
        (
            {"identity_number": identity_number(birth="20270101")},
            "identity_number_birth_date",
            None,
        ),
        ({"birth_date": D(1999, 3, 16)}, "birth_date_mismatch", "birth_date"),
        ({"sex": "F"}, "sex_mismatch", "sex"),
        ({"region_code": "330108"}, "region_out_of_scope", "region_code"),
        ({"region_code": "990000"}, "unknown_region", "region_code"),
        ({"graduation_date": D(1998, 6, 30)}, "graduation_before_birth", "graduation_date"),
        ({"name": "  "}, "name_required", "name"),
    ],
)
def test_bad_registrations_are_refused_and_nothing_is_written(caseworker, overrides, code, field):
    with pytest.raises(DomainError) as excinfo:
        register(caseworker, **overrides)

    assert excinfo.value.code == code
    if field:
        assert excinfo.value.field == field
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(action="person_registered").exists()


def test_a_second_registration_of_the_same_number_is_a_conflict(caseworker, supervisor):
    register(caseworker)

    with pytest.raises(Conflict) as excinfo:
        register(supervisor, identity_number=" " + identity_number().lower(), name="林小")

    assert refusal(excinfo) == ("person_exists", "identity_number")
    assert Person.objects.count() == 1


def test_roles_that_only_read_cannot_write(make_user):
    clerk = make_user("clerk", role="insurance_clerk", region_code="330106")
    with pytest.raises(PermissionDenied):
        register(clerk)


def test_update_needs_the_version_that_was_read(caseworker, supervisor):
    person = register(caseworker)
    first_view = Person.objects.get(pk=person.pk)
    second_view = Person.objects.get(pk=person.pk)

    services.update_person(
        actor=caseworker, person=first_view, version=first_view.version, phone="13700000000"
    )
    with pytest.raises(Conflict) as excinfo:
        services.update_person(
            actor=supervisor, person=second_view, version=second_view.version, name="林晓雪"
        )

    assert excinfo.value.status == 409
    assert excinfo.value.field == "version"
    assert "reload" in excinfo.value.message_in("en")
    stored = Person.objects.get(pk=person.pk)
    assert (stored.name, stored.phone, stored.version) == ("林晓", "13700000000", 2)
    updates = AuditEvent.objects.filter(action="person_updated")
    assert updates.count() == 1
    assert updates.get().before == {"phone": "", "version": 1}
    assert updates.get().after == {"phone": "137****0000", "version": 2}


def test_update_refuses_a_region_out_of_scope_and_a_graduation_before_birth(caseworker):
    person = register(caseworker)
    with pytest.raises(DomainError, match="outside"):
        services.update_person(actor=caseworker, person=person, version=1, region_code="110105")
    with pytest.raises(DomainError) as excinfo:
        services.update_person(
            actor=caseworker, person=person, version=1, graduation_date=D(1990, 1, 1)
        )
    assert excinfo.value.code == "graduation_before_birth"
    assert Person.objects.get(pk=person.pk).version == 1


def test_writes_about_someone_out_of_scope_are_not_found(caseworker, people):
    with pytest.raises(NotFound):
        services.update_person(actor=caseworker, person=people["binjiang"], version=1, name="x")
    with pytest.raises(NotFound):
        services.record_status_change(
            actor=caseworker, person=people["chaoyang"], status="unemployed", since=TODAY
        )


@pytest.fixture
def graduate(caseworker):
    return register(caseworker, education="bachelor", graduation_date=D(2025, 6, 30))


def test_memberships_check_the_facts_of_their_group(caseworker, graduate):
    with pytest.raises(DomainError) as excinfo:
        services.add_membership(
            actor=caseworker,
            person=graduate,
            group="disability",
            since=D(2020, 1, 1),
            details={"category": "physical", "grade": 5},
        )
    assert refusal(excinfo) == ("disability_grade", "details.grade")
    with pytest.raises(DomainError) as excinfo:
        services.add_membership(
            actor=caseworker, person=graduate, group="unemployed_youth", since=D(2025, 7, 1)
        )
    assert excinfo.value.code == "not_youth"  # 26 years old by then
    with pytest.raises(DomainError) as excinfo:
        services.add_membership(
            actor=caseworker,
            person=graduate,
            group="migrant_worker",
            since=D(2025, 7, 1),
            details={"home_region": "999999", "work_region": "330106"},
        )
    assert refusal(excinfo) == ("unknown_region", "details.home_region")

    membership = services.add_membership(
        actor=caseworker,
        person=graduate,
        group="disability",
        since=D(2020, 1, 1),
        details={"category": "physical", "grade": "3", "ignored": True},
    )
    assert membership.details == {"category": "physical", "grade": 3}
    with pytest.raises(Conflict):
        services.add_membership(
            actor=caseworker,
            person=graduate,
            group="disability",
            since=D(2021, 1, 1),
            details={"category": "physical", "grade": 3},
        )
    with pytest.raises(DomainError, match="before"):
        services.end_membership(actor=caseworker, membership=membership, until=D(2019, 1, 1))
    services.end_membership(actor=caseworker, membership=membership, until=D(2024, 1, 1))
    actions = AuditEvent.objects.filter(object_type="registry.keygroupmembership")
    assert list(actions.values_list("action", flat=True)) == [
        "membership_added",
        "membership_ended",
    ]


def test_a_graduate_membership_needs_the_graduation_date_on_the_person(caseworker):
    person = register(caseworker)
    with pytest.raises(DomainError) as excinfo:
        services.add_membership(
            actor=caseworker, person=person, group="college_graduate", since=D(2025, 6, 30)
        )
    assert refusal(excinfo) == ("graduation_date_required", "graduation_date")


def test_a_job_needs_an_employer_and_a_known_occupation(caseworker, graduate):
    record = services.record_status_change
    with pytest.raises(DomainError) as excinfo:
        record(actor=caseworker, person=graduate, status="employed", since=D(2025, 9, 1))
    assert refusal(excinfo) == ("employer_required", "employer_name")
    with pytest.raises(DomainError) as excinfo:
        record(
            actor=caseworker,
            person=graduate,
            status="employed",
            since=D(2025, 9, 1),
            employer_name="杭州某公司",
            occupation_code="9-99-99-99",
        )
    assert refusal(excinfo) == ("unknown_occupation", "occupation_code")
    with pytest.raises(DomainError) as excinfo:
        record(actor=caseworker, person=graduate, status="unemployed", since=D(2027, 1, 1))
    assert excinfo.value.code == "date_in_future"

    change = record(
        actor=caseworker,
        person=graduate,
        status="employed",
        since=D(2025, 9, 1),
        employer_name="杭州某公司",
        occupation_code="2-02-10-03",
        how_found="public_service",
        today=TODAY,
    )
    assert change.recorded_by == caseworker
    assert AuditEvent.objects.get(action="status_recorded").object_id == str(change.pk)


def test_the_ledger_holds_one_open_stay_and_exits_need_a_reason_and_a_later_date(
    caseworker, graduate
):
    entry = services.enter_ledger(
        actor=caseworker,
        person=graduate,
        reason="graduate_not_employed",
        entered_on=D(2025, 7, 1),
        today=TODAY,
    )
    assert (entry.region_id, entry.province_code) == ("330106", "330000")
    with pytest.raises(Conflict):
        services.enter_ledger(
            actor=caseworker, person=graduate, reason="other", entered_on=D(2025, 8, 1)
        )
    with pytest.raises(DomainError) as excinfo:
        services.exit_ledger(
            actor=caseworker, entry=entry, reason="employed", exited_on=D(2025, 6, 1)
        )
    assert refusal(excinfo) == ("exit_before_entry", "exited_on")
    with pytest.raises(DomainError) as excinfo:
        services.exit_ledger(actor=caseworker, entry=entry, reason="", exited_on=D(2025, 9, 1))
    assert refusal(excinfo) == ("exit_reason_required", "reason")

    services.exit_ledger(
        actor=caseworker, entry=entry, reason="employed", exited_on=D(2025, 9, 1), today=TODAY
    )
    with pytest.raises(DomainError) as excinfo:
        services.enter_ledger(
            actor=caseworker, person=graduate, reason="other", entered_on=D(2025, 8, 1)
        )
    assert excinfo.value.code == "overlapping_stay"
    services.enter_ledger(
        actor=caseworker, person=graduate, reason="other", entered_on=D(2026, 3, 1), today=TODAY
    )

    stays = LedgerEntry.objects.filter(person=graduate).order_by("entered_on")
    assert [(s.exit_reason, s.exited_on) for s in stays] == [
        ("employed", D(2025, 9, 1)),
        ("", None),
    ]
    actions = AuditEvent.objects.filter(object_type="registry.ledgerentry")
    assert list(actions.values_list("action", flat=True)) == [
        "ledger_entered",
        "ledger_exited",
        "ledger_entered",
    ]


def test_entering_the_ledger_checks_the_reason_and_the_region(caseworker, graduate):
    with pytest.raises(DomainError) as excinfo:
        services.enter_ledger(
            actor=caseworker, person=graduate, reason="registered_youth", entered_on=D(2025, 7, 1)
        )
    assert refusal(excinfo) == ("not_youth", "reason")
    with pytest.raises(DomainError) as excinfo:
        services.enter_ledger(
            actor=caseworker,
            person=graduate,
            reason="other",
            entered_on=D(2025, 7, 1),
            region_code="330108",
        )
    assert refusal(excinfo) == ("region_out_of_scope", "region_code")


def test_a_new_job_suggests_but_does_not_force_a_ledger_exit(caseworker, graduate):
    entry = services.enter_ledger(
        actor=caseworker, person=graduate, reason="graduate_not_employed", entered_on=D(2025, 7, 1)
    )
    training = services.record_status_change(
        actor=caseworker, person=graduate, status="in_training", since=D(2025, 8, 1)
    )
    job = services.record_status_change(
        actor=caseworker,
        person=graduate,
        status="employed",
        since=D(2025, 10, 8),
        employer_name="杭州某公司",
    )

    assert services.suggested_ledger_exit(training) is None
    assert services.suggested_ledger_exit(job) == (entry, "employed")
    entry.refresh_from_db()
    assert entry.exited_on is None


def test_job_wishes_are_validated_added_and_removed_with_audit(caseworker, graduate):
    with pytest.raises(DomainError) as excinfo:
        services.add_job_wish(actor=caseworker, person=graduate)
    assert excinfo.value.code == "wish_empty"
    with pytest.raises(DomainError) as excinfo:
        services.add_job_wish(
            actor=caseworker, person=graduate, region_code="330106", expected_monthly_pay=0
        )
    assert refusal(excinfo) == ("implausible_pay", "expected_monthly_pay")

    wish = services.add_job_wish(
        actor=caseworker,
        person=graduate,
        occupation_code="2-02-10-03",
        region_code="310101",  # wishes may name any region
        expected_monthly_pay=8000,
    )
    services.remove_job_wish(actor=caseworker, wish=wish)

    assert not graduate.wishes.exists()
    actions = AuditEvent.objects.filter(object_type="registry.jobwish")
    assert list(actions.values_list("action", flat=True)) == ["job_wish_added", "job_wish_removed"]
