"""Signing in, lockout after repeated failures, language per user."""

from collections.abc import Callable

from django.test import Client

from benchguard.core.models import AuditEntry
from benchguard.organization.demo import DEMO_PASSWORD
from benchguard.organization.models import Account


def test_the_login_page_is_in_chinese_by_default(db: None) -> None:
    page = Client(HTTP_ACCEPT_LANGUAGE="en-US").get("/accounts/login/").content.decode()
    assert "登录" in page


def test_a_judge_signs_in_and_lands_on_the_judges_workbench(db: None) -> None:
    client = Client()
    response = client.post("/accounts/login/", {"username": "judge", "password": DEMO_PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    page = response.content.decode()
    assert "王立明" in page
    assert response.context["primary_role"] == "judge"
    assert AuditEntry.objects.filter(action="auth.login", actor_name="王立明").exists()


def test_the_account_is_locked_after_five_wrong_passwords(db: None) -> None:
    client = Client()
    for _ in range(4):
        response = client.post("/accounts/login/", {"username": "clerk", "password": "wrong-password"})
        assert response.status_code == 200
        assert response.context["form"].non_field_errors()
    locked = client.post("/accounts/login/", {"username": "clerk", "password": "wrong-password"})
    assert locked.status_code == 429
    # Even the right password is refused while the lock lasts.
    again = client.post("/accounts/login/", {"username": "clerk", "password": DEMO_PASSWORD})
    assert again.status_code == 429
    assert AuditEntry.objects.filter(action="auth.locked_out", data__username="clerk").exists()


def test_a_user_switches_to_english_and_it_sticks_to_the_account(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    client = client_as("office")
    client.post("/accounts/language/", {"language": "en", "next": "/"})
    assert persona("office").language == "en"
    fresh = client_as("office")  # another browser, no language cookie
    assert "Sign out" in fresh.get("/").content.decode()


def test_an_unknown_language_is_refused(client_as: Callable[[str | None], Client]) -> None:
    assert client_as("office").post("/accounts/language/", {"language": "tlh"}).status_code == 400


def test_the_language_redirect_does_not_leave_the_site(
    client_as: Callable[[str | None], Client],
) -> None:
    response = client_as("office").post(
        "/accounts/language/", {"language": "en", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_court_admin_unlocks_a_locked_account(client_as: Callable[[str | None], Client]) -> None:
    anonymous = Client()
    for _ in range(5):
        anonymous.post("/accounts/login/", {"username": "clerk", "password": "wrong-password"})
    assert (
        anonymous.post("/accounts/login/", {"username": "clerk", "password": DEMO_PASSWORD}).status_code
        == 429
    )
    clerk = Account.objects.get(username="clerk")
    response = client_as("admin").post(
        "/admin/organization/account/", {"action": "unlock", "_selected_action": [clerk.pk]}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="organization.account.unlock", actor_name="许明").exists()
    signed_in = anonymous.post("/accounts/login/", {"username": "clerk", "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302


def test_a_user_changes_their_password(client_as: Callable[[str | None], Client]) -> None:
    client = client_as("guard")
    weak = client.post(
        "/accounts/password/",
        {"old_password": DEMO_PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert weak.status_code == 200
    assert "new_password2" in weak.context["form"].errors
    done = client.post(
        "/accounts/password/",
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "gate-keeper-2027",
            "new_password2": "gate-keeper-2027",
        },
    )
    assert done.status_code == 302
    signed_in = Client().post("/accounts/login/", {"username": "guard", "password": "gate-keeper-2027"})
    assert signed_in.status_code == 302
