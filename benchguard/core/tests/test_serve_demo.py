"""`make demo HOST=… PORT=…`: the demo prints links to the address it serves on (its
e-mails: notifications/tests/test_serve_demo_mail.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import CommandError
from django.test import override_settings

from benchguard.core.management.commands.serve_demo import apply_demo_settings, demo_settings


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
