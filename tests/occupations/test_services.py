"""Coding titles for other apps, the review queue, and how a correction teaches the coder."""

import datetime

import pytest

from minsheng.core.errors import Conflict, DomainError
from minsheng.core.models import AuditEvent
from minsheng.occupations import selectors, services
from minsheng.occupations.models import CodingReview, ReviewSource, ReviewStatus

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 6, 1)
# A title the coder answers only at group level: it goes to review.
VAGUE = "汽修学徒工"


@pytest.mark.parametrize(
    ("title", "reason"),
    [("", "empty"), ("   ", "empty"), ("！！？。", "no_words"), ("123456", "no_words"),
     ("x" * 10_000, "too_long"), ("Senior software engineer", "not_chinese")],
)  # fmt: skip
def test_bad_titles_cannot_be_coded_and_are_not_queued(title, reason):
    result = services.code_titles([title], as_of=DAY, source=ReviewSource.API)[0]
    assert (result.code, result.level, result.reason) == (None, "uncoded", reason)
    assert not CodingReview.objects.exists()


def test_a_clear_title_is_coded_and_not_queued():
    result = services.code_titles(["餐厅服务员/长白班/日结"], as_of=DAY, source="vacancy")[0]
    assert result.code == "4-03-02-05" and result.level == "occupation"
    assert not CodingReview.objects.exists()


def test_uncertain_codings_are_queued_once_per_title():
    results = services.code_titles([VAGUE, VAGUE], as_of=DAY, source=ReviewSource.VACANCY)
    assert selectors.needs_review(results[0], as_of=DAY)
    services.code_titles([VAGUE], as_of=DAY, source=ReviewSource.IMPORT)
    review = CodingReview.objects.get()
    assert (review.title, review.occurrences, review.source) == (VAGUE, 3, "vacancy")
    assert review.suggested_code == results[0].code


def test_without_a_source_nothing_is_queued():
    services.code_titles([VAGUE], as_of=DAY)
    assert not CodingReview.objects.exists()


def test_a_correction_becomes_an_alias_that_later_coding_follows(caseworker):
    car_mechanic = "4-12-01-01"  # 汽车维修工
    before = services.code_titles([VAGUE], as_of=DAY, source=ReviewSource.VACANCY)[0]
    assert before.code != car_mechanic
    review = CodingReview.objects.get(title=VAGUE)
    services.correct_review(actor=caseworker, review=review, code=car_mechanic)

    again = services.code_titles([VAGUE], as_of=DAY)[0]
    assert (again.code, again.score, again.level) == (car_mechanic, 1.0, "occupation")
    # The same title with other noise around it is read the same way.
    noisy = services.code_titles([f"【急招】{VAGUE} 月薪6000元 包吃住"], as_of=DAY)[0]
    assert noisy.code == car_mechanic
    review.refresh_from_db()
    assert (review.status, review.final_code, review.reviewed_by) == (
        ReviewStatus.CORRECTED, car_mechanic, caseworker,
    )  # fmt: skip
    event = AuditEvent.objects.get(action="coding_corrected")
    assert event.after["code"] == car_mechanic and event.actor == caseworker


def test_accepting_confirms_the_suggestion(caseworker):
    services.code_titles([VAGUE], as_of=DAY, source=ReviewSource.VACANCY)
    review = CodingReview.objects.get()
    services.accept_review(actor=caseworker, review=review)
    again = services.code_titles([VAGUE], as_of=DAY)[0]
    assert (again.code, again.score) == (review.suggested_code, 1.0)
    with pytest.raises(Conflict):
        services.accept_review(actor=caseworker, review=review)


def test_a_correction_must_be_a_code_in_force(caseworker):
    services.code_titles([VAGUE], as_of=DAY, source=ReviewSource.VACANCY)
    review = CodingReview.objects.get()
    for bad in ("", "9-99-99-99", "abc"):
        with pytest.raises(DomainError) as refused:
            services.correct_review(actor=caseworker, review=review, code=bad)
        assert refused.value.field == "code"
    review.refresh_from_db()
    assert review.status == ReviewStatus.PENDING


def test_reviews_are_for_staff_of_the_region(caseworker, citizen, make_user):
    services.code_titles([VAGUE], as_of=DAY, source="vacancy", region_code="330106")
    services.code_titles(["某某精密机械有限公司招聘技术员"], as_of=DAY, source="vacancy",
                         region_code="110105")  # fmt: skip
    services.code_titles(["营业员兼职"], as_of=DAY, source="import")
    titles = set(selectors.review_list(actor=caseworker).values_list("title", flat=True))
    assert VAGUE in titles and "某某精密机械有限公司招聘技术员" not in titles
    assert not selectors.review_list(actor=citizen).exists()
