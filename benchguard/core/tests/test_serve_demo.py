"""`make demo HOST=… PORT=…`: the demo prints and mails links to the address it serves
on, and writes its e-mails to files under var/mail/ with one line each in the terminal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.test import override_settings

from benchguard.core.management.commands.serve_demo import apply_demo_settings, demo_settings
from benchguard.notifications.services import notify, send_notification_email
from benchguard.organization.models import Account


def test_the_host_and_port_given_become_the_address_in_links() -> None:
    values = demo_settings(host="10.1.2.3", port=9000, base_url=None, mail_dir=None)

    assert values == {
        "BENCHGUARD_BASE_URL": "http://10.1.2.3:9000",
        "EMAIL_BACKEND": "benchguard.core.demo_mail.EmailBackend",
        "EMAIL_FILE_PATH": str(Path(settings.VAR_DIR) / "mail"),
    }
    assert demo_settings(host="::1", port=8001, base_url=None, mail_dir=None)["BENCHGUARD_BASE_URL"] == (
        "http://[::1]:8001"
    )


def test_an_explicit_base_url_wins_and_must_be_a_web_address() -> None:
    values = demo_settings(host="0.0.0.0", port=8000, base_url="http://bg.court:8000/", mail_dir="/tmp/m")  # noqa: S104, S108
    assert values["BENCHGUARD_BASE_URL"] == "http://bg.court:8000"
    assert values["EMAIL_FILE_PATH"] == "/tmp/m"  # noqa: S108
    with pytest.raises(CommandError):
        demo_settings(host="127.0.0.1", port=8000, base_url="bg.court:8000", mail_dir=None)


def test_the_server_answers_to_the_host_it_serves_on() -> None:
    with override_settings(ALLOWED_HOSTS=["127.0.0.1", "localhost"]):
        apply_demo_settings(
            demo_settings(host="10.1.2.3", port=9000, base_url=None, mail_dir=None), host="10.1.2.3"
        )
        assert settings.ALLOWED_HOSTS == ["127.0.0.1", "localhost", "10.1.2.3"]
        assert settings.BENCHGUARD_BASE_URL == "http://10.1.2.3:9000"


def test_demo_mails_link_to_the_served_address_and_go_to_files_with_one_line_each(
    persona: Callable[[str], Account], tmp_path: Path, caplog: Any
) -> None:
    mail_dir = tmp_path / "mail"
    recipients = [persona("office"), persona("chair"), persona("judge")]
    created = notify(recipients=recipients, kind="demo.check", title="演示通知", url="/matters/", email=False)

    with override_settings():
        apply_demo_settings(
            demo_settings(host="10.1.2.3", port=9000, base_url=None, mail_dir=str(mail_dir)), host="10.1.2.3"
        )
        with caplog.at_level(logging.INFO, logger="benchguard.mail"):
            for notification in created:
                assert send_notification_email(notification_id=notification.pk)

    files = sorted(mail_dir.iterdir())
    assert len(files) == 3
    texts = [path.read_bytes().decode() for path in files]
    assert all("http://10.1.2.3:9000/matters/" in text for text in texts)
    assert sorted(next(line for line in t.splitlines() if line.startswith("To: ")) for t in texts) == [
        "To: chair@court.local",
        "To: judge@court.local",
        "To: office@court.local",
    ]
    lines = [r.getMessage() for r in caplog.records if r.name == "benchguard.mail"]
    assert len(lines) == 3
    assert all("\n" not in line for line in lines)
    assert {line.split(": ", 1)[0] for line in lines} == {
        "e-mail to office@court.local",
        "e-mail to chair@court.local",
        "e-mail to judge@court.local",
    }
    assert {line.rsplit(" -> ", 1)[1] for line in lines} == {str(path) for path in files}
