"""Certificates: issued only on a pass and within the level rules; public verification shows
only the listed fields; revocation."""

import dataclasses
import datetime
import json

import pytest
from django.core.cache import cache
from django.test import Client

from minsheng.core.errors import Conflict, NotFound
from minsheng.skills import certificate_numbers, enrolment_services, progress_services, selectors
from minsheng.skills.api_certificates import VERIFY_RATE
from minsheng.skills.levels import SkillsError

from .conftest import DAY, WELDER, finish, today

pytestmark = pytest.mark.django_db
VERIFIED_FIELDS = {
    "number", "holder", "occupation_code", "occupation_name", "level", "level_name",
    "issued_on", "issuer", "valid", "revoked_on",
}  # fmt: skip


@pytest.fixture
def enrolled(caseworker, past_course, make_person):
    """王小明 enrolled 50 days ago in a junior AI-trainer course that has ended."""

    def make(**course_fields):
        course = past_course(**course_fields)
        return enrolment_services.enrol(
            actor=caseworker, course=course, person=make_person("王小明"), on=today() - 50 * DAY
        )

    return make


def issue(actor, enrolment, **kwargs):
    return progress_services.issue_certificate(actor=actor, enrolment=enrolment, **kwargs)


def test_a_passed_assessment_gives_a_certificate_and_the_skill_level(caseworker, enrolled):
    enrolment = finish(caseworker, enrolled(), score=75)

    certificate = issue(caseworker, enrolment)

    assert certificate_numbers.parse_number(certificate.number) == certificate.number
    [level] = selectors.current_skill_levels(person=enrolment.person)
    assert (level.occupation_code, level.level, level.obtained_by) == (
        enrolment.course.occupation_code,
        2,
        "certificate",
    )
    assert level.certificate == certificate


def test_no_certificate_before_the_assessment(caseworker, enrolled):
    enrolment = enrolled()

    with pytest.raises(SkillsError) as refused:
        issue(caseworker, enrolment)

    assert refused.value.code == "assessment_not_passed"
    assert "has not passed" in refused.value.message_in("en")


def test_no_certificate_after_a_failed_assessment_and_the_reason_names_the_score(
    caseworker, enrolled
):
    enrolment = finish(caseworker, enrolled(), score=52)

    with pytest.raises(SkillsError) as refused:
        issue(caseworker, enrolment)

    assert enrolment.assessment_result == "fail"
    assert refused.value.code == "assessment_failed"
    assert "52" in refused.value.message_in("en")


def test_a_certificate_is_issued_once(caseworker, enrolled):
    enrolment = finish(caseworker, enrolled())
    issue(caseworker, enrolment)

    with pytest.raises(Conflict):
        issue(caseworker, enrolment)


def test_a_first_level_above_junior_worker_is_refused(caseworker, enrolled):
    enrolment = finish(caseworker, enrolled(target_level=3))

    with pytest.raises(SkillsError) as refused:
        issue(caseworker, enrolment)

    assert refused.value.code == "first_level_too_high"
    assert "Junior worker" in refused.value.message_in("en")


def test_skipping_a_level_is_refused_with_the_reason(caseworker, enrolled):
    enrolment = finish(caseworker, enrolled(target_level=4))
    person, code = enrolment.person, enrolment.course.occupation_code
    progress_services.record_skill_level(
        actor=caseworker, person=person, occupation_code=code, level=2,
        obtained_by="enterprise_evaluation", obtained_on=datetime.date(2015, 3, 1),
        evaluated_by="杭州示范科技有限公司",
    )  # fmt: skip

    with pytest.raises(SkillsError) as refused:
        issue(caseworker, enrolment)

    assert refused.value.code == "level_skipped"
    message = refused.value.message_in("en")
    assert "Senior worker skips a level" in message and "Junior worker" in message


def test_a_level_too_soon_after_the_one_below_is_refused(caseworker, make_person):
    person = make_person()
    record = dict(
        actor=caseworker, person=person, occupation_code=WELDER,
        obtained_by="enterprise_evaluation", evaluated_by="杭州恒泰机械制造有限公司",
    )  # fmt: skip
    progress_services.record_skill_level(**record, level=2, obtained_on=today() - 400 * DAY)

    with pytest.raises(SkillsError) as refused:
        progress_services.record_skill_level(**record, level=3, obtained_on=today())

    assert refused.value.code == "level_too_soon"
    assert "4 years" in refused.value.message_in("en")


def test_the_same_level_again_is_refused(caseworker, make_person):
    person = make_person()
    record = dict(
        actor=caseworker, person=person, occupation_code=WELDER, level=2,
        obtained_by="vocational_school", evaluated_by="杭州示范技师学院",
    )  # fmt: skip
    progress_services.record_skill_level(**record, obtained_on=today() - 10 * DAY)

    with pytest.raises(SkillsError) as refused:
        progress_services.record_skill_level(**record, obtained_on=today())

    assert refused.value.code == "level_already_held"


def test_verification_shows_only_the_listed_fields(caseworker, enrolled):
    enrolment = finish(caseworker, enrolled(), score=90)
    certificate = issue(caseworker, enrolment)
    person = enrolment.person

    check = selectors.verify_certificate(number=certificate_numbers.grouped(certificate.number))

    assert {f.name for f in dataclasses.fields(check)} == VERIFIED_FIELDS
    assert check.holder == "王**"
    assert (check.level_name, check.valid, check.issuer) == (
        "Junior worker",
        True,
        enrolment.course.provider.name,
    )
    shown = repr(check)
    for secret in (person.name, person.identity_number, person.phone, "小明"):
        assert secret not in shown


def test_the_public_endpoint_needs_no_token_and_leaks_nothing_else(caseworker, enrolled):
    enrolment = finish(caseworker, enrolled())
    certificate = issue(caseworker, enrolment)
    person = enrolment.person

    answer = Client().get(f"/api/v1/skills/certificates/verify/{certificate.number.lower()}")

    assert answer.status_code == 200
    body = answer.json()
    assert set(body) == VERIFIED_FIELDS
    assert body["holder"] == "王**" and body["valid"] is True
    shown = json.dumps(body, ensure_ascii=False)
    for secret in (person.name, person.identity_number, person.phone, "小明"):
        assert secret not in shown


def test_a_mistyped_number_is_refused_by_its_check_character():
    number = certificate_numbers.new_number(issued_on=today(), region_code="330106")
    wrong = number[:-2] + ("A" if number[-2] != "A" else "B") + number[-1]

    with pytest.raises(certificate_numbers.InvalidCertificateNumber) as refused:
        selectors.verify_certificate(number=wrong)

    assert refused.value.code == "certificate_number_checksum"
    with pytest.raises(NotFound):
        selectors.verify_certificate(number=number)  # well formed, but never issued


def test_a_revoked_certificate_verifies_as_revoked_and_its_level_goes(caseworker, enrolled):
    enrolment = finish(caseworker, enrolled())
    certificate = issue(caseworker, enrolment)

    progress_services.revoke_certificate(
        actor=caseworker, certificate=certificate, reason="考核材料不实"
    )

    check = selectors.verify_certificate(number=certificate.number)
    assert (check.valid, check.revoked_on) == (False, today())
    assert selectors.current_skill_levels(person=enrolment.person) == []
    with pytest.raises(Conflict):
        progress_services.revoke_certificate(
            actor=caseworker, certificate=certificate, reason="重复撤销"
        )


def test_revocation_needs_a_reason(caseworker, enrolled):
    certificate = issue(caseworker, finish(caseworker, enrolled()))

    with pytest.raises(SkillsError) as refused:
        progress_services.revoke_certificate(actor=caseworker, certificate=certificate, reason=" ")

    assert refused.value.field == "reason"


def test_the_public_endpoint_is_rate_limited_per_address():
    cache.clear()
    limit = int(VERIFY_RATE.split("/")[0])
    client = Client()
    number = certificate_numbers.new_number(issued_on=today(), region_code="330106")
    try:
        answers = [
            client.get(f"/api/v1/skills/certificates/verify/{number}").status_code
            for _ in range(limit + 1)
        ]
    finally:
        cache.clear()

    assert set(answers[:limit]) == {404}
    assert answers[-1] == 429
