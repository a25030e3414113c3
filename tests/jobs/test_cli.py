"""`minsheng jobs close-expired`, `minsheng jobs recommend` and `minsheng jobs campaign-report`."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from minsheng.assistance.models import ServiceRecord
from minsheng.jobs import campaign_services, placement_services
from minsheng.jobs.models import Recommendation

from .conftest import today

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def jobs(*arguments) -> str:
    output = io.StringIO()
    call_command("jobs", *arguments, stdout=output)
    return output.getvalue()


def test_close_expired_closes_what_has_passed(make_employer, make_vacancy):
    employer = make_employer()
    expired = make_vacancy(employer, closes_on=today() - DAY)
    pending = make_vacancy(employer, published=False, closes_on=today() - DAY)
    current = make_vacancy(employer)

    printed = jobs("close-expired")

    assert "2 expired vacancies closed" in printed and "关闭过期岗位 2 个" in printed
    for vacancy in (expired, pending):
        vacancy.refresh_from_db()
        assert (vacancy.status, vacancy.close_reason) == ("closed", "expired")
    current.refresh_from_db()
    assert current.status == "published"
    assert "0 expired vacancies closed" in jobs("close-expired")
    later = (current.closes_on + DAY).isoformat()
    assert "1 expired vacancies closed" in jobs("close-expired", "--as-of", later)


def test_recommend_runs_the_nightly_batch(caseworker, make_employer, make_vacancy, make_seeker):
    employer = make_employer()
    for title in ("焊工", "电焊工"):
        make_vacancy(employer, title)
    person = make_seeker("陈明")

    printed = jobs("recommend", "--user", caseworker.username, "--per-person", "1")

    assert "1 job recommendations sent" in printed
    assert Recommendation.objects.filter(person=person, by_batch=True).count() == 1
    assert ServiceRecord.objects.filter(person=person, kind="job_recommendation").count() == 1
    assert "1 job recommendations" in jobs("recommend", "--user", caseworker.username)
    assert "0 job recommendations" in jobs(
        "recommend", "--user", caseworker.username, "--region", "330106"
    )


def test_recommend_refuses_unknown_users_and_regions(caseworker):
    with pytest.raises(CommandError, match="no active user"):
        jobs("recommend", "--user", "nobody")
    with pytest.raises(CommandError, match="region"):
        jobs("recommend", "--user", caseworker.username, "--region", "110105")


def test_campaign_report_prints_results_and_fairness(
    caseworker, make_employer, make_vacancy, make_campaign, make_fair, make_seeker
):
    campaign = make_campaign()
    fair = make_fair(campaign)
    employer = make_employer()
    vacancy = make_vacancy(employer, headcount=4)
    attend_and_recommend_one(caseworker, fair, employer, vacancy, make_seeker)

    with translation.override("en"):
        printed = jobs("campaign-report", str(campaign.pk), "--user", caseworker.username)
        operators = jobs("campaign-report", str(campaign.pk))

    assert campaign.name in printed
    assert re.search(r"headcount offered / 招聘人数 +4", printed)
    assert re.search(r"attendees / 参会求职者 +2", printed)
    assert re.search(rf"{fair.name} \(On site\) +{fair.held_on} +1 +2 +0 +0", printed)
    assert re.search(r"Male +1 +1 +100\.0%", printed)
    assert re.search(r"Female +1 +0 +0\.0%", printed)
    assert "0.00: DISPARITY" in printed
    assert operators == printed  # the operator (no --user) reads the same report


def test_campaign_report_is_for_staff(make_user, make_campaign):
    campaign = make_campaign()
    make_user("hr_hengtai", role="employer")

    with pytest.raises(CommandError, match="No such campaign"):
        jobs("campaign-report", str(campaign.pk), "--user", "hr_hengtai")
    with pytest.raises(CommandError):
        jobs("campaign-report", "999999")


def attend_and_recommend_one(actor, fair, employer, vacancy, make_seeker) -> None:
    """A man and a woman attend; only the man is recommended the job (a visible disparity)."""
    campaign_services.register_employer_at_fair(
        actor=actor, fair=fair, employer=employer, vacancies=[vacancy]
    )
    man, woman = make_seeker("陈明"), make_seeker("林芳", sex="F")
    for person in (man, woman):
        campaign_services.register_attendee(actor=actor, fair=fair, person=person)
    placement_services.recommend(actor=actor, person=man, vacancy=vacancy)
