"""The occupations API: browse as of a day, code a batch, review the queue."""

from minsheng.occupations.models import CodingReview

VAGUE = "汽修学徒工"


def test_browse_search_and_detail_as_of_a_day(caseworker, api_client_for, example_release):
    api = api_client_for(caseworker)
    found = api.get("/occupations", {"q": "电子商务", "digital": "true"}).json()
    assert "4-01-06-01" in [item["code"] for item in found["items"]]
    majors = api.get("/occupations", {"parent": ""}).json()
    assert found["count"] >= 1 and majors["count"] == 8
    old = api.get("/occupations/3-01-02-05", {"as_of": "2024-01-01"}).json()
    new = api.get("/occupations/3-01-02-05", {"as_of": "2024-08-01"}).json()
    assert (old["name"], new["name"]) == ("打字员", "文字录入员")
    assert api.get("/occupations/4-04-05-09").json()["work_types"] == ["提示词工程师"]
    retired = api.get("/occupations/4-13-02-04", {"as_of": "2024-08-01"})
    assert retired.status_code == 404
    history = api.get("/occupations/4-13-02-04/history").json()
    assert history[0]["closed_by"] == example_release.name
    releases = api.get("/occupations/releases").json()
    assert releases["items"][0]["is_example"] is True


def test_code_a_batch_with_alternatives_and_reasons(caseworker, api_client_for):
    api = api_client_for(caseworker)
    titles = ["餐厅服务员/长白班/日结", "", "!!!", "x" * 10_000, "Engineer", VAGUE]
    answer = api.post("/occupations/code", {"titles": titles, "alternatives": 3})
    assert answer.status_code == 200
    results = answer.json()
    assert results[0]["code"] == "4-03-02-05" and len(results[0]["alternatives"]) == 3
    assert [r["reason"] for r in results[1:5]] == ["empty", "no_words", "too_long", "not_chinese"]
    assert all(r["code"] is None and r["level"] == "uncoded" for r in results[1:5])
    assert CodingReview.objects.get().title == VAGUE


def test_a_batch_is_limited_to_a_thousand_titles(caseworker, api_client_for):
    answer = api_client_for(caseworker).post("/occupations/code", {"titles": ["保安"] * 1001})
    assert answer.status_code == 400
    assert answer.json()["code"] == "too_many_titles"


def test_review_queue_accept_and_correct(caseworker, citizen, api_client_for):
    api = api_client_for(caseworker)
    api.post("/occupations/code", {"titles": [VAGUE, "营业员兼职"]})
    pending = api.get("/occupations/reviews").json()["items"]
    by_title = {item["title"]: item["id"] for item in pending}
    accepted = api.post(f"/occupations/reviews/{by_title['营业员兼职']}/accept", {})
    assert accepted.json()["status"] == "accepted"
    refused = api.post(f"/occupations/reviews/{by_title[VAGUE]}/correct", {"code": "nonsense"})
    assert (refused.status_code, refused.json()["field"]) == (400, "code")
    corrected = api.post(f"/occupations/reviews/{by_title[VAGUE]}/correct", {"code": "4-12-01-01"})
    assert corrected.json()["final_code"] == "4-12-01-01"
    coded = api.post("/occupations/code", {"titles": [VAGUE]}).json()[0]
    assert (coded["code"], coded["score"]) == ("4-12-01-01", 1.0)
    again = api.post(f"/occupations/reviews/{by_title[VAGUE]}/accept", {})
    assert again.status_code == 409
    outsider = api_client_for(citizen)
    assert outsider.get("/occupations/reviews").json()["count"] == 0
    assert outsider.post(f"/occupations/reviews/{by_title[VAGUE]}/accept", {}).status_code == 404
