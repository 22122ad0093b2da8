"""Directory sign-in against a real OpenLDAP server (benchguard/signin/tests/slapd.py),
through the login page (issue 16, part 4).

The settings are built from the environment a court's administrator would set
(config/ldap.py), pointed at the test's server; it lives here, with the project-wide
tests, because it needs both `config` and `signin` (tests/test_import_layers.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings

from benchguard.config.ldap import ldap_settings
from benchguard.core.models import AuditEntry
from benchguard.organization import services as organization
from benchguard.organization.demo import DEMO_PASSWORD
from benchguard.organization.models import Account, Court, RoleAssignment
from benchguard.signin.models import DirectoryGrant
from benchguard.signin.rules import GroupRole, parse_group_roles
from benchguard.signin.tests.slapd import EVERYONE_GROUP, OFFICE_GROUP, USERS, Directory, running_slapd

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
OFFICE_RULE = f"{OFFICE_GROUP} | 370200 | committee_office"
BACKENDS = [*settings.AUTHENTICATION_BACKENDS, "benchguard.signin.directory.DirectoryBackend"]


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Directory]:
    """A real OpenLDAP server with the test court's directory, for this module's tests."""
    folder: Path = tmp_path_factory.mktemp("slapd")
    with running_slapd(folder) as found:
        yield found


@contextmanager
def configured(directory: Directory, **environ: str) -> Iterator[None]:
    with override_settings(**ldap_settings(directory.environ(**environ)), AUTHENTICATION_BACKENDS=BACKENDS):
        yield


def sign_in(username: str, password: str) -> tuple[Client, int]:
    client = Client()
    response = client.post(LOGIN, {"username": username, "password": password})
    return client, response.status_code


def test_a_directory_user_signs_in_and_gets_an_account_without_rights(directory: Directory) -> None:
    name, password = USERS["dir.zhou"]
    with configured(directory, LDAP_GROUP_ROLES=OFFICE_RULE):
        client, status = sign_in("dir.zhou", password)
        assert status == 302
        assert client.get("/").status_code == 200  # the session holds (the directory's backend)
    account = Account.objects.get(username="dir.zhou")
    assert account.display_name == name
    assert account.email == "dir.zhou@court.test"
    assert not account.has_usable_password()  # never a local password: the directory checks it
    assert not RoleAssignment.objects.filter(account=account).exists()  # an unmapped user: no role
    assert not hasattr(account, "person") or account.person is None  # linking stays the administrator's
    assert AuditEntry.objects.filter(
        action="signin.directory.account_created", object_id=str(account.pk)
    ).exists()


def test_a_wrong_directory_password_is_refused_and_counted_by_axes(directory: Directory) -> None:
    _name, password = USERS["dir.zhou"]
    with configured(directory):
        for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
            _client, status = sign_in("dir.zhou", "not-the-password")
            assert status == 200  # the login page again, with its error
        assert (
            AccessAttempt.objects.get(username="dir.zhou").failures_since_start
            == settings.AXES_FAILURE_LIMIT - 1
        )
        _client, status = sign_in("dir.zhou", "not-the-password")
        assert status == 429  # locked
        _client, status = sign_in("dir.zhou", password)
        assert status == 429  # even the right password, while the lock lasts
    assert not Account.objects.filter(username="dir.zhou").exists()
    assert AuditEntry.objects.filter(action="auth.locked_out", data__username="dir.zhou").exists()


def test_a_mapped_group_yields_the_configured_role_and_leaving_it_takes_it_back(directory: Directory) -> None:
    _name, password = USERS["dir.office"]
    court = Court.objects.get(division_code="370200")
    with configured(directory, LDAP_GROUP_ROLES=OFFICE_RULE):
        _client, status = sign_in("dir.office", password)
        assert status == 302
        account = Account.objects.get(username="dir.office")
        granted = RoleAssignment.objects.get(account=account)
        assert (granted.role, granted.court_id) == ("committee_office", court.pk)
        assert DirectoryGrant.objects.get(assignment=granted).group_dn == OFFICE_GROUP
        assert AuditEntry.objects.filter(
            action="organization.role.assign", object_id=str(account.pk)
        ).exists()

        # The administrator also gave a role by hand; then the person leaves the group.
        organization.assign_role(actor=None, account=account, role="judge", court=court)
        directory.set_members(OFFICE_GROUP, ["dir.zhou"])  # groupOfNames needs one member
        try:
            _client, status = sign_in("dir.office", password)
        finally:
            directory.set_members(OFFICE_GROUP, ["dir.office"])
    assert status == 302
    assert list(RoleAssignment.objects.filter(account=account).values_list("role", flat=True)) == ["judge"]
    assert AuditEntry.objects.filter(action="organization.role.revoke", object_id=str(account.pk)).exists()
    synced = AuditEntry.objects.filter(action="signin.directory.roles", object_id=str(account.pk)).order_by(
        "id"
    )
    assert [(e.data["added"], e.data["removed"]) for e in synced] == [
        (["committee_office"], []),
        ([], ["committee_office"]),
    ]


def test_a_user_in_unmapped_groups_only_gets_no_role(directory: Directory) -> None:
    _name, password = USERS["dir.zhou"]  # in all-staff, which no rule names
    with configured(directory, LDAP_GROUP_ROLES=OFFICE_RULE):
        _client, status = sign_in("dir.zhou", password)
    assert status == 302
    assert not RoleAssignment.objects.filter(account__username="dir.zhou").exists()


def test_local_accounts_keep_signing_in_and_the_directory_cannot_take_one_over(directory: Directory) -> None:
    _name, directory_password = USERS["judge"]  # the directory has a "judge" too
    with configured(directory, LDAP_GROUP_ROLES=f"{EVERYONE_GROUP} | 370200 | committee_office"):
        client, status = sign_in("judge", DEMO_PASSWORD)
        assert status == 302
        assert client.get("/").status_code == 200
        _client, status = sign_in("judge", directory_password)
    assert status == 200  # refused: the local account signs in with its own password only
    judge = Account.objects.get(username="judge")
    assert list(RoleAssignment.objects.filter(account=judge).values_list("role", flat=True)) == ["judge"]


def test_an_account_the_administrator_made_for_the_directory_signs_in_through_it(
    directory: Directory,
) -> None:
    made = organization.create_account(actor=None, username="dir.zhou", display_name="周明", password=None)
    _name, password = USERS["dir.zhou"]
    with configured(directory, LDAP_CREATE_ACCOUNTS="0"):
        _client, status = sign_in("dir.zhou", password)
        assert status == 302
        _client, status = sign_in("dir.office", USERS["dir.office"][1])
    assert status == 200  # no account made for it, and new ones are not created
    assert Account.objects.filter(username__startswith="dir.").get() == made


def test_directory_sign_in_is_off_without_a_server_and_rules_are_checked() -> None:
    assert ldap_settings({}) == {}
    with pytest.raises(ImproperlyConfigured, match="LDAP_USER_SEARCH_BASE"):
        ldap_settings({"LDAP_SERVER_URI": "ldap://127.0.0.1:1"})
    with pytest.raises(ImproperlyConfigured, match="LDAP_GROUP_SEARCH_BASE"):
        ldap_settings(
            {"LDAP_SERVER_URI": "ldap://x", "LDAP_USER_SEARCH_BASE": "dc=x", "LDAP_GROUP_ROLES": OFFICE_RULE}
        )
    assert parse_group_roles(
        "# office\nCN=BG-Office, OU=Groups,DC=court,DC=test | 370200 | committee_office ; "
        "cn=police,dc=x | 370202 | division_chief | 民事审判第一庭"
    ) == [
        GroupRole("cn=bg-office,ou=groups,dc=court,dc=test", "370200", "committee_office"),
        GroupRole("cn=police,dc=x", "370202", "division_chief", "民事审判第一庭"),
    ]
    with pytest.raises(ImproperlyConfigured, match="not 'group DN"):
        parse_group_roles("cn=office,dc=x | committee_office")


def test_the_system_check_reports_a_rule_with_an_unknown_role() -> None:
    from benchguard.signin.checks import check_group_roles

    rules = parse_group_roles(f"{OFFICE_GROUP} | 370200 | committee_office; {EVERYONE_GROUP} | 370200 | boss")
    with override_settings(BENCHGUARD_LDAP_GROUP_ROLES=rules):
        assert [message.id for message in check_group_roles()] == ["signin.E001"]


def test_without_slapd_the_directory_tests_fail_and_say_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchguard.signin.tests import slapd

    monkeypatch.setattr(slapd.shutil, "which", lambda name: None)
    monkeypatch.setattr(slapd, "SLAPD_PATHS", ())
    with (
        pytest.raises(pytest.fail.Exception, match="apt-get install slapd ldap-utils"),
        running_slapd(tmp_path),
    ):
        pass


def test_with_the_directory_down_local_accounts_sign_in_and_directory_users_are_refused_cleanly() -> None:
    down = Directory("ldap://127.0.0.1:9")  # the discard port: nothing answers LDAP there
    with configured(down, LDAP_TIMEOUT_SECONDS="1"):
        client, status = sign_in("judge", DEMO_PASSWORD)
        assert status == 302
        assert client.get("/").status_code == 200
        _client, status = sign_in("dir.zhou", USERS["dir.zhou"][1])
    assert status == 200  # the login page with its error, not a server error
    assert not Account.objects.filter(username="dir.zhou").exists()
