import pytest

from minsheng.core import services
from minsheng.core.models import AuditEvent, User

pytestmark = pytest.mark.django_db

PASSWORD = "Minsheng-test-2025"


def test_passwords_are_stored_as_argon2_hashes(caseworker):
    stored = User.objects.get(pk=caseworker.pk).password

    assert stored.startswith("argon2$")
    assert PASSWORD not in stored
    assert caseworker.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("role", "region_code", "password", "code", "field"),
    [
        ("caseworker", None, PASSWORD, "region_required", "region_code"),
        ("caseworker", "999999", PASSWORD, "unknown_region", "region_code"),
        ("superhero", None, PASSWORD, "unknown_role", "role"),
        ("citizen", None, "short", "weak_password", "password"),
        ("citizen", None, "password123", "weak_password", "password"),
    ],
)
def test_bad_accounts_are_refused_and_nothing_is_written(role, region_code, password, code, field):
    events_before = AuditEvent.objects.count()

    with pytest.raises(services.AccountError) as caught:
        services.create_user(
            actor=None, username="newcomer", password=password, role=role, region_code=region_code
        )

    assert (caught.value.code, caught.value.field) == (code, field)
    assert not User.objects.filter(username="newcomer").exists()
    assert AuditEvent.objects.count() == events_before


def test_user_names_are_unique(caseworker):
    with pytest.raises(services.AccountError) as caught:
        services.create_user(
            actor=None, username=caseworker.username, password=PASSWORD, role="citizen"
        )

    assert caught.value.code == "username_taken"


def test_creating_a_user_records_who_did_it(administrator):
    created = services.create_user(
        actor=administrator,
        username="clerk",
        password=PASSWORD,
        role="insurance_clerk",
        region_code="330106",
    )

    event = AuditEvent.objects.get(action="user_created", object_id=str(created.pk))
    assert event.actor == administrator
    assert event.actor_name == "admin_national"


def test_token_is_stored_only_as_a_hash(caseworker):
    token, raw = services.issue_token(actor=caseworker, name="laptop")

    assert raw.startswith("ms_")
    assert token.key_hash != raw
    assert raw not in token.key_hash
    assert services.user_for_token(raw) == caseworker


def test_revoked_token_no_longer_identifies_its_user(caseworker):
    token, raw = services.issue_token(actor=caseworker, name="laptop")

    services.revoke_token(actor=caseworker, token_id=token.pk)

    assert services.user_for_token(raw) is None
    assert AuditEvent.objects.filter(action="token_revoked", object_id=str(token.pk)).exists()


def test_a_user_cannot_revoke_someone_elses_token(caseworker, supervisor):
    token, raw = services.issue_token(actor=caseworker, name="laptop")

    with pytest.raises(services.NotFound):
        services.revoke_token(actor=supervisor, token_id=token.pk)
    assert services.user_for_token(raw) == caseworker


def test_token_of_a_deactivated_user_is_refused(caseworker):
    _token, raw = services.issue_token(actor=caseworker, name="laptop")
    User.objects.filter(pk=caseworker.pk).update(is_active=False)

    assert services.user_for_token(raw) is None
