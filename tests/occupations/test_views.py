"""The occupations pages: browse, tree expansion, detail with history, review queue."""

from minsheng.occupations import services
from minsheng.occupations.models import CodingReview

VAGUE = "汽修学徒工"


def test_staff_browse_the_tree_and_search(caseworker, signed_in_as):
    client = signed_in_as(caseworker)
    page = client.get("/occupations/")
    assert page.status_code == 200 and "4-00-00-00" in page.text
    assert "/occupations/review/" in page.text  # nav entry "Coding review"
    expanded = client.get("/occupations/4-00-00-00/children/", headers={"HX-Request": "true"})
    assert "4-01-00-00" in expanded.text and "<html" not in expanded.text
    found = client.get("/occupations/", {"q": "保安", "green": "0"})
    assert "4-07-05-01" in found.text


def test_detail_shows_the_code_as_of_the_day_and_its_history(
    caseworker, signed_in_as, example_release
):
    client = signed_in_as(caseworker)
    old = client.get("/occupations/3-01-02-05/", {"as_of": "2024-01-01"})
    new = client.get("/occupations/3-01-02-05/", {"as_of": "2025-01-01"})
    assert '<h1><span class="code">3-01-02-05</span> 打字员' in old.text
    assert '<h1><span class="code">3-01-02-05</span> 文字录入员' in new.text
    retired = client.get("/occupations/4-13-02-04/", {"as_of": "2025-01-01"})
    assert retired.status_code == 200 and 'class="notice"' in retired.text
    assert client.get("/occupations/9-99-99-99/").status_code == 404


def test_review_queue_accept_and_correct_in_place(caseworker, signed_in_as):
    services.code_titles([VAGUE, "营业员兼职"], source="vacancy")
    client = signed_in_as(caseworker)
    queue = client.get("/occupations/review/")
    assert VAGUE in queue.text
    vague = CodingReview.objects.get(title=VAGUE)
    htmx = {"HX-Request": "true"}
    refused = client.post(
        f"/occupations/review/{vague.pk}/", {"decision": "correct", "code": "bad"}, headers=htmx
    )
    assert refused.status_code == 200 and 'role="alert"' in refused.text
    done = client.post(
        f"/occupations/review/{vague.pk}/",
        {"decision": "correct", "code": "4-12-01-01"},
        headers=htmx,
    )
    assert "4-12-01-01" in done.text and "<form" not in done.text
    other = CodingReview.objects.get(title="营业员兼职")
    client.post(f"/occupations/review/{other.pk}/", {"decision": "accept"}, headers=htmx)
    other.refresh_from_db()
    assert other.status == "accepted"


def test_pages_are_for_staff_only(citizen, signed_in_as):
    client = signed_in_as(citizen)
    assert client.get("/occupations/").status_code == 404
    assert client.get("/occupations/review/").status_code == 404
