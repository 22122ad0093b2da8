"""`make demo HOST=… PORT=…`: the demo mails links to the address it serves on, and
writes its e-mails to files under var/mail/ with one line each in the terminal."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.test import override_settings

from benchguard.core.management.commands.serve_demo import apply_demo_settings, demo_settings
from benchguard.notifications.services import notify, send_notification_email
from benchguard.organization.models import Account


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
