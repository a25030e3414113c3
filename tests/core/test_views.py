import re

import pytest

from minsheng.core import audit, services
from minsheng.core.models import AuditEvent

pytestmark = pytest.mark.django_db

PASSWORD = "Minsheng-test-2025"
HTMX = {"HX-Request": "true"}


def sign_in(client, username, password=PASSWORD):
    return client.post("/login/", {"username": username, "password": password})


def nav_links(response) -> set[str]:
    nav = re.search(r"<nav aria-label=[^>]*>(.*?)</nav>", response.content.decode(), re.S)
    return set(re.findall(r'href="([^"]+)"', nav.group(1))) if nav else set()


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def test_sign_in_leads_to_the_dashboard(client, caseworker):
    assert client.get("/login/").status_code == 200

    response = sign_in(client, caseworker.username)

    assert response.status_code == 302
    assert response["Location"] == "/"
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert "浙江省 杭州市 西湖区" in dashboard.content.decode()


def test_sign_in_returns_to_the_page_asked_for(client, caseworker):
    response = client.post(
        "/login/?next=/regions/", {"username": caseworker.username, "password": PASSWORD}
    )

    assert response["Location"] == "/regions/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_sign_in_never_sends_the_user_to_another_site(client, caseworker, target):
    response = client.post(
        "/login/",
        {"username": caseworker.username, "password": PASSWORD},
        query_params={"next": target},
    )

    assert response["Location"] == "/"


def test_wrong_user_and_wrong_password_look_the_same(client, caseworker):
    wrong_user = sign_in(client, "nobody")
    wrong_password = sign_in(client, caseworker.username, "not-the-password")

    assert wrong_user.status_code == wrong_password.status_code == 401
    assert wrong_user.context["form"].non_field_errors() == (
        wrong_password.context["form"].non_field_errors()
    )
    assert "用户名或密码错误。" in wrong_user.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_is_refused_after_too_many_failures(client, caseworker, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    sign_in(client, caseworker.username, "guess-one")
    sign_in(client, caseworker.username, "guess-two")

    response = sign_in(client, caseworker.username)

    assert response.status_code == 401
    assert "登录失败次数过多" in response.content.decode()
    assert client.get("/").status_code == 302


def test_failures_of_one_account_do_not_lock_another(client, caseworker, supervisor, settings):
    settings.LOGIN_FAILURE_LIMIT = 2
    sign_in(client, caseworker.username, "guess-one")
    sign_in(client, caseworker.username, "guess-two")

    assert sign_in(client, supervisor.username).status_code == 302


def test_sign_out(client, caseworker):
    client.force_login(caseworker)

    response = client.post("/logout/")

    assert response["Location"] == "/login/"
    assert client.get("/")["Location"] == "/login/?next=/"


@pytest.mark.parametrize("path", ["/", "/regions/", "/audit/", "/tokens/", "/identifiers/"])
def test_pages_need_a_signed_in_user(client, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_caseworker_dashboard(client, caseworker):
    client.force_login(caseworker)

    response = client.get("/")

    links = nav_links(response)
    assert {"/", "/people/", "/regions/", "/identifiers/", "/tokens/"} <= links
    assert "/audit/" not in links  # the audit log is for supervisors and administrators
    assert 'class="figure"' in response.content.decode()  # people in the region


def test_supervisor_dashboard_links_the_audit_log(client, supervisor):
    client.force_login(supervisor)

    assert "/audit/" in nav_links(client.get("/"))


def test_citizen_dashboard_has_no_staff_pages(client, citizen):
    client.force_login(citizen)

    response = client.get("/")

    assert nav_links(response) >= {
        "/", "/tokens/", "/jobs/mine/", "/jobs/search/", "/skills/", "/parameters/",
        "/insurance/pension/estimate/",
    }  # fmt: skip
    assert not nav_links(response) & {"/people/", "/regions/", "/identifiers/", "/audit/"}
    assert 'class="figure"' not in response.content.decode()


def test_dashboard_counts_only_people_in_scope(client, caseworker):
    from minsheng.registry.models import Person

    for number, region in [("330106199001010011", "330106"), ("110105199001010011", "110105")]:
        Person.objects.create(
            identity_number=number,
            name="某人",
            sex="M",
            birth_date="1990-01-01",
            region_id=region,
            province_code=region[:2] + "0000",
        )
    client.force_login(caseworker)

    page = client.get("/").content.decode()

    assert re.search(r'<p class="figure">1</p>', page)


def test_audit_log_page_is_scoped(client, supervisor, make_user):
    inside = make_user("clerk_binjiang", role="caseworker", region_code="330108")
    outside = make_user("clerk_chaoyang", role="caseworker", region_code="110105")
    client.force_login(supervisor)

    page = client.get("/audit/").content.decode()

    assert f"用户 {inside.pk}<" in page
    assert f"用户 {outside.pk}<" not in page


def test_audit_log_names_actions_and_objects_in_the_readers_language_beside_the_code(
    client, english_client, supervisor
):
    audit.record(
        None,
        audit.Change(
            action="course_completed", object_type="skills.enrolment", object_id="7",
            region_code="330106",
        ),
    )  # fmt: skip
    client.force_login(supervisor)

    chinese = client.get("/audit/").content.decode()
    english = english_client(supervisor).get("/audit/").content.decode()

    assert "培训结业" in chinese and "Course completed" not in chinese
    assert "Course completed" in english and "Course enrolment 7" in english
    for page in (chinese, english):  # auditors search by the codes
        assert '<small class="code">course_completed</small>' in page
        assert '<small class="code">skills.enrolment</small>' in page


def test_audit_log_page_is_not_found_for_caseworkers(client, caseworker):
    client.force_login(caseworker)

    assert client.get("/audit/").status_code == 404


def test_chinese_is_the_default_and_english_can_be_chosen(client):
    chinese = client.post("/login/", {"username": "", "password": ""})
    assert html_lang(chinese) == "zh-hans"
    assert "这个字段是必填项。" in chinese.content.decode()

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    assert switched["Location"] == "/login/"

    english = client.post("/login/", {"username": "", "password": ""})
    assert html_lang(english) == "en"
    assert "This field is required." in english.content.decode()


def test_the_platforms_own_text_is_in_chinese_by_default(client):
    page = client.get("/login/").content.decode()

    assert "登录" in page
    assert "Sign in" not in page


def test_region_tree_expands_with_an_htmx_fragment(client, caseworker):
    client.force_login(caseworker)

    full = client.get("/regions/330100/")
    fragment = client.get("/regions/330100/", headers=HTMX)

    assert "<html" in full.content.decode()
    text = fragment.content.decode()
    assert "<html" not in text
    assert text.lstrip().startswith('<ul class="tree">')
    assert "西湖区" in text
    assert "宁波市" not in text
    assert 'hx-get="/regions/' not in text  # counties have nothing below them


def test_region_tree_top_level_lists_provinces(client, caseworker):
    client.force_login(caseworker)

    text = client.get("/regions/").content.decode()

    assert "浙江省" in text
    assert 'hx-get="/regions/330000/"' in text


def test_unknown_region_page_is_not_found(client, caseworker):
    client.force_login(caseworker)

    assert client.get("/regions/999999/").status_code == 404


def test_identifier_check_shows_the_masked_number_only(client, caseworker):
    client.force_login(caseworker)

    text = client.get(
        "/identifiers/", {"number": "11010519491231002X"}, headers=HTMX
    ).content.decode()

    assert "110105********002X" in text
    assert "11010519491231002X" not in text
    assert "1949-12-31" in text
    assert "<html" not in text


def test_identifier_check_explains_a_refusal(client, caseworker):
    client.force_login(caseworker)

    text = client.get("/identifiers/", {"number": "110105194912310021"}).content.decode()

    assert 'role="alert"' in text
    assert "校验码不正确" in text


def test_token_page_shows_a_new_token_once(client, caseworker):
    client.force_login(caseworker)

    created = client.post("/tokens/", {"name": "laptop"}).content.decode()
    raw = re.search(r'<code class="token">(ms_[^<]+)</code>', created).group(1)
    listed = client.get("/tokens/").content.decode()

    assert services.user_for_token(raw) == caseworker
    assert raw not in listed
    assert f"ms_{raw[3:11]}" in listed


def test_token_page_revokes(client, caseworker):
    token, raw = services.issue_token(actor=caseworker, name="laptop")
    client.force_login(caseworker)

    response = client.post(f"/tokens/{token.pk}/revoke/")

    assert response["Location"] == "/tokens/"
    assert services.user_for_token(raw) is None
    assert AuditEvent.objects.filter(action="token_revoked").exists()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/static/vendor/htmx.min.js", "javascript"), ("/static/css/minsheng.css", "text/css")],
)
def test_static_files_are_served(client, path, content_type):
    response = client.get(path)

    assert response.status_code == 200
    assert content_type in response["Content-Type"]
    assert len(b"".join(response.streaming_content)) > 100
