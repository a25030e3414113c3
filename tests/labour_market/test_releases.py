"""Releases: generated from the snapshot covering the period, reviewed, published, reproducible."""

import datetime
from decimal import Decimal

import pyarrow.parquet as pq
import pytest

from minsheng.core.errors import Conflict, PermissionDenied
from minsheng.core.models import AuditEvent
from minsheng.labour_market import services
from minsheng.labour_market.engine.periods import Period
from minsheng.labour_market.errors import StatisticsError
from minsheng.labour_market.models import ReleaseStatus
from minsheng.labour_market.releases import release_path

from . import records

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def analyst(make_user):
    return make_user("analyst_national", role="analyst", region_code="100000")


@pytest.fixture
def quarter() -> Period:
    return records.last_finished_quarter()


@pytest.fixture
def snapshot(analyst, quarter):
    records.recruitment_quarter(quarter)
    return services.take_snapshot(actor=analyst)


def refusal(call) -> tuple[str, str | None]:
    with pytest.raises(StatisticsError) as refused:
        call()
    return refused.value.code, refused.value.field


def test_a_release_names_its_snapshot_on_every_figure(analyst, quarter, snapshot):
    release = services.generate_release(actor=analyst, period=quarter.label)

    assert (release.status, release.snapshot, release.region_id) == ("draft", snapshot, "100000")
    assert release.parameters == {
        "min_observations": 10, "minimum_wage_on": quarter.end.isoformat(),
    }  # fmt: skip
    ranking = pq.read_table(release_path(release) / "shortage_national.parquet").to_pylist()
    assert [(r["snapshot"], r["occupation_code"], r["total_gap"]) for r in ranking] == [
        (snapshot.name, records.WELDER, 3),  # 5 wanted in Hangzhou, 2 looking
    ]
    wages = pq.read_table(release_path(release) / "salary_by_city.parquet").to_pylist()
    assert [(w["snapshot"], w["city_code"], w["n"], w["p50"]) for w in wages] == [
        (snapshot.name, "330100", 10, Decimal("84000.00")),  # 12 × 7,000, the 5th of 10
    ]
    assert AuditEvent.objects.filter(
        action="statistics_release_generated", object_id=str(release.pk)
    ).exists()


def test_recomputing_from_the_snapshot_gives_the_same_figures(analyst, quarter, snapshot):
    late = records.vacancy(records.employer(), opens_on=quarter.start, closes_on=quarter.end)
    records.hire(late, on=quarter.end, monthly_pay=Decimal(1))
    release = services.generate_release(actor=analyst, period=quarter.label)
    # The operational data moved on since (a late hire); the snapshot did not.
    assert services.verify_release(release) == []


@pytest.mark.spark
def test_spark_recomputes_the_duckdb_release_identically(analyst, quarter, snapshot, spark):
    release = services.generate_release(actor=analyst, period=quarter.label)
    assert services.verify_release(release, engine="pyspark", spark=spark) == []


def test_review_then_publish_and_a_later_publication_supersedes(
    analyst, supervisor, quarter, snapshot
):
    first = services.generate_release(actor=analyst, period=quarter.label)
    with pytest.raises(Conflict):
        services.publish_release(actor=supervisor, release=first)
    services.review_release(actor=supervisor, release=first, note="checked against Q2")
    services.publish_release(actor=supervisor, release=first)
    first.refresh_from_db()
    assert (first.status, first.reviewed_by, first.published_by) == (
        "published", supervisor, supervisor,
    )  # fmt: skip

    second = services.generate_release(actor=analyst, period=quarter.label)
    services.review_release(actor=analyst, release=second)
    services.publish_release(actor=analyst, release=second)
    first.refresh_from_db()
    assert first.status == ReleaseStatus.SUPERSEDED
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"statistics_release_reviewed", "statistics_release_published"} <= actions


def test_a_release_whose_files_changed_is_not_published(analyst, quarter, snapshot):
    release = services.generate_release(actor=analyst, period=quarter.label)
    services.review_release(actor=analyst, release=release)
    path = release_path(release) / "shortage_national.parquet"
    path.write_bytes(path.read_bytes() + b"\0")
    assert refusal(lambda: services.publish_release(actor=analyst, release=release))[0] == (
        "release_files_changed"
    )


def test_a_period_without_a_snapshot_is_refused(analyst, quarter):
    assert refusal(lambda: services.generate_release(actor=analyst, period=quarter.label)) == (
        "no_snapshot", "period",
    )  # fmt: skip


def test_a_snapshot_taken_before_the_period_ended_does_not_cover_it(analyst, quarter):
    early = services.take_snapshot(actor=analyst, as_of=quarter.end - datetime.timedelta(days=1))
    assert refusal(lambda: services.generate_release(actor=analyst, period=quarter.label)) == (
        "no_snapshot", "period",
    )  # fmt: skip
    call = lambda: services.generate_release(  # noqa: E731
        actor=analyst, period=quarter.label, snapshot=early
    )
    assert refusal(call) == ("snapshot_too_early", "snapshot")


@pytest.mark.parametrize(
    ("region", "code"),
    [("999999", "region_unknown"), ("", "region_unknown"), ("330106", "region_level")],
)
def test_an_unknown_or_county_region_is_refused(analyst, quarter, snapshot, region, code):
    call = lambda: services.generate_release(  # noqa: E731
        actor=analyst, period=quarter.label, region_code=region
    )
    assert refusal(call) == (code, "region")


def test_future_unfinished_and_malformed_periods_are_refused(analyst, snapshot):
    this_quarter = Period.quarter_of(datetime.date.today())
    for period, code in [
        (f"{datetime.date.today().year + 1}Q1", "period_in_future"),
        (this_quarter.label, "period_not_over"),
        ("2026Q5", "period_invalid"),
    ]:
        call = lambda p=period: services.generate_release(actor=analyst, period=p)  # noqa: E731
        assert refusal(call) == (code, "period")


def test_a_province_analyst_makes_statistics_only_for_their_province(make_user, quarter, snapshot):
    zhejiang = make_user("analyst_zhejiang", role="analyst", region_code="330000")
    own = services.generate_release(actor=zhejiang, period=quarter.label, region_code="330000")
    assert own.region_id == "330000"
    call = lambda: services.generate_release(  # noqa: E731
        actor=zhejiang, period=quarter.label, region_code="110000"
    )
    assert refusal(call) == ("region_out_of_scope", "region")


def test_caseworkers_neither_generate_nor_publish(caseworker, analyst, quarter, snapshot):
    with pytest.raises(PermissionDenied):
        services.generate_release(actor=caseworker, period=quarter.label)
    release = services.generate_release(actor=analyst, period=quarter.label)
    with pytest.raises(PermissionDenied):
        services.review_release(actor=caseworker, release=release)
