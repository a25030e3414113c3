"""Shared fixtures: the national regions (loaded once per session), one user per role, and an
API client that sends a bearer token.

Tests that use `transactional_db` or `live_server` run after the others and end with a flush
that empties every table; they must load the regions themselves (`load_regions` fixture).
"""

import signal
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import translation

from minsheng.core import audit, services
from minsheng.core.audit_labels import ACTION_LABELS, object_type_name
from minsheng.core.models import User
from minsheng.occupations.services import load_taxonomy

PASSWORD = "Minsheng-test-2025"
HANGZHOU = "330100"
XIHU = "330106"  # 杭州市西湖区
CHAOYANG = "110105"  # 北京市朝阳区
NATIONAL = "100000"
API = "/api/v1"
WORKER_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)


@pytest.fixture(autouse=True)
def files_in_a_fresh_var_dir(settings, tmp_path):
    """Snapshots and releases a test writes go to its own directory, never to the next test's
    (the database rolls back after each test; files would not)."""
    settings.VAR_DIR = tmp_path


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks run inside the request that queues them, once it commits; a test of
    the queue itself sets the database backend and runs the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def audit_codes_are_labelled(monkeypatch):
    """Every audit action and object type a test writes has a name on the /audit/ page: a new
    code without one (in minsheng.core.audit_labels, or a model's verbose_name) fails the test."""
    unlabelled = set()
    append = audit.record_many

    def record_many(actor, changes):
        changes = list(changes)
        unlabelled.update(c.action for c in changes if c.action not in ACTION_LABELS)
        unlabelled.update(c.object_type for c in changes if object_type_name(c.object_type) is None)
        return append(actor, changes)

    monkeypatch.setattr(audit, "record_many", record_many)
    yield
    assert not unlabelled, f"audit codes without a label: {sorted(unlabelled)}"


@pytest.fixture
def database_tasks(settings, load_regions):
    """Tasks wait in the database, as in production; call the returned function to run
    `minsheng worker --batch` once (what is queued, then it exits). The test commits for real
    (`transactional_db`): the worker, like any worker, runs only what was committed."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    handlers = {number: signal.getsignal(number) for number in WORKER_SIGNALS}

    def run_worker() -> None:
        try:
            call_command("worker", batch=True, reload=False, startup_delay=False, verbosity=0)
        finally:  # the worker takes over Ctrl-C for a graceful stop; give it back to pytest
            for number, handler in handlers.items():
                signal.signal(number, handler)

    return run_worker


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        services.load_regions()
        load_taxonomy()


@pytest.fixture
def load_regions(transactional_db):
    """The regions again, for transactional tests (their teardown flush removed them)."""
    services.load_regions()


@pytest.fixture
def make_user(db):
    """A factory: `make_user("clerk", role="insurance_clerk", region_code="330106")`."""

    def make(
        username: str, *, role: str, region_code: str | None = None, password: str = PASSWORD
    ) -> User:
        return services.create_user(
            actor=None, username=username, password=password, role=role, region_code=region_code
        )

    return make


@pytest.fixture
def caseworker(make_user) -> User:
    return make_user("caseworker_xihu", role="caseworker", region_code=XIHU)


@pytest.fixture
def supervisor(make_user) -> User:
    return make_user("supervisor_hangzhou", role="supervisor", region_code=HANGZHOU)


@pytest.fixture
def administrator(make_user) -> User:
    return make_user("admin_national", role="admin", region_code=NATIONAL)


@pytest.fixture
def citizen(make_user) -> User:
    return make_user("citizen_zhang", role="citizen")


@dataclass
class ApiClient:
    """Django's test client against /api/v1 with `Authorization: Bearer <token>`."""

    client: Client
    token: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def get(self, path: str, data: dict | None = None):
        return self.client.get(API + path, data, headers=self.headers())

    def post(self, path: str, payload: dict):
        return self.client.post(
            API + path, payload, content_type="application/json", headers=self.headers()
        )

    def patch(self, path: str, payload: dict):
        return self.client.patch(
            API + path, payload, content_type="application/json", headers=self.headers()
        )

    def delete(self, path: str):
        return self.client.delete(API + path, headers=self.headers())


@pytest.fixture
def api_client_for(db):
    """A factory: `api_client_for(user)` issues a token for the user and returns a client."""

    def make(user: User) -> ApiClient:
        _token, raw = services.issue_token(actor=user, name="tests")
        return ApiClient(Client(), raw)

    return make


@pytest.fixture
def signed_in_as(client):
    """A factory: `signed_in_as(user)` is Django's test client with that user's session."""

    def sign_in(user: User) -> Client:
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def in_english():
    """Messages compared in a test are the English msgids: `usefixtures("in_english")`."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_client(signed_in_as):
    """A factory: `english_client(user)` is a signed-in test client asking for English pages."""

    def sign_in(user: User) -> Client:
        client = signed_in_as(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return sign_in


def pytest_configure(config):
    """Argon2 still, but with tiny costs: the production parameters make each test user slow."""
    from django.contrib.auth.hashers import Argon2PasswordHasher

    Argon2PasswordHasher.time_cost = 1
    Argon2PasswordHasher.memory_cost = 64
    Argon2PasswordHasher.parallelism = 1
