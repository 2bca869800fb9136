"""Shared test fixtures: reference data loaded once per test database, users per role, API clients."""

import os

import pytest
from django.core.management import call_command

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After migrations, load the reference data once; every test sees it (and rolls back its own changes)."""
    with django_db_blocker.unblock():
        from subsidia.reference.loader import load_all

        load_all()


@pytest.fixture
def reload_reference(transactional_db):
    """For tests with real transactions: the flush after each such test empties the tables, so load again."""
    from subsidia.core.roles import ensure_roles
    from subsidia.reference.loader import load_all

    load_all()
    ensure_roles()


def _user(role, username):
    from subsidia.core.tests.factories import UserFactory

    return UserFactory(username=username, role=role)


@pytest.fixture
def officer(db):
    return _user("programme_officer", "officer")


@pytest.fixture
def officer2(db):
    return _user("programme_officer", "officer2")


@pytest.fixture
def approver(db):
    return _user("authorising_officer", "approver")


@pytest.fixture
def member(db):
    return _user("committee_member", "member")


@pytest.fixture
def assessor(db):
    return _user("assessor", "assessor")


@pytest.fixture
def applicant(db):
    return _user("applicant", "applicant")


@pytest.fixture
def auditor(db):
    return _user("auditor", "auditor")


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def api_as(api):
    """``api_as(user)``: an API client authenticated as ``user``."""

    def login(user):
        api.force_authenticate(user)
        return api

    return login


@pytest.fixture
def demo(db):
    """The whole demo, every stage."""
    call_command("load_demo", "--quiet-logins", stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def programme_demo(db):
    """Only the demo users and the demo programme (faster, and independent of later stages)."""
    from subsidia.core import demo as core_demo
    from subsidia.programmes import demo as programmes_demo

    core_demo.load(lambda *_: None)
    programmes_demo.load(lambda *_: None)
    return programmes_demo.CCI


# --- Browser tests (Playwright driving Debian's Chromium) ------------------------------------------------------

CHROMIUM = os.environ.get("SUBSIDIA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ARTIFACTS = os.path.join(os.getcwd(), "test-artifacts")


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium; skipped on a machine without it, but a failure in CI (``CI=true``)."""
    if not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: browser tests are required)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server, reload_reference):
    """A fresh browser page against the live test server; ``page.base_url`` is the server's address."""
    os.makedirs(ARTIFACTS, exist_ok=True)
    context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    page.base_url = live_server.url
    yield page
    context.close()


def browser_login(page, username, password="subsidia-test"):  # noqa: S107 - the test users' password
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def screenshot(page, name):
    page.screenshot(path=os.path.join(ARTIFACTS, f"{name}.png"), full_page=True)


def pytest_collection_modifyitems(config, items):
    """Tests that need real row locks run on PostgreSQL only; on SQLite they are skipped with the reason."""
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL row locks (run with DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    """In CI on PostgreSQL every test must run: a skip there would hide a failure, so it fails the run."""
    if os.environ.get("SUBSIDIA_FORBID_SKIPS") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped:
        reporter.write_line(
            f"SUBSIDIA_FORBID_SKIPS: {len(skipped)} test(s) skipped; every test must run in CI.", red=True
        )
        session.exitstatus = 1
