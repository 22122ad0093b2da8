"""Two-step sign-in (TOTP and recovery codes): who needs it, enrolment, the code after
the password, lockout, API tokens and the administrator's reset.

The test settings leave BENCHGUARD_OTP_REQUIRED off (the demo's and the suite's
sign-ins stay one step); the tests of the requirement turn it on themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from benchguard.core.models import AuditEntry
from benchguard.organization.demo import DEMO_PASSWORD, PERSONA_USERNAMES
from benchguard.organization.models import Account
from benchguard.signin.second_factor import needs_second_factor

pytestmark = pytest.mark.django_db

REQUIRED = override_settings(BENCHGUARD_OTP_REQUIRED=True)
# Readers of the controlled list (police, office, leaders), of others' private details
# (office, personnel), of counselling (counsellor), and those who can grant themselves
# any of it (the court's system administrator and the city administrator).
NEEDS = {"office", "chair", "vicechair", "leader", "police", "personnel", "admin", "cityadmin", "counsellor"}


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def signed_in(username: str) -> Client:
    """Signed in through the login form with the password (the first step only)."""
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return client


def enrol(client: Client) -> tuple[TOTPDevice, list[str]]:
    """Set up the authenticator as a person does: open the page, type the app's code."""
    page = client.get(reverse("signin:enrol"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=page.context["user"], confirmed=False)
    done = client.post(reverse("signin:enrol"), {"code": code_of(device)})
    assert done.headers["Location"] == reverse("signin:codes")
    shown = client.get(reverse("signin:codes"))
    codes = re.findall(r"<li class=\"col\">([a-z2-7]+)</li>", shown.content.decode())
    return TOTPDevice.objects.get(pk=device.pk), codes


@pytest.mark.parametrize("username", PERSONA_USERNAMES)
def test_needs_second_factor_follows_the_areas_own_predicates(
    persona: Callable[[str], Account], username: str
) -> None:
    assert needs_second_factor(persona(username)) is (username in NEEDS)


@REQUIRED
def test_a_required_user_without_a_device_reaches_nothing_but_enrolment() -> None:
    client = signed_in("office")
    for page in ("/", reverse("persons_of_concern:person_list"), reverse("wellbeing:mine")):
        response = client.get(page)
        assert response.status_code == 302
        assert response.headers["Location"].startswith(reverse("signin:enrol"))
    api = client.get("/api/people/")  # the API through the signed-in session
    assert api.status_code == 403
    with translation.override(settings.LANGUAGE_CODE):
        said = _("Verify your second factor on the sign-in page before using the API.")
    assert api.json()["detail"] == said
    enrolment = client.get(reverse("signin:enrol"))
    assert enrolment.status_code == 200
    assert "data-nav=" not in enrolment.content.decode()  # no menu of what cannot be opened yet
    # Someone whose roles do not call for it is not held up.
    assert signed_in("judge").get("/").status_code == 200


def test_without_the_requirement_the_home_page_offers_enrolment_to_those_who_need_it(
    client_as: Callable[[str | None], Client],
) -> None:
    assert 'data-testid="second-factor-offer"' in client_as("office").get("/").content.decode()
    assert 'data-testid="second-factor-offer"' not in client_as("judge").get("/").content.decode()


@pytest.mark.parametrize("username", sorted(NEEDS))
def test_the_offer_names_what_the_roles_reach_and_nothing_else(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account], username: str
) -> None:
    """A court leader was told their roles reach counselling records, which the
    counselling page rightly says no leader can see."""
    from benchguard.wellbeing.permissions import is_counsellor

    page = client_as(username).get("/").content.decode()
    offer = page.split('data-testid="second-factor-offer"')[1].split("</div></div>")[0]
    assert ("心理咨询" in offer) is is_counsellor(persona(username)), username
    assert "您的角色可以查看" in offer


@REQUIRED
def test_enrolment_shows_a_qr_code_and_ten_recovery_codes_once() -> None:
    client = signed_in("office")
    page = client.get(reverse("signin:enrol")).content.decode()
    assert "<svg" in page and "otpauth://totp/BenchGuard%3Aoffice?secret=" in page
    wrong = client.post(reverse("signin:enrol"), {"code": "000000"})
    assert wrong.status_code == 200 and wrong.context["form"].errors["code"]

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):  # past the throttle a wrong code set
        device, codes = enrol(client)
    assert device.confirmed
    assert len(codes) == 10 == len(set(codes))
    assert sorted(
        StaticToken.objects.filter(device__user=device.user).values_list("token", flat=True)
    ) == sorted(codes)
    assert client.get(reverse("signin:codes")).status_code == 302  # shown once
    assert client.get(reverse("persons_of_concern:person_list")).status_code == 200  # verified session
    assert AuditEntry.objects.filter(action="signin.second_factor.enrol", actor_name="赵敏").exists()


@REQUIRED
def test_after_the_password_the_code_is_asked_and_a_recovery_code_works_once() -> None:
    device, codes = enrol(signed_in("office"))

    with time_machine.travel(timezone.now() + timedelta(minutes=1)):  # a fresh code
        client = signed_in("office")
        held = client.get(reverse("persons_of_concern:person_list"))
        assert held.headers["Location"].startswith(reverse("signin:verify"))
        response = client.post(
            reverse("signin:verify"), {"code": code_of(device), "next": "/persons-of-concern/"}
        )
        assert response.headers["Location"] == "/persons-of-concern/"
        assert client.get("/persons-of-concern/").status_code == 200

    client = signed_in("office")
    assert client.post(reverse("signin:verify"), {"code": codes[0]}).status_code == 302
    assert client.get("/").status_code == 200
    again = signed_in("office")
    refused = again.post(reverse("signin:verify"), {"code": codes[0]})
    assert refused.status_code == 200 and refused.context["form"].errors["code"]
    assert again.get("/").status_code == 302
    assert StaticToken.objects.filter(device__user=device.user).count() == 9


@REQUIRED
def test_wrong_codes_count_toward_the_lockout_like_wrong_passwords() -> None:
    enrol(signed_in("police"))
    client = signed_in("police")
    for _attempt in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(reverse("signin:verify"), {"code": "123456"}).status_code == 200
    locked = client.post(reverse("signin:verify"), {"code": "123456"})
    assert locked.status_code == 429
    assert client.get("/").headers["Location"].startswith(reverse("login"))  # signed out
    # The password alone no longer opens a session either while the lock lasts.
    assert (
        Client().post(reverse("login"), {"username": "police", "password": DEMO_PASSWORD}).status_code == 429
    )
    assert AuditEntry.objects.filter(action="auth.locked_out", data__username="police").exists()


@REQUIRED
def test_api_tokens_of_required_accounts_work_only_when_issued_after_the_second_factor(
    persona: Callable[[str], Account],
) -> None:
    office = persona("office")
    made_by_command = Token.objects.create(user=office)  # as `drf_create_token office` does
    refused = Client().get("/api/people/", HTTP_AUTHORIZATION=f"Token {made_by_command.key}")
    assert refused.status_code == 401

    client = signed_in("office")
    enrol(client)
    page = client.post(reverse("signin:api_token"))
    key = re.search(r'data-testid="api-token">([0-9a-f]{40})<', page.content.decode()).group(1)  # type: ignore[union-attr]
    assert Client().get("/api/people/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    assert not Token.objects.filter(key=made_by_command.key).exists()  # replaced
    # A judge's token needs no second factor.
    judge_token = Token.objects.create(user=persona("judge"))
    assert Client().get("/api/people/", HTTP_AUTHORIZATION=f"Token {judge_token.key}").status_code == 200


def test_a_token_is_issued_only_in_a_verified_session(client_as: Callable[[str | None], Client]) -> None:
    assert client_as("office").post(reverse("signin:api_token")).status_code == 403


@REQUIRED
def test_the_court_administrator_resets_a_lost_phone_and_it_is_audited(
    persona: Callable[[str], Account],
) -> None:
    office_session = signed_in("office")
    enrol(office_session)
    assert office_session.get("/").status_code == 200

    admin = signed_in("admin")  # the court's system administrator: needs the second factor too
    enrol(admin)
    listed = admin.get(reverse("signin:accounts"), {"q": "office"})
    assert "office" in listed.content.decode()
    office = persona("office")
    done = admin.post(reverse("signin:reset", args=[office.pk]), {"reason": "手机遗失，已当面核实身份"})
    assert done.headers["Location"] == reverse("signin:accounts")

    assert not TOTPDevice.objects.filter(user=office).exists()
    assert not StaticToken.objects.filter(device__user=office).exists()
    entry = AuditEntry.objects.get(action="signin.second_factor.reset", object_id=str(office.pk))
    assert entry.actor_name == "许明" and entry.data["removed"] == 2
    # The session verified with the old phone is held again until a new one is set up.
    held = office_session.get("/", follow=True)
    assert held.redirect_chain[-1][0].startswith(reverse("signin:enrol"))
    # Not the city administrator (no court of theirs), and not oneself.
    assert admin.get(reverse("signin:reset", args=[persona("cityadmin").pk])).status_code == 404
    assert admin.get(reverse("signin:reset", args=[persona("admin").pk])).status_code == 404


def test_only_administrators_open_the_reset_pages(client_as: Callable[[str | None], Client]) -> None:
    assert client_as("office").get(reverse("signin:accounts")).status_code == 403
    assert client_as("cityadmin").get(reverse("signin:accounts")).status_code == 200


def test_with_the_requirement_off_an_enrolled_account_is_still_asked_for_its_code() -> None:
    device, _codes = enrol(signed_in("judge"))  # set up voluntarily
    client = signed_in("judge")
    assert client.get("/").headers["Location"].startswith(reverse("signin:verify"))
    with time_machine.travel(timezone.now() + timedelta(minutes=1)):
        assert client.post(reverse("signin:verify"), {"code": code_of(device)}).status_code == 302
        assert client.get("/").status_code == 200


@REQUIRED
def test_the_password_alone_reaches_no_recovery_codes_token_or_reset(
    persona: Callable[[str], Account],
) -> None:
    _device, codes = enrol(signed_in("office"))
    password_only = signed_in("office")
    for page in ("signin:new_recovery_codes", "signin:api_token"):
        response = password_only.post(reverse(page))
        assert response.headers["Location"].startswith(reverse("signin:verify"))
    assert sorted(
        StaticToken.objects.filter(device__user__username="office").values_list("token", flat=True)
    ) == (sorted(codes))
    assert not Token.objects.filter(user__username="office").exists()

    admin = signed_in("admin")  # an administrator with the password only, not enrolled
    assert admin.get(reverse("signin:accounts")).headers["Location"].startswith(reverse("signin:enrol"))
    admin.post(reverse("signin:reset", args=[persona("office").pk]), {"reason": "无"})
    assert TOTPDevice.objects.filter(user=persona("office"), confirmed=True).exists()
    assert not AuditEntry.objects.filter(action="signin.second_factor.reset").exists()
